// The route table (api/route-table.ts): one entry per operation, and what is derived from it — the policy's
// ROUTE_ACTIONS, the documented operations — never drifts from the entries; Express and route-match.ts agree on order.
import type { RequestHandler } from 'express';
import { OPERATIONS } from '../../api/openapi/operations';
import { route } from '../../api/route';
import { checkNoShadowing, ROUTE_ACTIONS, ROUTE_TABLE, ROUTES } from '../../api/route-table';

const noop: RequestHandler = (_req, _res, next) => next();
const entry = (key: `GET /${string}`) =>
  route({ key, access: 'authenticated', operationId: key, tag: 'Katalog', summary: key, success: { status: 200, description: 'ok' }, handler: () => noop });

it('declares each operation once, with a unique operationId', () => {
  const keys = ROUTE_TABLE.map((e) => e.key);
  expect(new Set(keys).size).toBe(keys.length);
  const ids = ROUTE_TABLE.map((e) => e.operationId);
  expect(new Set(ids).size).toBe(ids.length);
});

it('derives the access of every route and the documented operations from the entries', () => {
  expect(ROUTE_ACTIONS).toEqual(Object.fromEntries(ROUTE_TABLE.map((e) => [e.key, e.access])));
  expect(OPERATIONS.map((o) => o.key)).toEqual(ROUTE_TABLE.map((e) => e.key));
  expect(ROUTES.match('POST', '/tasks/onboarding-09181128:erstgespraech/claim')).toBe('POST /tasks/{id}/claim');
  expect(ROUTES.match('POST', '/tasks/bulk')).toBe('POST /tasks/bulk');
});

it('refuses an entry that an earlier one would answer in Express', () => {
  expect(() => checkNoShadowing([entry('GET /x/{id}'), entry('GET /x/list')])).toThrow('GET /x/{id} comes before GET /x/list');
  expect(() => checkNoShadowing([entry('GET /x/list'), entry('GET /x/{id}')])).not.toThrow();
});
