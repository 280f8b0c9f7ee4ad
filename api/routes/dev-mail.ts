// The embedded mailbox: mail captured instead of sent (no SMTP_URL). Only in embedded mode (404 otherwise, like
// /dev/users). Every signed-in demo user reads the mail addressed to them; admins read all of it and may filter
// with ?to=.
import { principalOf } from '../auth';
import { devMailQuery } from '../notification-schemas';
import { cursorNumber, numberCursor, pageFromRows } from '../paging';
import { parseOr422 } from '../problem';
import * as responses from '../openapi/responses';
import { route } from '../route';

export const DEV_MAIL_ROUTES = [
  route({
    key: 'GET /dev/mail', access: 'authenticated',
    operationId: 'listDevMail', tag: 'Entwicklung', summary: 'Aufgefangene Mails (ohne SMTP_URL)', embeddedOnly: true,
    query: devMailQuery, success: { status: 200, description: 'eine Seite Mails', schema: responses.pages.mail }, errors: [400],
    handler: (deps) => async (req, res) => {
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
        items: items.map(({ id, to, subject, text, runId, eventType, createdAt, sentAt, attachments }) => ({
          id, to, subject, text, runId: runId ?? null, eventType: eventType ?? null, createdAt, sentAt,
          attachments: (attachments ?? []).map((a) => a.filename),
        })),
        nextCursor,
      });
    },
  }),
] as const;
