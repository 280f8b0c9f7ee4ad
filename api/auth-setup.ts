// Chooses how the API authenticates, from the configuration: OIDC when an issuer is configured, otherwise the
// embedded demo tokens — which production refuses, so a production start without OIDC stops with a clear message.
import type { OidcSettings } from '../config/auth-env';
import { ConfigError } from '../config/env';
import { demoAuthenticator, type Authenticator } from './auth';
import type { Logger } from './logger';
import { oidcAuthenticator } from './oidc';
import { demoDirectory, type UserDirectory } from '../config/users';
import type { PeopleStore } from '../store/people';
import { signInRecorder, storedPeopleDirectory } from './people-directory';

/** What the web UI learns at GET /api/v1/auth/config to sign people in. */
export type AuthPublicConfig = { mode: 'demo' } | { mode: 'oidc'; issuer: string; clientId: string; scopes: string[] };

export interface Authentication {
  authenticate: Authenticator;
  users: UserDirectory;
  publicConfig: AuthPublicConfig;
  /** /readyz checks of sign-in: the identity provider reachable and trusted */
  readiness: Record<string, () => Promise<void>>;
}

export interface AuthenticationOptions {
  logger?: Logger;
  /** the stored people (store/people.ts); with OIDC they are who can be assigned and named */
  people?: PeopleStore;
  /** a directory (LDAP) is configured: sign-ins no longer decide roles, the directory does */
  directory?: boolean;
}

/** Production without OIDC stops here, before anything starts (npm start checks this first). */
export function checkSignInConfig(config: { NODE_ENV: string; oidc?: OidcSettings }): void {
  if (!config.oidc && config.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER: NODE_ENV=production needs OIDC sign-in (OIDC_ISSUER and OIDC_AUDIENCE); demo tokens are never accepted in production',
    );
  }
}

export function authenticationFor(config: { NODE_ENV: string; oidc?: OidcSettings }, options: AuthenticationOptions = {}): Authentication {
  checkSignInConfig(config);
  if (config.oidc) {
    const { logger, people } = options;
    // the cause (TLS, DNS, timeout, with its code) goes to the log once per change, never a token
    const verify = oidcAuthenticator(config.oidc, {
      onFailure: (f) => logger?.error({ idp: { host: f.host, kind: f.kind, code: f.code } }, `identity provider unavailable: ${f.kind}${f.code ? ` ${f.code}` : ''}`),
      onRecovery: (host) => logger?.info({ idp: { host } }, 'identity provider reachable again'),
    });
    const record = people ? signInRecorder(people, options.directory ? 'touch' : 'learn', (err) => logger?.error({ err }, 'sign-in not recorded')) : undefined;
    return {
      readiness: { oidc: () => verify.ready() },
      authenticate: async (token) => {
        const principal = await verify(token);
        if (principal && record) await record(principal);
        return principal;
      },
      // without the store (tests of token checks only) nobody can be named
      users: people ? storedPeopleDirectory(people) : { find: async () => undefined, list: async () => [] },
      publicConfig: { mode: 'oidc', issuer: config.oidc.issuer, clientId: config.oidc.clientId, scopes: config.oidc.scopes },
    };
  }
  return { authenticate: demoAuthenticator(), users: demoDirectory, publicConfig: { mode: 'demo' }, readiness: {} };
}
