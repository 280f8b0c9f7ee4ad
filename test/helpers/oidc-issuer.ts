// A stand-in identity provider on loopback for the OIDC and production smoke tests: an OIDC discovery document and
// a JWKS with a key pair made here (jose), and access tokens for any person with the claim names the API expects by
// default (`roles`, `gemeinden`, `sub`, `name`). The keys are handed out too, for tests that forge their own tokens.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

export interface TestPerson {
  id: string;
  name: string;
  roles: string[];
  gemeinden?: string[];
}

export interface TestIssuer {
  issuer: string;
  audience: string;
  alg: string;
  kid: string;
  privateKey: KeyLike;
  /** a key of the same kind that the JWKS does not know */
  strangerKey: KeyLike;
  /** how often the JWKS has been fetched */
  jwksRequests(): number;
  token(person: TestPerson, options?: { key?: 'stranger' }): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcIssuer(options: { audience?: string; alg?: string; kid?: string } = {}): Promise<TestIssuer> {
  const { audience = 'ku-onboarding-api', alg = 'ES256', kid = 'test-1' } = options;
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const stranger: KeyLike = (await generateKeyPair(alg)).privateKey;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  let jwksRequests = 0;
  let issuer = '';
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/realms/ku/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs`, authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${issuer}/protocol/openid-connect/token`, id_token_signing_alg_values_supported: [alg] }));
    } else if (req.url === '/realms/ku/protocol/openid-connect/certs') {
      jwksRequests++;
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/ku`;

  return {
    issuer,
    audience,
    alg,
    kid,
    privateKey,
    strangerKey: stranger,
    jwksRequests: () => jwksRequests,
    token: (p, options = {}) =>
      new SignJWT({ name: p.name, roles: p.roles, gemeinden: p.gemeinden ?? [] })
        .setProtectedHeader({ alg, kid, typ: 'at+jwt' })
        .setSubject(p.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(options.key === 'stranger' ? stranger : privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
