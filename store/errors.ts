// Errors callers must tell apart: the activity retries a gap with earlier events, the API answers 503 for an
// unreachable database and 400 for a cursor it did not hand out.

/** The first new event of a run does not follow the last stored one; resend from `expectedSeq`. */
export class EventGapError extends Error {
  override readonly name = 'EventGapError';
  constructor(
    readonly runId: string,
    readonly expectedSeq: number,
    readonly gotSeq: number,
  ) {
    super(`event gap in run ${runId}: expected seq ${expectedSeq}, got ${gotSeq}`);
  }
}

/** An event that can never be stored as sent (retrying it is pointless). */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/** The database cannot be reached right now (refused, terminated, timed out); worth retrying later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An upload whose content the run already holds as the same kind of paper; `existing` is the first one. */
export class DuplicateDocumentError extends Error {
  override readonly name = 'DuplicateDocumentError';
  constructor(readonly existing: { id: string; name: string; at: string }) {
    super(`document ${existing.id} holds the same content`);
  }
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('invalid cursor');
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, statement timeout (overloaded)
  '57P01', '57P02', '57P03', '53300', '57014',
]);

const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /pglite is closed/i,
];

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  errors?: unknown;
}

// Duck-typed rather than instanceof: a driver's error may come from another realm (a test sandbox), where its Error
// is not ours.
export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const { message, code, errors } = err as ErrorLike;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  // AggregateError from a dual-stack connect attempt carries the real causes inside
  if (Array.isArray(errors) && errors.some(isUnavailable)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message));
}

/** Rethrows connection trouble as StoreUnavailableError and anything else unchanged. */
export function translateError(err: unknown): never {
  if (err instanceof StoreUnavailableError) throw err;
  if (isUnavailable(err)) {
    const message = (err as ErrorLike).message;
    throw new StoreUnavailableError(`database unavailable: ${typeof message === 'string' ? message : String(err)}`, { cause: err });
  }
  throw err;
}
