// Idempotency-Key for POST actions: the first successful answer per (user, request path, key) is stored and a
// retry gets it again (with `Idempotent-Replayed: true`) instead of executing twice. A repeat while the first is
// still running answers 409; the same key with another body 422. Failed requests store nothing, so a corrected
// retry may use the same key. Task actions also pass the key to Temporal as the Update id (routes/tasks.ts).
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { StoreUnavailableError, type IdempotencyKey, type IdempotencyStore } from '../store/store';
import { principalOf } from './auth';
import { problem } from './problem';

export const IDEMPOTENCY_RETAIN_MS = 24 * 3600_000;
/** a pending claim older than this belongs to a request that died; a retry may take it over */
const STALE_AFTER_MS = 5 * 60_000;
const PURGE_EVERY_MS = 10 * 60_000;

export function idempotency(store: IdempotencyStore, log: (err: unknown) => void = () => undefined) {
  let lastPurge = 0;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = req.get('Idempotency-Key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!/^[\x21-\x7E]{1,200}$/.test(key)) {
      return next(problem.invalid([{ path: 'header.Idempotency-Key', message: '1 bis 200 sichtbare ASCII-Zeichen' }]));
    }
    const k: IdempotencyKey = { principal: principalOf(res).id, scope: `POST ${req.baseUrl}${req.path}`, key };
    const fingerprint = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');
    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      store.purge(IDEMPOTENCY_RETAIN_MS).catch(log);
    }

    let claim;
    try {
      claim = await store.claim(k, fingerprint, { staleAfterMs: STALE_AFTER_MS, retainMs: IDEMPOTENCY_RETAIN_MS });
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      // The database is away, the engine is not: task and repair actions carry the key as their Update id, and
      // Temporal answers a repeated Update id with the first outcome. So work goes on; only the replay of the
      // stored answer is missing until the database is back.
      log(err);
      return next();
    }
    if (!claim.claimed) {
      if (claim.fingerprint !== fingerprint) {
        return next(problem.invalid([{ path: 'header.Idempotency-Key', message: 'Der Schlüssel gehört zu einer anderen Anfrage' }],
          'Dieser Idempotency-Key wurde bereits für eine Anfrage mit anderem Inhalt verwendet.'));
      }
      if (claim.pending) {
        res.setHeader('Retry-After', '1');
        return next(problem.conflict('Eine Anfrage mit diesem Idempotency-Key wird noch bearbeitet.'));
      }
      res.setHeader('Idempotent-Replayed', 'true');
      if (claim.response.location) res.location(claim.response.location);
      res.status(claim.response.status).json(claim.response.body);
      return;
    }

    // The first answer is stored before it is sent: a retry that follows the answer always finds it.
    const send = res.json.bind(res);
    let stored = false;
    res.json = (body: unknown) => {
      if (stored || res.statusCode < 200 || res.statusCode >= 300) return send(body);
      stored = true;
      store
        .complete(k, { status: res.statusCode, body, ...(res.get('Location') ? { location: res.get('Location') } : {}) })
        .catch(log)
        .finally(() => send(body));
      return res;
    };
    // anything but a stored success (a problem, a crash, a closed connection) frees the key for a retry
    res.once('close', () => {
      if (!stored) store.release(k).catch(log);
    });
    next();
  };
}
