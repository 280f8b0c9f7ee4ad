// How this server signs people in. Until the server publishes /auth/config, its absence means the embedded demo:
// a 404, or the 401 that servers answer for any unknown path behind their authentication.
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { AuthConfig } from '../api/types';

let cached: Promise<AuthConfig> | undefined;

export function authConfig(): Promise<AuthConfig> {
  cached ??= api.authConfig().catch((err: unknown) => {
    cached = undefined;
    if (err instanceof ApiError && (err.status === 404 || err.status === 401)) return { mode: 'demo' } as const;
    throw err;
  });
  return cached;
}
