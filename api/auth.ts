// Authentication: every request but health, readiness, auth config and docs carries a bearer token. Embedded mode
// knows the demo users' static tokens; production verifies OIDC tokens (api/oidc.ts) and never accepts demo ones.
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from './policy';
import { problem } from './problem';
import { DEMO_USERS } from '../config/users';

export type Authenticator = (token: string) => Promise<Principal | undefined>;

/** The embedded demo users' static tokens. Refused outright in production: nothing there may ever accept them. */
export function demoAuthenticator(): Authenticator {
  if (process.env.NODE_ENV === 'production') throw new Error('demo tokens are never accepted with NODE_ENV=production');
  const byToken = new Map(DEMO_USERS.map((u) => [u.token, u]));
  return async (token) => {
    const u = byToken.get(token);
    return u ? { id: u.id, name: u.name, roles: [...u.roles], gemeinden: [...u.gemeinden] } : undefined;
  };
}

export function requireAuth(authenticate: Authenticator) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer ([^\s]+)$/i.exec(header) : null;
    if (!match) return next(problem.unauthorized());
    try {
      const principal = await authenticate(match[1]);
      if (!principal) return next(problem.unauthorized('Das Token ist ungültig oder abgelaufen.'));
      res.locals.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}
