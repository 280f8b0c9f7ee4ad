// One policy for unknown input: request bodies are strict zod objects, and so are query strings — every route
// declares its query parameters in its route-table entry (api/route-table.ts; none when it takes none), and anything
// else is a 422.
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { OPERATIONS } from './openapi/operations';
import { ROUTE_ACTIONS, ROUTES, type RouteKey } from './route-table';
import { parseOr422 } from './problem';

const NO_QUERY = z.strictObject({});
const QUERIES = new Map<RouteKey, z.ZodObject>(OPERATIONS.map((op) => [op.key, op.query ?? NO_QUERY]));

/** `open`: the routes that need no bearer token (checked before authentication); `protected`: all others. */
export function strictQuery(which: 'open' | 'protected') {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const key = ROUTES.match(req.method, req.path);
    if (!key) return next();
    const access = ROUTE_ACTIONS[key];
    const open = access === 'public' || access === 'signed';
    if (open !== (which === 'open')) return next();
    parseOr422(QUERIES.get(key) ?? NO_QUERY, req.query, ['query']);
    next();
  };
}
