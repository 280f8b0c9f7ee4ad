// An identity provider whose certificate is not trusted (self-signed https) or whose name does not resolve: the
// cause (TLS/DNS, with its code) is logged once, /readyz says not ready with a German reason, requests get 503.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '../../config/env';
import { authenticationFor } from '../../api/auth-setup';
import { createLogger } from '../../api/logger';
import { lightApp } from './support/light-app';

let server: https.Server;
let issuer: string;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}/realms/ku`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function systemWith(oidcIssuer: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://ku:x@127.0.0.1:5432/ku', OIDC_ISSUER: oidcIssuer, OIDC_AUDIENCE: 'ku-onboarding-api' });
  const auth = authenticationFor(config, { logger: createLogger('info', sink) });
  const app = lightApp({ embedded: false, authenticate: auth.authenticate, users: auth.users, authConfig: auth.publicConfig, readiness: auth.readiness });
  return { app, lines };
}

const SOME_JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

describe('an identity provider that is not trusted or cannot be reached', () => {
  it('self-signed certificate: the TLS cause with its code is in the log and in /readyz', async () => {
    const { app, lines } = systemWith(issuer);
    const res = await request(app).get('/api/v1/me').set('Authorization', `Bearer ${SOME_JWT}`);
    expect(res.status).toBe(503);
    expect(res.body.detail).toBe('Der Anmeldedienst ist nicht erreichbar. Bitte später erneut versuchen.');

    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.oidc).toBe('unavailable');
    expect(ready.body.reasons.oidc).toMatch(/Zertifikat des Anmeldedienstes 127\.0\.0\.1:\d+ wird nicht vertraut \(DEPTH_ZERO_SELF_SIGNED_CERT\).*NODE_EXTRA_CA_CERTS/);

    const logged = lines.filter((l) => l.idp);
    // one line per change of cause, not one per request
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, idp: { kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect(JSON.stringify(lines)).not.toContain(SOME_JWT);
  });

  it('a name that does not resolve: the DNS cause', async () => {
    const { app, lines } = systemWith('https://idp.does-not-exist.invalid/realms/ku');
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.reasons.oidc).toMatch(/Der Name des Anmeldedienstes idp\.does-not-exist\.invalid ist nicht auflösbar \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(lines.find((l) => l.idp)).toMatchObject({ idp: { kind: 'dns' } });
  });
});
