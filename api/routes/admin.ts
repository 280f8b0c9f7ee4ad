// Administration of the people: the stored people with their roles and Gemeinden, the directory's last sync, and a
// sync on demand. Admins only (api/policy.ts). The sync runs as the same workflow the 15-minute schedule starts,
// under one fixed id: two admins pressing the button at once share one sync.
import { WorkflowFailedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { Router } from 'express';
import type { DirectorySyncRecord, Person } from '../../store/store';
import { seesPerson } from '../../domain/policy';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { pageOf, pageQuery } from '../paging';
import { parseOr422, problem, HttpProblem } from '../problem';
import { emptyBody } from '../schemas';
import { temporal } from '../temporal-errors';

export const ADMIN_SYNC_WORKFLOW_ID = 'directory-sync-admin';

function personView(p: Person) {
  return {
    id: p.id, name: p.name, email: p.email, roles: p.roles, gemeinden: p.gemeinden, source: p.source, active: p.active,
    lastSeenAt: p.lastSeenAt ?? null, syncedAt: p.syncedAt ?? null,
  };
}

const syncView = (s: DirectorySyncRecord | undefined) => s ?? null;

export function adminRoutes(deps: ApiDeps): Router {
  const r = Router();

  r.get('/admin/people', async (req, res) => {
    const q = parseOr422(pageQuery, req.query);
    const [people, lastSync] = await Promise.all([deps.store.people.list(), deps.store.people.lastSync()]);
    const directory = deps.directory ?? (deps.authConfig?.mode === 'oidc' ? 'tokens' : 'demo');
    res.json({ directory, ...pageOf(people.map(personView), q), lastSync: syncView(lastSync) });
  });

  // names for ids (assignees, submitters, approvers) for everyone signed in, as far as the policy lets them see
  r.get('/people', async (req, res) => {
    const q = parseOr422(pageQuery, req.query);
    const viewer = principalOf(res);
    const people = (await deps.store.people.list()).filter((p) => p.active && seesPerson(viewer, p));
    res.json(pageOf(people.map(({ id, name, roles, gemeinden }) => ({ id, name, roles, gemeinden })), q));
  });

  r.post('/admin/directory/sync', async (req, res) => {
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
  });

  return r;
}
