// The identity provider of the production-shape test: `oidc-provider` (a certified OpenID Connect provider from
// npm) in a process of its own on loopback, as a company's Keycloak or ADFS would run apart from the API.
//
// Its own login page (oidc-provider's development interactions: a login form, then a consent form) is what the
// browser goes through; the web UI is a public client with PKCE. Access tokens are JWTs for the API's audience
// (RFC 8707 resource indicators) carrying the claims the API reads by default: `sub`, `name`, `roles`, `gemeinden`.
//
// Settings come as one JSON object in IDP_SETTINGS: { port, audience, redirectUri, webOrigin, people: { id: {name, roles, gemeinden?} } }.
// It prints `identity provider ready <issuer>` once it listens.
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.IDP_SETTINGS ?? '{}');
const { port, audience, redirectUri, webOrigin, people } = settings;
const issuer = `http://127.0.0.1:${port}`;
// the resource indicator of the API: an absolute URI, mapped to the audience the API expects
const API_RESOURCE = 'urn:ku:onboarding-api';
const SCOPES = 'openid profile email';

function claimsOf(id) {
  const person = people[id];
  return { sub: id, name: person.name, roles: person.roles, gemeinden: person.gemeinden ?? [] };
}

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'ku-test-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'ku-onboarding-web',
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  jwks: { keys: [signingKey] },
  pkce: { required: () => true },
  // the browser fetches discovery and the token endpoint from the web UI's origin
  clientBasedCORS: (_ctx, origin) => origin === webOrigin,
  // an unknown login is refused here (the dev form accepts any name otherwise)
  async findAccount(_ctx, id) {
    if (!people[id]) return undefined;
    return { accountId: id, claims: async () => claimsOf(id) };
  },
  claims: { openid: ['sub'], profile: ['name', 'roles', 'gemeinden'], email: [] },
  // the web UI shows who signed in from the ID token until the API has answered /me
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => API_RESOURCE,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource) => {
        if (resource !== API_RESOURCE) throw new Provider.errors.InvalidTarget();
        return { scope: SCOPES, audience, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  // the API authorises by these: a token without them would sign in a person with no rights
  extraTokenClaims: async (_ctx, token) => {
    if (!token.accountId || !people[token.accountId]) return undefined;
    const { name, roles, gemeinden } = claimsOf(token.accountId);
    return { name, roles, gemeinden };
  },
  ttl: { AccessToken: 3600, IdToken: 3600, Grant: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60 },
});
provider.proxy = false;

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`identity provider ready ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
