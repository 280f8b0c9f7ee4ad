// Sign-in support: how the UI signs in (public) and who the bearer of a token is.
import { Router } from 'express';
import type { AuthPublicConfig } from '../auth-setup';
import { principalOf } from '../auth';

export function authConfigRoutes(config: AuthPublicConfig): Router {
  const r = Router();
  r.get('/auth/config', (_req, res) => {
    res.json(config);
  });
  return r;
}

export function meRoutes(): Router {
  const r = Router();
  r.get('/me', (_req, res) => {
    const { id, name, roles, gemeinden } = principalOf(res);
    res.json({ id, name, roles, gemeinden });
  });
  return r;
}
