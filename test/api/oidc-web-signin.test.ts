// The web UI's sign-in code (web/src/auth/oidc.ts, bundled as the browser gets it) talks to an http issuer on this
// machine, as the API does, and still refuses plain http anywhere else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { startOidcIssuer, type TestIssuer } from '../helpers/oidc-issuer';

/** the part of web/src/auth/oidc.ts used here (its own types need the browser's DOM library) */
interface WebOidc {
  discover(cfg: { mode: 'oidc'; issuer: string; clientId: string; scopes: string[] }): Promise<{ issuer: string; authorization_endpoint?: string }>;
  isLoopbackHttp(issuer: string): boolean;
}

let idp: TestIssuer;
let web: WebOidc;
let dir: string;

beforeAll(async () => {
  idp = await startOidcIssuer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-oidc-'));
  const outfile = path.join(dir, 'oidc.js');
  // oauth4webapi is an ES module; the bundle makes it loadable here exactly as the browser bundle contains it
  await build({ entryPoints: [path.join(__dirname, '../../web/src/auth/oidc.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
  web = require(outfile) as WebOidc;
});
afterAll(async () => {
  await idp.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cfg = (issuer: string) => ({ mode: 'oidc' as const, issuer, clientId: 'ku-web', scopes: ['openid'] });

describe('web sign-in against an http issuer', () => {
  it('discovers a loopback http issuer (oauth4webapi would refuse it without the loopback exception)', async () => {
    const as = await web.discover(cfg(idp.issuer));
    expect(as.issuer).toBe(idp.issuer);
    expect(as.authorization_endpoint).toBe(`${idp.issuer}/protocol/openid-connect/auth`);
  });

  it('still refuses plain http for an issuer that is not on this machine', async () => {
    await expect(web.discover(cfg('http://idp.example.invalid/realms/ku'))).rejects.toThrow(/https/i);
    expect(web.isLoopbackHttp('http://localhost:8080/x')).toBe(true);
    expect(web.isLoopbackHttp('http://127.0.0.1.example.com/x')).toBe(false);
    expect(web.isLoopbackHttp('https://127.0.0.1/x')).toBe(false);
  });
});
