// Production sign-in: OIDC access tokens (JWT) verified with jose against the issuer's published keys. Issuer,
// audience, expiry (with a small clock tolerance) and an asymmetric algorithm from an allow list are all required;
// `alg: none`, HMAC and tampered tokens fail signature verification and answer 401 like any bad token.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { OidcSettings } from '../config/auth-env';
import type { Authenticator } from './auth';
import { principalFromClaims } from './claims';
import { problem } from './problem';

const FETCH_TIMEOUT_MS = 5000;
/** a successful reachability probe is believed this long, so /readyz does not ask the provider every few seconds */
const PROBE_OK_MS = 30_000;

/** Why the identity provider could not be asked: logged (kind, code, host; never tokens) and named by /readyz. */
export interface IdpFailure {
  kind: 'tls' | 'dns' | 'timeout' | 'connection' | 'answer';
  /** the error code of Node's TLS/DNS/socket layer (`DEPTH_ZERO_SELF_SIGNED_CERT`, `ENOTFOUND`) or the HTTP status */
  code?: string;
  host: string;
  /** German, for /readyz */
  reason: string;
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;

/** The first `code` along the error's cause chain (fetch wraps the socket's error in `cause`). */
function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  }
  return undefined;
}

export function describeIdpFailure(err: unknown, host: string): IdpFailure {
  const code = errorCode(err);
  const name = (err as Error | undefined)?.name;
  if (err instanceof IdpAnswerError) return { kind: 'answer', code: err.code, host, reason: `Der Anmeldedienst ${host} antwortet unbrauchbar: ${err.message}.` };
  if (code && TLS_CODE.test(code)) {
    return { kind: 'tls', code, host, reason: `Dem Zertifikat des Anmeldedienstes ${host} wird nicht vertraut (${code}). Eigene Zertifizierungsstelle mit NODE_EXTRA_CA_CERTS angeben.` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { kind: 'dns', code, host, reason: `Der Name des Anmeldedienstes ${host} ist nicht auflösbar (${code}).` };
  if (name === 'TimeoutError' || name === 'AbortError' || err instanceof errors.JWKSTimeout || code === 'ETIMEDOUT' || code === 'ERR_JWKS_TIMEOUT') {
    return { kind: 'timeout', code: code ?? 'TIMEOUT', host, reason: `Der Anmeldedienst ${host} antwortet nicht innerhalb von ${FETCH_TIMEOUT_MS / 1000} s.` };
  }
  return { kind: 'connection', ...(code ? { code } : {}), host, reason: `Der Anmeldedienst ${host} ist nicht erreichbar${code ? ` (${code})` : ''}.` };
}

/** The provider answered, but not with what we need (an HTTP error, another issuer, no keys). */
class IdpAnswerError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/** Thrown by the readiness check; `reason` is what /readyz shows. */
export class IdpUnavailableError extends Error {
  constructor(readonly failure: IdpFailure) {
    super(failure.reason);
  }
}

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
  if (!res.ok) throw new IdpAnswerError(`Discovery-Dokument mit HTTP ${res.status}`, String(res.status));
  const doc = (await res.json().catch(() => ({}))) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== settings.issuer) throw new IdpAnswerError('Discovery-Dokument nennt einen anderen Aussteller');
  if (typeof doc.jwks_uri !== 'string') throw new IdpAnswerError('Discovery-Dokument nennt keine jwks_uri');
  return checkKeyUrl(doc.jwks_uri, 'jwks_uri');
}

/** Discovery and the key set, fetched as the verification would: the readiness probe's question. */
async function probe(settings: OidcSettings): Promise<void> {
  const url = await jwksUrl(settings);
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { Accept: 'application/json' } });
  if (!res.ok) throw new IdpAnswerError(`Schlüsselsatz (JWKS) mit HTTP ${res.status}`, String(res.status));
  const jwks = (await res.json().catch(() => ({}))) as { keys?: unknown };
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new IdpAnswerError('Schlüsselsatz (JWKS) ohne Schlüssel');
}

export interface OidcAuthenticator extends Authenticator {
  /** readiness: resolves when discovery and keys can be fetched; throws IdpUnavailableError with the cause */
  ready(): Promise<void>;
}

export interface OidcOptions {
  /** told once per change of cause (not per request), and when the provider is reachable again */
  onFailure?: (failure: IdpFailure) => void;
  onRecovery?: (host: string) => void;
}

export function oidcAuthenticator(settings: OidcSettings, options: OidcOptions = {}): OidcAuthenticator {
  const host = new URL(settings.issuer).host;
  let failing: IdpFailure | undefined;
  let lastOk = 0;
  const failed = (err: unknown): IdpFailure => {
    lastOk = 0;
    const failure = describeIdpFailure(err, host);
    if (failing?.kind !== failure.kind || failing.code !== failure.code) options.onFailure?.(failure);
    failing = failure;
    return failure;
  };
  const recovered = () => {
    if (failing) options.onRecovery?.(host);
    failing = undefined;
  };

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

  const authenticate: Authenticator = async (token) => {
    // three base64url parts; anything else is no JWT and needs no key lookup
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token) || token.length > 16_384) return undefined;
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await keySet();
    } catch (err) {
      failed(err);
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
      recovered();
      return principalFromClaims(payload, settings.claims);
    } catch (err) {
      // the identity provider's keys could not be fetched: that is its outage, not a bad token
      if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
        failed(err);
        throw unreachable();
      }
      return undefined;
    }
  };

  const ready = async (): Promise<void> => {
    if (Date.now() - lastOk < PROBE_OK_MS) return;
    try {
      await probe(settings);
    } catch (err) {
      throw new IdpUnavailableError(failed(err));
    }
    lastOk = Date.now();
    recovered();
  };
  return Object.assign(authenticate, { ready });
}
