// Environment settings of sign-in (OIDC) and request limits, merged into config/env.ts's schema. Kept in their own
// file because the rule between them matters: production accepts OIDC tokens only, so it refuses to start without.
import { z } from 'zod';

/** a claim name (`roles`), a dotted path into nested claims (`realm_access.roles`), or a URL-like claim name */
const claim = z.string().trim().min(1).max(200).regex(/^\S+$/, 'a claim name or dotted path such as realm_access.roles');
const perMinute = z.coerce.number().int().min(1).max(10_000_000);

export const authEnvFields = {
  /** issuer URL of the identity provider; its discovery document names the JWKS */
  OIDC_ISSUER: z.url().optional(),
  /** expected `aud` of access tokens (comma-separated for several) */
  OIDC_AUDIENCE: z.string().trim().min(1).optional(),
  /** JWKS URL, when the issuer publishes no discovery document or a different one is wanted */
  OIDC_JWKS_URL: z.url().optional(),
  /** the web UI's public client id for its PKCE sign-in (default: the first audience) */
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
  OIDC_ROLES_CLAIM: claim.default('roles'),
  OIDC_GEMEINDEN_CLAIM: claim.default('gemeinden'),
  OIDC_USER_ID_CLAIM: claim.default('sub'),
  OIDC_NAME_CLAIM: claim.default('name'),
  /** accepted signature algorithms; `none` and HMAC are never accepted (no shared secrets with the IdP) */
  OIDC_ALGORITHMS: z
    .string()
    .regex(/^((RS|PS|ES)(256|384|512)|EdDSA)(,((RS|PS|ES)(256|384|512)|EdDSA))*$/, 'comma-separated asymmetric JWS algorithms, e.g. RS256,ES256')
    .default('RS256,PS256,ES256,EdDSA'),
  OIDC_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** requests per minute and bearer token (429 beyond) */
  RATE_LIMIT_PER_MINUTE: perMinute.default(1200),
  /** requests per minute and client address: a whole Gemeinde may sit behind one address */
  RATE_LIMIT_PER_MINUTE_PER_ADDRESS: perMinute.default(6000),
  /** Express `trust proxy`: `false`, `true`, `loopback`, a hop count or comma-separated addresses/CIDRs */
  TRUST_PROXY: z.string().trim().regex(/^(false|true|loopback|uniquelocal|linklocal|\d{1,2}|[\d.:/a-fA-F,\s]+)$/, 'false, true, loopback, a hop count or addresses').default('false'),
};

type AuthEnv = z.infer<z.ZodObject<typeof authEnvFields>>;

export interface OidcSettings {
  issuer: string;
  audience: string[];
  jwksUrl?: string;
  clientId: string;
  scopes: string[];
  claims: { roles: string; gemeinden: string; userId: string; name: string };
  algorithms: string[];
  clockToleranceSeconds: number;
}

/**
 * Problems of the combination (each names its variable); empty when the settings fit together. That production
 * needs OIDC at all is checked where the API is wired (api/auth-setup.ts): a worker process serves no requests.
 */
export function authEnvProblems(c: AuthEnv): string[] {
  const problems: string[] = [];
  if (c.OIDC_ISSUER && !c.OIDC_AUDIENCE) problems.push('  OIDC_AUDIENCE: required with OIDC_ISSUER (the `aud` your access tokens carry)');
  if (!c.OIDC_ISSUER && (c.OIDC_AUDIENCE || c.OIDC_JWKS_URL || c.OIDC_CLIENT_ID)) {
    problems.push('  OIDC_ISSUER: OIDC settings are given but OIDC_ISSUER is missing');
  }
  return problems;
}

export function oidcSettings(c: AuthEnv): OidcSettings | undefined {
  if (!c.OIDC_ISSUER || !c.OIDC_AUDIENCE) return undefined;
  const audience = c.OIDC_AUDIENCE.split(',').map((a) => a.trim()).filter(Boolean);
  return {
    issuer: c.OIDC_ISSUER,
    audience,
    ...(c.OIDC_JWKS_URL ? { jwksUrl: c.OIDC_JWKS_URL } : {}),
    clientId: c.OIDC_CLIENT_ID ?? audience[0],
    scopes: c.OIDC_SCOPES.split(/[\s,]+/).filter(Boolean),
    claims: { roles: c.OIDC_ROLES_CLAIM, gemeinden: c.OIDC_GEMEINDEN_CLAIM, userId: c.OIDC_USER_ID_CLAIM, name: c.OIDC_NAME_CLAIM },
    algorithms: c.OIDC_ALGORITHMS.split(','),
    clockToleranceSeconds: c.OIDC_CLOCK_TOLERANCE_SECONDS,
  };
}

/** Express's `trust proxy` value from TRUST_PROXY. */
export function trustProxy(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
