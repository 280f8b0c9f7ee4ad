// OIDC bearer tokens: a key pair made here, its JWKS and discovery document served on loopback, and tokens that
// are valid, expired, for another audience or issuer, unsigned, tampered or signed by a stranger. Only the valid
// ones get in; production refuses to start without OIDC and never takes a demo token.
import { SignJWT, UnsecuredJWT, type KeyLike } from 'jose';
import request from 'supertest';
import { oidcSettings } from '../../config/auth-env';
import { ConfigError, loadConfig } from '../../config/env';
import { demoAuthenticator } from '../../api/auth';
import { authenticationFor } from '../../api/auth-setup';
import { oidcAuthenticator } from '../../api/oidc';
import { startOidcIssuer, type TestIssuer } from '../helpers/oidc-issuer';
import { lightApp } from './support/light-app';

let idp: TestIssuer;
let issuer: string;
let privateKey: KeyLike;
let strangerKey: KeyLike;
const AUDIENCE = 'ku-onboarding-api';

beforeAll(async () => {
  idp = await startOidcIssuer({ audience: AUDIENCE, alg: 'RS256', kid: 'key-1' });
  ({ issuer, privateKey, strangerKey } = idp);
});
afterAll(() => idp.close());

const PRODUCTION_DB = 'postgres://ku:s3cret@127.0.0.1:5432/ku';

function env(over: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'production', DATABASE_URL: PRODUCTION_DB, OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_CLIENT_ID: 'ku-web',
    OIDC_ROLES_CLAIM: 'realm_access.roles', ...over,
  });
}

function appWith(config = env()) {
  const auth = authenticationFor(config);
  return lightApp({ embedded: config.embedded, authenticate: auth.authenticate, users: auth.users, authConfig: auth.publicConfig });
}

const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}, opts: { key?: KeyLike; alg?: string; kid?: string; exp?: number | null; iss?: string; aud?: string } = {}) {
  const jwt = new SignJWT({ name: 'Andrea Gruber', realm_access: { roles: ['projektleitung', 'offline_access'] }, gemeinden: [], ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'key-1', typ: 'at+jwt' })
    .setSubject('a.gruber')
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt();
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 300);
  return jwt.sign(opts.key ?? privateKey);
}

const me = (app: ReturnType<typeof appWith>, jwt: string) => request(app).get('/api/v1/me').set('Authorization', `Bearer ${jwt}`);

describe('OIDC tokens', () => {
  const app = () => appWith();

  it('accepts a valid token: user from sub, name, roles from a nested claim (unknown ones dropped), Gemeinden', async () => {
    const res = await me(app(), await token({ realm_access: { roles: ['gemeinde', 'uma_authorization'] }, gemeinden: ['09181128', 'kein-ags'] }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'a.gruber', name: 'Andrea Gruber', roles: ['gemeinde'], gemeinden: ['09181128'] });
  });

  it('allows a little clock skew, but not an expired token', async () => {
    expect((await me(app(), await token({}, { exp: now() - 10 }))).status).toBe(200);
    const expired = await me(app(), await token({}, { exp: now() - 120 }));
    expect(expired.status).toBe(401);
    expect(expired.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it.each([
    ['another audience', () => token({}, { aud: 'some-other-api' })],
    ['another issuer', () => token({}, { iss: 'http://127.0.0.1:1/realms/evil' })],
    ['no expiry', () => token({}, { exp: null })],
    ['a stranger\'s key under our kid', () => token({}, { key: strangerKey })],
    ['an unknown kid', () => token({}, { kid: 'key-2' })],
    ['not yet valid', async () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setSubject('x').setIssuer(issuer)
      .setAudience(AUDIENCE).setExpirationTime(now() + 3600).setNotBefore(now() + 600).sign(privateKey)],
    ['alg none (unsigned)', async () => new UnsecuredJWT({ realm_access: { roles: ['admin'] } }).setSubject('a.gruber').setIssuer(issuer)
      .setAudience(AUDIENCE).setExpirationTime(now() + 300).encode()],
    ['HS256 with a made-up secret', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: 'key-1' }).setSubject('a.gruber')
      .setIssuer(issuer).setAudience(AUDIENCE).setExpirationTime(now() + 300).sign(new TextEncoder().encode('x'.repeat(32)))],
    ['a tampered payload', async () => {
      const [header, , signature] = (await token()).split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'a.gruber', iss: issuer, aud: AUDIENCE, exp: now() + 300, realm_access: { roles: ['admin'] } })).toString('base64url');
      return `${header}.${forged}.${signature}`;
    }],
    ['no subject', () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setIssuer(issuer).setAudience(AUDIENCE)
      .setExpirationTime(now() + 300).sign(privateKey)],
    ['garbage', async () => 'not.a.jwt'],
    ['a demo token', async () => 'demo-a.gruber'],
  ])('answers 401 for %s', async (_what, make) => {
    const res = await me(app(), await make());
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401, title: 'Nicht angemeldet' });
  });

  it('takes the keys from a configured JWKS URL without discovery', async () => {
    const direct = appWith(env({ OIDC_JWKS_URL: `${issuer}/protocol/openid-connect/certs`, OIDC_ISSUER: issuer }));
    expect((await me(direct, await token())).status).toBe(200);
  });

  it('fetches the keys once, not per request', async () => {
    const a = app();
    const before = idp.jwksRequests();
    for (let i = 0; i < 5; i++) expect((await me(a, await token())).status).toBe(200);
    expect(idp.jwksRequests() - before).toBeLessThanOrEqual(1);
  });

  it('answers 503 when the identity provider cannot be reached', async () => {
    const settings = oidcSettings({ ...env(), OIDC_ISSUER: 'http://127.0.0.1:1/realms/ku' })!;
    const down = lightApp({ authenticate: oidcAuthenticator(settings) });
    const res = await me(down, await token());
    expect(res.status).toBe(503);
  });

  it('lets a token without roles authenticate, and nothing more', async () => {
    const jwt = await token({ realm_access: { roles: [] } });
    expect((await me(app(), jwt)).body.roles).toEqual([]);
    expect((await request(app()).get('/api/v1/catalog/verfahren').set('Authorization', `Bearer ${jwt}`)).status).toBe(403);
  });

  it('tells the UI how to sign in, and has no demo users', async () => {
    const res = await request(app()).get('/api/v1/auth/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'oidc', issuer, clientId: 'ku-web', scopes: ['openid', 'profile', 'email'] });
    expect((await request(app()).get('/api/v1/dev/users')).status).toBe(404);
    // the UI's browser talks to the issuer: the CSP lets it
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ${new URL(issuer).origin}`);
  });
});

describe('production start-up', () => {
  it('refuses NODE_ENV=production without OIDC, naming the variable', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: PRODUCTION_DB });
    expect(() => authenticationFor(config)).toThrow(ConfigError);
    expect(() => authenticationFor(config)).toThrow(/OIDC_ISSUER.*production/);
  });

  it('refuses production without a database password, never echoing the URL', () => {
    expect(() => env({ DATABASE_URL: '' })).toThrow(/DATABASE_URL/);
    const problem = (() => {
      try {
        env({ DATABASE_URL: 'postgres://ku@db.internal:5432/ku' });
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(problem).toMatch(/DATABASE_URL: production needs a database password/);
    expect(problem).not.toContain('db.internal');
    expect(env().DATABASE_URL).toBe(PRODUCTION_DB);
  });

  it('never builds the demo authenticator in production', () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => demoAuthenticator()).toThrow(/production/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('rejects half an OIDC configuration', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example/realms/ku' })).toThrow(/OIDC_AUDIENCE/);
    expect(() => loadConfig({ OIDC_AUDIENCE: 'api' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_ALGORITHMS: 'none' })).toThrow(/OIDC_ALGORITHMS/);
  });

  it('uses demo tokens outside production without OIDC', async () => {
    const auth = authenticationFor(loadConfig({ NODE_ENV: 'development' }));
    expect(auth.publicConfig).toEqual({ mode: 'demo' });
    expect(await auth.authenticate('demo-a.gruber')).toMatchObject({ id: 'a.gruber', roles: ['projektleitung'] });
    const res = await request(lightApp()).get('/api/v1/auth/config');
    expect(res.body).toEqual({ mode: 'demo' });
  });
});
