// Production sign-in: OIDC access tokens (JWT) verified with jose against the issuer's published keys. Issuer,
// audience, expiry (with a small clock tolerance) and an asymmetric algorithm from an allow list are all required;
// `alg: none`, HMAC and tampered tokens fail signature verification and answer 401 like any bad token.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { OidcSettings } from '../config/auth-env';
import type { Authenticator } from './auth';
import { principalFromClaims } from './claims';
import { problem } from './problem';

const FETCH_TIMEOUT_MS = 5000;

/** Key material only over TLS, except from this machine (tests, a local identity provider). */
function checkKeyUrl(raw: string, what: string): URL {
  const url = new URL(raw);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`${what} must be an https URL (got ${url.origin})`);
  }
  return url;
}

/** The JWKS URL: configured, or named by the issuer's discovery document (whose issuer must be ours). */
async function jwksUrl(settings: OidcSettings): Promise<URL> {
  if (settings.jwksUrl) return checkKeyUrl(settings.jwksUrl, 'OIDC_JWKS_URL');
  const discovery = checkKeyUrl(`${settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, 'OIDC_ISSUER');
  const res = await fetch(discovery, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`OIDC discovery answered ${res.status}`);
  const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== settings.issuer) throw new Error('OIDC discovery names another issuer');
  if (typeof doc.jwks_uri !== 'string') throw new Error('OIDC discovery names no jwks_uri');
  return checkKeyUrl(doc.jwks_uri, 'jwks_uri');
}

export function oidcAuthenticator(settings: OidcSettings): Authenticator {
  // Resolved on first use and kept; a failed discovery is retried by the next request instead of sticking.
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = (): Promise<JWTVerifyGetKey> => {
    keys ??= jwksUrl(settings)
      .then((url) => createRemoteJWKSet(url, { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }))
      .catch((err: unknown) => {
        keys = undefined;
        throw err;
      });
    return keys;
  };
  const unreachable = () => problem.unavailable('Der Anmeldedienst ist nicht erreichbar. Bitte später erneut versuchen.');

  return async (token) => {
    // three base64url parts; anything else is no JWT and needs no key lookup
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token) || token.length > 16_384) return undefined;
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await keySet();
    } catch {
      throw unreachable();
    }
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: settings.algorithms,
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['exp'],
      });
      return principalFromClaims(payload, settings.claims);
    } catch (err) {
      // the identity provider's keys could not be fetched: that is its outage, not a bad token
      if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) throw unreachable();
      return undefined;
    }
  };
}
