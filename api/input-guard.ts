// Text the database cannot store must not get in: PostgreSQL refuses NUL characters and unpaired UTF-16
// surrogates in text and jsonb. A run's events carry what users typed, and an event that cannot be stored would
// hold up that run's audit log for good — so such input is refused at the door (422), wherever it hides.
import type { NextFunction, Request, Response } from 'express';
import { problem, type FieldError } from './problem';

const MESSAGE = 'Enthält Zeichen, die nicht gespeichert werden können (NUL oder ungültiges Unicode)';

/** NUL, a high surrogate without its low half, or a low surrogate without its high half */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function storable(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Paths of the first few unstorable strings (keys included) in a parsed JSON value. */
export function unstorable(value: unknown, path: string[] = [], found: FieldError[] = []): FieldError[] {
  if (found.length >= 5) return found;
  if (typeof value === 'string') {
    if (!storable(value)) found.push({ path: path.join('.') || '(root)', message: MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorable(v, [...path, String(i)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!storable(k)) found.push({ path: [...path, '(key)'].join('.'), message: MESSAGE });
      else unstorable(v, [...path, k], found);
    }
  }
  return found;
}

/** The query (and the body, once parsed) of every request. */
export function storableInput() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next(problem.badRequest('Die Adresse ist nicht gültig kodiert.'));
    }
    if (!storable(path)) return next(problem.notFound('Keine solche Ressource.'));
    const errors = [...unstorable(req.query, ['query']), ...unstorable(req.body, [])];
    if (errors.length) return next(problem.invalid(errors));
    next();
  };
}
