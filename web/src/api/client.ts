// HTTP access to the API: bearer token from the session, JSON in and out, problem+json turned into ApiError.
// A 401 ends the session, so an expired token leads back to the sign-in page instead of empty pages.
import { clearSession, currentSession } from '../auth/session';
import type { Problem } from './types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Problem = { title: res.statusText || 'Fehler', status: res.status };
  try {
    const body = (await res.json()) as Partial<Problem>;
    problem = { ...problem, ...body, status: res.status };
  } catch {
    // not JSON (proxy error page, network device): keep the status line
  }
  return new ApiError(res.status, problem);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  accept?: string;
  /** public endpoints (auth config, demo users) go without a token */
  anonymous?: boolean;
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  const session = options.anonymous ? undefined : currentSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  // a FormData body (document upload) sets its own multipart Content-Type with the boundary
  const form = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: form ? (options.body as FormData) : options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
  } catch {
    throw new ApiError(0, { title: 'Keine Verbindung', status: 0, detail: 'Der Server ist nicht erreichbar. Bitte später erneut versuchen.' });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && session) clearSession();
    throw err;
  }
  return res;
}

export async function getJson<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
  return (await request(path, options)).json() as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await request(path, { method: 'POST', body });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Follows `nextCursor` up to a bound: for lists that are short by nature (a catalog, a role's people). */
export async function getAll<T>(path: string, maxPages = 10): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await getJson<{ items: T[]; nextCursor?: string | null }>(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}
