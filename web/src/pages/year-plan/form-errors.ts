// The year plan's forms show a 422's field errors at their fields, in German.
import { ApiError } from '../../api/client';

/** Field errors of a 422 by field name (the last part of the path that names a field). */
export function fieldErrors(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (err instanceof ApiError) for (const e of err.problem.errors ?? []) (out[e.path.split('.')[0]] ??= []).push(e.message);
  return out;
}
