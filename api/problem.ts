// Problem responses (RFC 9457) are built here and nowhere else.
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
// field errors in German wherever a schema names none (installs zod's messages for the process)
import '../config/validation-messages';

export interface FieldError {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

const TITLES: Record<number, string> = {
  400: 'Ungültige Anfrage',
  401: 'Nicht angemeldet',
  403: 'Nicht erlaubt',
  404: 'Nicht gefunden',
  409: 'Konflikt',
  413: 'Anfrage zu groß',
  415: 'Nicht unterstützter Inhaltstyp',
  422: 'Ungültige Eingabe',
  429: 'Zu viele Anfragen',
  500: 'Interner Fehler',
  503: 'Dienst nicht verfügbar',
};

export const problem = {
  badRequest: (detail: string) => new HttpProblem(400, TITLES[400], detail),
  unauthorized: (detail = 'Bitte mit einem gültigen Token anmelden.') => new HttpProblem(401, TITLES[401], detail),
  forbidden: (detail: string) => new HttpProblem(403, TITLES[403], detail),
  notFound: (detail: string) => new HttpProblem(404, TITLES[404], detail),
  conflict: (detail: string, extra: Record<string, unknown> = {}) => new HttpProblem(409, TITLES[409], detail, undefined, extra),
  invalid: (errors: FieldError[], detail = 'Die Eingaben sind ungültig.') => new HttpProblem(422, TITLES[422], detail, errors),
  unavailable: (detail: string) => new HttpProblem(503, TITLES[503], detail),
};

export function fieldErrors(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)].join('.') || '(root)', message: i.message }));
}

/** Parses with a zod schema or throws 422 with field errors (400 for malformed query strings is the caller's). */
export function parseOr422<T extends z.ZodType>(schema: T, value: unknown, prefix: string[] = []): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw problem.invalid(fieldErrors(result.error, prefix));
  return result.data;
}

export function sendProblem(res: Response, p: HttpProblem): void {
  const body = {
    type: `https://ku-it.example/probleme/${p.status}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
    ...p.extra,
    ...(res.locals.requestId ? { requestId: res.locals.requestId as string } : {}),
  };
  res.status(p.status).type('application/problem+json').send(JSON.stringify(body));
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Last middleware: every error leaves as problem+json; unknown errors become 500 without details. */
export function errorHandler(log: (err: unknown, req: Request) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof HttpProblem) {
      // a dependency that failed (503) is the operator's business: log it with its cause
      if (err.status >= 500) log(err, req);
      return sendProblem(res, err);
    }
    const e = err as BodyParserError;
    if (e?.type === 'entity.parse.failed') return sendProblem(res, problem.badRequest('Der Inhalt ist kein gültiges JSON.'));
    if (e?.type === 'entity.too.large') return sendProblem(res, new HttpProblem(413, TITLES[413], 'Der Inhalt ist zu groß.'));
    if (e?.status && e.status >= 400 && e.status < 500) return sendProblem(res, new HttpProblem(e.status, TITLES[e.status] ?? 'Fehler', e.message));
    log(err, req);
    sendProblem(res, new HttpProblem(500, TITLES[500], 'Ein unerwarteter Fehler ist aufgetreten.'));
  };
}
