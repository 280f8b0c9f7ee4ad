// Chooses how the API authenticates, from the configuration: OIDC when an issuer is configured, otherwise the
// embedded demo tokens — which production refuses, so a production start without OIDC stops with a clear message.
import type { OidcSettings } from '../config/auth-env';
import { ConfigError } from '../config/env';
import { demoAuthenticator, type Authenticator } from './auth';
import type { Logger } from './logger';
import { oidcAuthenticator } from './oidc';
import { demoDirectory, type User, type UserDirectory } from '../config/users';

/** What the web UI learns at GET /api/v1/auth/config to sign people in. */
export type AuthPublicConfig = { mode: 'demo' } | { mode: 'oidc'; issuer: string; clientId: string; scopes: string[] };

export interface Authentication {
  authenticate: Authenticator;
  users: UserDirectory;
  publicConfig: AuthPublicConfig;
  /** /readyz checks of sign-in: the identity provider reachable and trusted */
  readiness: Record<string, () => Promise<void>>;
}

export function authenticationFor(config: { NODE_ENV: string; oidc?: OidcSettings }, options: { logger?: Logger } = {}): Authentication {
  if (config.oidc) {
    const users = learnedDirectory();
    const { logger } = options;
    // the cause (TLS, DNS, timeout, with its code) goes to the log once per change, never a token
    const verify = oidcAuthenticator(config.oidc, {
      onFailure: (f) => logger?.error({ idp: { host: f.host, kind: f.kind, code: f.code } }, `identity provider unavailable: ${f.kind}${f.code ? ` ${f.code}` : ''}`),
      onRecovery: (host) => logger?.info({ idp: { host } }, 'identity provider reachable again'),
    });
    return {
      readiness: { oidc: verify.ready },
      authenticate: async (token) => {
        const principal = await verify(token);
        if (principal) users.remember(principal);
        return principal;
      },
      users,
      publicConfig: { mode: 'oidc', issuer: config.oidc.issuer, clientId: config.oidc.clientId, scopes: config.oidc.scopes },
    };
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER: NODE_ENV=production needs OIDC sign-in (OIDC_ISSUER and OIDC_AUDIENCE); demo tokens are never accepted in production',
    );
  }
  return { authenticate: demoAuthenticator(), users: demoDirectory, publicConfig: { mode: 'demo' }, readiness: {} };
}

/**
 * Without a directory service the API knows people from their verified tokens: a project lead or assignee must have
 * signed in since the start of this process to be named. A directory (LDAP, SCIM) can replace this later.
 */
function learnedDirectory(): UserDirectory & { remember(p: { id: string; name: string; roles: User['roles']; gemeinden: string[]; email?: string }): void } {
  const known = new Map<string, User>();
  return {
    find: (id) => known.get(id),
    remember: (p) => {
      // bounded: a flood of distinct valid tokens must not grow memory without limit
      if (!known.has(p.id) && known.size >= 10_000) known.delete(known.keys().next().value as string);
      known.set(p.id, { id: p.id, name: p.name, roles: [...p.roles], gemeinden: [...p.gemeinden], email: p.email ?? '' });
    },
  };
}
