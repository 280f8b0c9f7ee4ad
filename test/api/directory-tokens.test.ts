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

it('names people for everyone signed in, a Gemeinde user only staff and its own Gemeinde', async () => {
  const store = await openStore({ dataDir: fs.mkdtempSync(path.join(dataDir, 'names-')) });
  try {
    const { app } = apiOn(store);
    const bearer = async (person: { id: string; name: string; roles: string[]; gemeinden?: string[] }) =>
      ({ Authorization: `Bearer ${await idp.token(person)}` });
    const koch = await bearer({ id: 'm.koch', name: 'Markus Koch', roles: ['arbeitsplatz'] });
    const kaufering = await bearer({ id: 'bm-kaufering', name: 'Bürgermeister Kaufering', roles: ['gemeinde'], gemeinden: ['09181128'] });
    const penzing = await bearer({ id: 'bm-penzing', name: 'Bürgermeisterin Penzing', roles: ['gemeinde'], gemeinden: ['09181139'] });
    for (const h of [koch, kaufering, penzing]) await request(app).get('/api/v1/me').set(h).expect(200);

    const names = async (h: Record<string, string>) => {
      const res = await request(app).get('/api/v1/people').set(h);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string; name: string }[]).map((p) => p.id).sort();
    };
    expect(await names(koch)).toEqual(['bm-kaufering', 'bm-penzing', 'm.koch']);
    // the Bürgermeister sees the IT company's staff and himself, never another Gemeinde's people
    expect(await names(kaufering)).toEqual(['bm-kaufering', 'm.koch']);
    expect((await request(app).get('/api/v1/people')).status).toBe(401);

    // names on demand: the ids a page shows, as far as the caller may see them; unknown ids are simply missing
    const named = async (h: Record<string, string>, query: string) => {
      const res = await request(app).get(`/api/v1/people?${query}`).set(h);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((p) => p.id).sort();
    };
    expect(await named(koch, 'ids=bm-penzing,%20m.koch,gibt-es-nicht')).toEqual(['bm-penzing', 'm.koch']);
    expect(await named(kaufering, 'ids=bm-penzing,m.koch')).toEqual(['m.koch']);
    expect(await named(koch, 'role=gemeinde')).toEqual(['bm-kaufering', 'bm-penzing']);
    expect(await named(koch, 'role=gemeinde&ids=bm-penzing')).toEqual(['bm-penzing']);
    const tooMany = await request(app).get(`/api/v1/people?ids=${Array.from({ length: 101 }, (_, i) => `p${i}`).join(',')}`).set(koch);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ path: 'query.ids', message: 'Höchstens 100 Kennungen' }]);
    const tooLong = await request(app).get(`/api/v1/people?ids=${'x'.repeat(8001)}`).set(koch);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([{ path: 'query.ids', message: 'Höchstens 8000 Zeichen' }]);
    const badRole = await request(app).get('/api/v1/people?role=hausmeister').set(koch);
    expect(badRole.status).toBe(422);
    expect(badRole.body.errors[0]).toMatchObject({ path: 'query.role', message: 'Bitte einen der angebotenen Werte wählen' });
  } finally {
    await store.close();
  }
});
