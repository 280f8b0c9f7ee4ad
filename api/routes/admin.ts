// Administration of the people: the stored people with their roles and Gemeinden, the directory's last sync, and a
// sync on demand. Admins only (api/policy.ts). The sync runs as the same workflow the 15-minute schedule starts,
// under one fixed id: two admins pressing the button at once share one sync.
import { WorkflowFailedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import type { DirectorySyncRecord, Person } from '../../store/store';
import { seesPerson } from '../../domain/policy';
import { principalOf } from '../auth';
import { pageOf, pageQuery } from '../paging';
import { parseOr422, problem, HttpProblem } from '../problem';
import { emptyBody, listPeopleQuery } from '../schemas';
import { temporal } from '../temporal-errors';
import * as responses from '../openapi/responses';
import { route } from '../route';
import { personName } from '../views';

export const ADMIN_SYNC_WORKFLOW_ID = 'directory-sync-admin';

function personView(p: Person) {
  return {
    id: p.id, name: p.name, email: p.email, roles: p.roles, gemeinden: p.gemeinden, source: p.source, active: p.active,
    lastSeenAt: p.lastSeenAt ?? null, syncedAt: p.syncedAt ?? null,
  };
}

const syncView = (s: DirectorySyncRecord | undefined) => s ?? null;

export const ADMIN_ROUTES = [
  route({
    key: 'GET /admin/people', access: 'people.manage',
    operationId: 'listPeople', tag: 'Verwaltung', summary: 'Personen mit Rollen und Gemeinden, letzter Verzeichnisabgleich',
    query: pageQuery, success: { status: 200, description: 'eine Seite Personen (auch deaktivierte)', schema: responses.peopleSchema }, errors: [400],
    handler: (deps) => async (req, res) => {
      const q = parseOr422(pageQuery, req.query);
      const [people, lastSync] = await Promise.all([deps.store.people.list(), deps.store.people.lastSync()]);
      const directory = deps.directory ?? (deps.authConfig?.mode === 'oidc' ? 'tokens' : 'demo');
      res.json({ directory, ...pageOf(people.map(personView), q), lastSync: syncView(lastSync) });
    },
  }),
    // names for ids (assignees, submitters, approvers) for everyone signed in, as far as the policy lets them see
  route({
    key: 'GET /people', access: 'authenticated',
    operationId: 'listPeopleNames', tag: 'Verwaltung', summary: 'Namen der Personen, die die aufrufende Person sehen darf',
    description: 'Für Namen statt Kennungen (Bearbeitung, Freigaben): `ids` fragt die Namen einer Seite ab, `role` die Auswahl einer Rolle (Projektleitung). Gemeinde-Nutzer sehen die Mitarbeitenden des IT-Dienstleisters und die Personen ihrer eigenen Gemeinde.',
    query: listPeopleQuery, success: { status: 200, description: 'eine Seite Personen', schema: responses.personNamesSchema }, errors: [400],
    handler: (deps) => async (req, res) => {
      const q = parseOr422(listPeopleQuery, req.query);
      const viewer = principalOf(res);
      const wanted = q.ids && new Set(q.ids);
      const people = (await deps.users.list())
        .filter((p) => seesPerson(viewer, p) && (!wanted || wanted.has(p.id)) && (!q.role || p.roles.includes(q.role)));
      res.json(pageOf(people.map(personName), q));
    },
  }),
  route({
    key: 'POST /admin/directory/sync', access: 'people.manage',
    operationId: 'syncDirectory', tag: 'Verwaltung', summary: 'Verzeichnis (LDAP) jetzt abgleichen',
    description: 'Läuft sonst alle 15 Minuten. Wer nicht mehr in den zugeordneten Gruppen ist, wird deaktiviert, nie gelöscht.',
    body: { schema: emptyBody, required: false },
    success: { status: 200, description: 'der Abgleich ist gelaufen', schema: responses.syncResultSchema }, errors: [409, 502],
    handler: (deps) => async (req, res) => {
      parseOr422(emptyBody, req.body ?? {});
      if (deps.directory !== 'ldap') {
        throw problem.conflict('Kein Verzeichnis eingerichtet (LDAP_URL fehlt): Personen werden aus ihren Anmeldungen übernommen.');
      }
      try {
        await temporal(() => deps.client.workflow.execute('directorySync', {
          workflowId: ADMIN_SYNC_WORKFLOW_ID,
          taskQueue: deps.taskQueue,
          args: [{ trigger: 'admin' }],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        }), 'Verzeichnisabgleich');
      } catch (err) {
        if (!(err instanceof WorkflowFailedError)) throw err;
        const last = await deps.store.people.lastSync();
        throw new HttpProblem(502, 'Verzeichnis nicht erreichbar', `Der Verzeichnisabgleich ist fehlgeschlagen: ${last?.error ?? 'unbekannte Ursache'}`, undefined, { lastSync: syncView(last) });
      }
      res.json({ lastSync: syncView(await deps.store.people.lastSync()) });
    },
  }),
] as const;
