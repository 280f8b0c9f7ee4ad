// Without a directory, people are learned from their verified sign-in tokens and stored in the database (here the
// embedded PGlite, the same SQL as a server): after a restart the API still knows whom it may assign and name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { authenticationFor } from '../../api/auth-setup';
import { loadConfig } from '../../config/env';
import { openStore, type Store } from '../../store/store';
import { startOidcIssuer, type TestIssuer } from '../helpers/oidc-issuer';
import { lightApp } from './support/light-app';

let idp: TestIssuer;
let dataDir: string;

beforeAll(async () => {
  idp = await startOidcIssuer();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'people-'));
});
afterAll(async () => {
  await idp.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function apiOn(store: Store) {
  const config = loadConfig({ NODE_ENV: 'test', OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience });
  const auth = authenticationFor(config, { people: store.people });
  const app = lightApp({ embedded: false, store, authenticate: auth.authenticate, users: auth.users, authConfig: auth.publicConfig, directory: 'tokens' });
  return { app, users: auth.users };
}

it('stores people seen in tokens, so a restart forgets no one; an admin lists them; a sync needs a directory', async () => {
  const first = await openStore({ dataDir });
  const before = apiOn(first);
  const bauer = await idp.token({ id: 'j.bauer', name: 'Josef Bauer', roles: ['vorstand'] });
  expect((await request(before.app).get('/api/v1/me').set('Authorization', `Bearer ${bauer}`)).status).toBe(200);
  await first.close();

  const store = await openStore({ dataDir });
  try {
    const after = apiOn(store);
    expect(await after.users.find('j.bauer')).toEqual({ id: 'j.bauer', name: 'Josef Bauer', roles: ['vorstand'], gemeinden: [], email: '' });
    const admin = { Authorization: `Bearer ${await idp.token({ id: 'n.lang', name: 'Nina Lang', roles: ['admin'] })}` };
    const list = await request(after.app).get('/api/v1/admin/people').set(admin);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ directory: 'tokens', lastSync: null });
    expect(list.body.items.find((p: { id: string }) => p.id === 'j.bauer')).toMatchObject({ source: 'token', active: true, roles: ['vorstand'], lastSeenAt: expect.any(String) });

    // a later token with other roles is what counts without a directory
    const again = await idp.token({ id: 'j.bauer', name: 'Josef Bauer', roles: ['bereichsleitung'] });
    await request(after.app).get('/api/v1/me').set('Authorization', `Bearer ${again}`).expect(200);
    expect((await after.users.find('j.bauer'))?.roles).toEqual(['bereichsleitung']);

    const sync = await request(after.app).post('/api/v1/admin/directory/sync').set(admin);
    expect(sync.status).toBe(409);
    expect(sync.body.detail).toMatch(/Kein Verzeichnis eingerichtet/);
  } finally {
    await store.close();
  }
});
