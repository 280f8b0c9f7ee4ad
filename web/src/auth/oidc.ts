// Production sign-in: OpenID Connect authorization-code flow with PKCE (S256) against the configured issuer,
// using oauth4webapi (small, audited, WebCrypto-based) for discovery, PKCE and the token exchange. The browser is a
// public client: no secret, the code verifier proves the code was requested by this tab.
import * as oauth from 'oauth4webapi';
import type { AuthConfig, Role, User } from '../api/types';

type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }>;

const PENDING = 'ku.oidc.pending';
const ROLES: Role[] = ['vorstand', 'bereichsleitung', 'projektleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'gemeinde', 'admin'];

interface Pending {
  codeVerifier: string;
  state: string;
  nonce: string;
  next: string;
}

export function redirectUri(): string {
  return `${location.origin}/anmelden/rueckruf`;
}

/**
 * oauth4webapi talks to https endpoints only. An issuer on this machine (a local identity provider, the
 * production-shape test) may be plain http, as the API allows it too; any other issuer stays https-only.
 */
export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && (['localhost', '[::1]'].includes(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname));
}

function httpOptions(cfg: OidcConfig): { [oauth.allowInsecureRequests]?: boolean } {
  return isLoopbackHttp(cfg.issuer) ? { [oauth.allowInsecureRequests]: true } : {};
}

export async function discover(cfg: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(cfg.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...httpOptions(cfg) }));
}

function scopes(cfg: OidcConfig): string {
  const s = Array.isArray(cfg.scopes) ? cfg.scopes.join(' ') : cfg.scopes;
  return s?.trim() || 'openid profile email';
}

/** Sends the browser to the identity provider; it comes back to /anmelden/rueckruf. */
export async function beginSignIn(cfg: OidcConfig, next: string): Promise<void> {
  const as = await discover(cfg);
  if (!as.authorization_endpoint) throw new Error('Der Identitätsdienst nennt keinen Anmelde-Endpunkt.');
  const pending: Pending = {
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    next,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', scopes(cfg));
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  location.assign(url.href);
}

export interface SignInResult {
  accessToken: string;
  expiresAt?: number;
  /** what the ID token says about the user, used until the API can say it itself */
  user: User;
  next: string;
}

/** Handles the provider's redirect: checks state, exchanges the code with the PKCE verifier, validates the ID token. */
export async function completeSignIn(cfg: OidcConfig, callbackUrl: URL): Promise<SignInResult> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!raw) throw new Error('Keine laufende Anmeldung gefunden. Bitte erneut anmelden.');
  const pending = JSON.parse(raw) as Pending;
  const as = await discover(cfg);
  const client: oauth.Client = { client_id: cfg.clientId };
  const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.codeVerifier, httpOptions(cfg));
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  const claims = (oauth.getValidatedIdTokenClaims(result) ?? {}) as Record<string, unknown>;
  return {
    accessToken: result.access_token,
    ...(result.expires_in ? { expiresAt: Date.now() + result.expires_in * 1000 } : {}),
    user: userFromClaims(claims),
    next: pending.next,
  };
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Common places identity providers put roles (plain claim, Keycloak realm roles, Entra ID roles). */
export function userFromClaims(claims: Record<string, unknown>): User {
  const realm = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const roles = [...stringList(claims.roles), ...stringList(realm), ...stringList(claims.groups)].filter((r): r is Role => ROLES.includes(r as Role));
  return {
    id: String(claims.preferred_username ?? claims.sub ?? ''),
    name: String(claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub ?? 'Unbekannt'),
    roles: [...new Set(roles)],
    gemeinden: stringList(claims.gemeinden ?? claims.ags),
  };
}
