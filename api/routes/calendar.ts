// Calendar feeds (RFC 5545): a person's feed under a secret URL that calendar programs subscribe to without a
// bearer token (renewing it invalidates the old URL), and a run's milestones as a download. Both are tenant-scoped
// like every read: the feed shows what its owner may see.
import { type Request } from 'express';
import type { Role } from '../../domain/types';
import type { RunSnapshot, TaskSnapshot } from '../../domain/events';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { personalFeed, runCalendar } from '../ics';
import { isTenantScoped, seesGemeinde, type Principal } from '../policy';
import { parseOr422, problem } from '../problem';
import { emptyBody } from '../schemas';
import type { FeedOwner } from '../../store/store';
import * as responses from '../openapi/responses';
import { runId } from '../openapi/params';
import { route } from '../route';

const LIMIT = 500;

function baseUrl(deps: ApiDeps, req: Request): string {
  return (deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '');
}

/** Open tasks assigned to the owner, and unassigned open tasks of their roles; runs they lead (all of their
 * Gemeinde's runs for Gemeinde users). */
async function feedContent(deps: ApiDeps, owner: FeedOwner): Promise<{ tasks: TaskSnapshot[]; runs: RunSnapshot[]; runTitles: Map<string, string> }> {
  const p: Principal = { id: owner.id, name: owner.name, roles: owner.roles as Role[], gemeinden: owner.gemeinden };
  const scope = isTenantScoped(p) ? { agsIn: p.gemeinden } : {};
  const now = new Date();
  const mine = await deps.store.listTasks({ state: 'open', assignee: p.id, ...scope, now, limit: LIMIT });
  const byRole = await Promise.all(p.roles.map((role) => deps.store.listTasks({ state: 'open', role, ...scope, now, limit: LIMIT })));
  const tasks = new Map(mine.items.map((t) => [t.id, t]));
  for (const t of byRole.flatMap((page) => page.items)) if (!t.assignee) tasks.set(t.id, t);
  const runs = await deps.store.listRuns({ status: 'running', ...scope, limit: LIMIT });
  const ledRuns = isTenantScoped(p) ? runs.items : runs.items.filter((r) => r.projectLead === p.id || r.deputyLead === p.id);
  const ofTasks = await deps.store.getRuns([...new Set([...tasks.values()].map((t) => t.runId))]);
  return { tasks: [...tasks.values()], runs: ledRuns, runTitles: new Map(ofTasks.map((r) => [r.id, r.title])) };
}

/** Before authentication (access `public`): the secret in the URL is the credential. */
export const CALENDAR_FEED_ROUTES = [
  route({
    key: 'GET /calendar/{token}', access: 'public',
    operationId: 'getCalendarFeed', tag: 'Anmeldung', summary: 'Persönlicher Kalender (iCalendar)',
    description: 'Aufruf als `/calendar/<Geheimnis>.ics` ohne Bearer-Token (für Outlook und Thunderbird): fällige Aufgaben und Meilensteine der eigenen Vorgänge als ganztägige Termine (Europe/Berlin).',
    params: { token: { description: '`<Geheimnis>.ics` aus POST /me/calendar', example: 'k3y….ics' } },
    success: { status: 200, description: 'der Kalender', calendar: true }, errors: [404],
    handler: (deps) => async (req, res) => {
      // the parameter is `<secret>.ics`, as calendar programs like a file name
      const token = /^(.+)\.ics$/.exec(String(req.params.token))?.[1];
      const owner = token ? await deps.store.calendarFeeds.ownerOf(token) : undefined;
      if (!owner) throw problem.notFound('Kalender nicht gefunden. Die Adresse ist falsch oder wurde erneuert.');
      const { tasks, runs, runTitles } = await feedContent(deps, owner);
      res.setHeader('Cache-Control', 'private, no-store');
      res.type('text/calendar; charset=utf-8').send(personalFeed(owner, tasks, runs, baseUrl(deps, req), runTitles));
    },
  }),
] as const;

export const CALENDAR_ROUTES = [
  route({
    key: 'POST /me/calendar', access: 'authenticated',
    operationId: 'renewCalendarFeed', tag: 'Anmeldung', summary: 'Persönliches Kalender-Abo anlegen oder erneuern',
    description: 'Die geheime Adresse steht nur in dieser Antwort; eine frühere Adresse gilt danach nicht mehr.',
    body: { schema: emptyBody, required: false },
    success: { status: 201, description: 'die Abo-Adresse', schema: responses.calendarFeedSchema },
    handler: (deps) => async (req, res) => {
      parseOr422(emptyBody, req.body ?? {});
      const p = principalOf(res);
      const token = await deps.store.calendarFeeds.renew({ id: p.id, name: p.name, roles: [...p.roles], gemeinden: [...p.gemeinden] });
      res.status(201).json({ url: `${baseUrl(deps, req)}/api/v1/calendar/${token}.ics` });
    },
  }),
  route({
    key: 'GET /runs/{id}/calendar.ics', access: 'run.read',
    operationId: 'getRunCalendar', tag: 'Vorgänge', summary: 'Meilensteine des Vorgangs als iCalendar',
    params: runId, success: { status: 200, description: 'die Meilensteine und das Ziel-Go-live', calendar: true }, errors: [404],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const run = await deps.store.getRun(req.params.id);
      if (!run || !seesGemeinde(p, run.ags)) throw problem.notFound('Vorgang nicht gefunden.');
      // attachment() would guess the type from the name; the calendar type is set after it
      res.attachment(`termine-${run.id}.ics`).type('text/calendar; charset=utf-8').send(runCalendar(run, baseUrl(deps, req)));
    },
  }),
] as const;
