// One entry of the route table (api/route-table.ts): an operation of /api/v1 declared once — its method and path,
// who may call it, how the OpenAPI document describes it (request schemas in zod, the answer), and its handler.
// The handler files under api/routes/ export their entries; route-table.ts joins them into the one table.
import type { RequestHandler } from 'express';
import type { ApiDeps } from './deps';
import type { OperationSpec } from './openapi/operations';
import type { Access } from './policy';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `METHOD /path/{param}`, relative to /api/v1, parameters in OpenAPI notation (Express's `:param` is derived). */
export type RouteKeyPattern = `${Method} /${string}`;

/** A route's path parameters are single segments: strings. */
export type Handler = RequestHandler<Record<string, string>>;

export interface RouteEntry<K extends RouteKeyPattern = RouteKeyPattern> extends OperationSpec {
  key: K;
  /** what the caller needs (api/policy.ts): checked for every entry in one place, authorize(), before the handler */
  access: Access;
  /**
   * Builds the handler (or a chain: a body parser of its own, then the handler) once per app, when it is mounted.
   * Routes that share state built from the dependencies create it here (see perDeps).
   */
  handler: (deps: ApiDeps) => Handler | Handler[];
}

/** Declares an entry; `const K` keeps its key a literal, so the table's keys are a union type (RouteKey). */
export function route<const K extends RouteKeyPattern>(entry: RouteEntry<K>): RouteEntry<K> {
  return entry;
}

/**
 * What several handlers of one file share (task actions, a per-app cache), built once per app: the handlers of a
 * file are built one by one, and each asks for the same object.
 */
export function perDeps<T>(build: (deps: ApiDeps) => T): (deps: ApiDeps) => T {
  const built = new WeakMap<ApiDeps, T>();
  return (deps) => {
    if (!built.has(deps)) built.set(deps, build(deps));
    return built.get(deps) as T;
  };
}
