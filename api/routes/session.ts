// Sign-in support: how the UI signs in (public), the demo users to sign in as (embedded demo only), and who the
// bearer of a token is.
import { DEMO_USERS } from '../../config/users';
import { principalOf } from '../auth';
import { authConfigSchema, pages, userSchema } from '../openapi/responses';
import { pageOf, pageQuery } from '../paging';
import { parseOr422 } from '../problem';
import { route } from '../route';
import { personName } from '../views';

export const SESSION_ROUTES = [
  route({
    key: 'GET /auth/config', access: 'public',
    operationId: 'getAuthConfig', tag: 'Anmeldung', summary: 'Wie sich die Oberfläche anmeldet',
    description: '`demo` (eingebettet, Demo-Tokens) oder `oidc` mit Aussteller, Client-ID und Scopes für die PKCE-Anmeldung.',
    success: { status: 200, description: 'Anmeldeverfahren', schema: authConfigSchema },
    handler: (deps) => {
      const config = deps.authConfig ?? { mode: 'demo' as const };
      return (_req, res) => {
        res.json(config);
      };
    },
  }),
  route({
    key: 'GET /dev/users', access: 'public',
    operationId: 'listDemoUsers', tag: 'Entwicklung', summary: 'Demo-Benutzer mit Tokens', embeddedOnly: true,
    query: pageQuery, success: { status: 200, description: 'eine Seite Demo-Benutzer', schema: pages.demoUsers }, errors: [400],
    handler: () => (req, res) => {
      res.json(pageOf(DEMO_USERS.map((u) => ({ ...personName(u), token: u.token })), parseOr422(pageQuery, req.query)));
    },
  }),
  route({
    key: 'GET /me', access: 'authenticated',
    operationId: 'getMe', tag: 'Anmeldung', summary: 'Der angemeldete Benutzer, seine Rollen und Gemeinden',
    success: { status: 200, description: 'der Benutzer laut Token', schema: userSchema },
    handler: () => (_req, res) => {
      const { id, name, roles, gemeinden } = principalOf(res);
      res.json({ id, name, roles, gemeinden });
    },
  }),
] as const;
