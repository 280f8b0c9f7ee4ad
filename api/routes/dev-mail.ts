// The embedded mailbox: mail captured instead of sent (no SMTP_URL). Only in embedded mode (404 otherwise, like
// /dev/users). Every signed-in demo user reads the mail addressed to them; admins read all of it and may filter
// with ?to=.
import { Router } from 'express';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { devMailQuery } from '../notification-schemas';
import { cursorNumber, numberCursor, pageFromRows } from '../paging';
import { parseOr422 } from '../problem';

export function devMailRoutes(deps: ApiDeps): Router {
  const r = Router();
  if (!deps.embedded) return r;

  r.get('/dev/mail', async (req, res) => {
    const p = principalOf(res);
    const q = parseOr422(devMailQuery, req.query);
    const admin = p.roles.includes('admin');
    const own = (await deps.users.find(p.id))?.email;
    if (!admin && !own) {
      res.json({ items: [], nextCursor: null });
      return;
    }
    const rows = await deps.store.notifications.captured({
      to: admin ? q.to : own, limit: q.limit + 1, beforeId: cursorNumber(q.cursor),
    });
    const { items, nextCursor } = pageFromRows(rows, q.limit, (last) => numberCursor(last.id));
    res.json({
      items: items.map(({ id, to, subject, text, runId, eventType, createdAt, sentAt }) => ({
        id, to, subject, text, runId: runId ?? null, eventType: eventType ?? null, createdAt, sentAt,
      })),
      nextCursor,
    });
  });

  return r;
}
