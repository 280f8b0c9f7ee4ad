// Authorisation is decided here, in one place: which role may do which action, and which Gemeinden a user sees.
// Task actions are re-checked by the workflow validators against the task's candidate roles (domain/policy.ts).
import type { NextFunction, Request, Response } from 'express';
import { CAPACITY_ROLES, isTenantScoped, PLANNING_ROLES, REPAIR_ROLES, seesGemeinde, TASK_ASSIGN_ROLES, TASK_WORK_ROLES } from '../domain/policy';
import { ROLES, type Role } from '../domain/types';
import { HttpProblem } from './problem';

export interface Principal {
  id: string;
  name: string;
  roles: Role[];
  /** AGS the user is scoped to when acting as role `gemeinde` */
  gemeinden: string[];
  /** from the token (OIDC), for the user directory */
  email?: string;
}

export type Action =
  | 'run.start'
  | 'run.read'
  | 'run.cancel'
  | 'run.repair'
  | 'run.steer'
  | 'task.read'
  | 'task.work'
  | 'task.assign'
  | 'task.comment'
  | 'catalog.read'
  | 'audit.read'
  | 'dashboard.read'
  | 'webhook.manage'
  | 'event.report'
  | 'people.manage'
  | 'document.read'
  | 'document.upload'
  | 'document.draft'
  | 'document.delete'
  | 'planning.manage'
  | 'capacity.manage'
  | 'message.read'
  | 'message.write';

const ALL: Role[] = [...ROLES];

export const MATRIX: Record<Action, Role[]> = {
  'run.start': ['projektleitung', 'admin'],
  'run.read': ALL,
  'run.cancel': ['projektleitung', 'admin'],
  'run.repair': [...REPAIR_ROLES],
  'run.steer': ['projektleitung', 'admin'],
  'task.read': ALL,
  // the task actions' role sets are domain/policy.ts's, which also answers a task's `allowedActions`
  'task.work': [...TASK_WORK_ROLES],
  'task.assign': [...TASK_ASSIGN_ROLES],
  // whoever may see a task may leave a note on it (tenant-scoped by the route)
  'task.comment': ALL,
  'catalog.read': ALL,
  // the audit trail of a run, tenant-scoped like the run itself (accountability towards the Gemeinde)
  'audit.read': ALL,
  // Gemeinde staff see their own onboarding's figures (tenant-scoped by the route)
  'dashboard.read': ALL,
  // outbound webhooks carry every run's events to other systems: administration only
  'webhook.manage': ['admin'],
  // inbound events by bearer token (systems usually sign with a shared secret instead): the teams whose external
  // steps they complete
  'event.report': ['admin', 'arbeitsplatz', 'netzwerk'],
  // the people list names everyone with their address: administration only
  'people.manage': ['admin'],
  // a run's papers: whoever sees the run (tenant-scoped by the route); deleting is administration only, audited
  'document.read': ALL,
  'document.upload': ALL,
  // a draft to sign (kind `…-vorlage`) is the KU's to send; the Gemeinde uploads the signed paper
  'document.draft': ALL.filter((r) => r !== 'gemeinde'),
  'document.delete': ['admin'],
  // the year plan and the board's monthly report (domain/policy.ts)
  'planning.manage': [...PLANNING_ROLES],
  'capacity.manage': [...CAPACITY_ROLES],
  // a run's conversation between its Gemeinde and its project lead (tenant-scoped by the route): both sides write,
  // everyone who sees the run may read it
  'message.read': ALL,
  'message.write': ['gemeinde', 'projektleitung', 'admin'],
};

export function may(p: Principal, action: Action): boolean {
  return p.roles.some((r) => MATRIX[action].includes(r));
}

// Which Gemeinden and tasks a person sees, and on which tasks they may act: domain/policy.ts, shared with the engine.
export { isTenantScoped, mayActOn, seesGemeinde, seesTask } from '../domain/policy';

/** What a route needs: no credentials, its own (signed inbound events), any signed-in user, or an action. */
export type Access = Action | 'public' | 'signed' | 'authenticated';

/** Why a role is refused an action (403), for the route check and the handlers that check again. */
export const DENIED: Record<Action, string> = {
  'run.start': 'Nur die Projektleitung darf Vorgänge starten.',
  'run.read': 'Ihre Rolle sieht keine Vorgänge.',
  'run.cancel': 'Nur die Projektleitung darf Vorgänge abbrechen.',
  'run.repair': 'Nur Administration und Projektleitung dürfen Schritte reparieren.',
  'run.steer': 'Nur die Projektleitung darf den Vorgang ändern.',
  'task.read': 'Ihre Rolle sieht keine Aufgaben.',
  'task.work': 'Ihre Rolle bearbeitet keine Aufgaben.',
  'task.assign': 'Ihre Rolle darf keine Aufgaben zuweisen.',
  'task.comment': 'Ihre Rolle darf keine Aufgaben kommentieren.',
  'catalog.read': 'Ihre Rolle sieht den Katalog nicht.',
  'audit.read': 'Ihre Rolle darf das Protokoll nicht lesen.',
  'dashboard.read': 'Ihre Rolle sieht die Übersicht nicht.',
  'webhook.manage': 'Nur die Administration verwaltet Webhooks.',
  'event.report': 'Ihre Rolle darf keine Ereignisse melden.',
  'people.manage': 'Nur die Administration verwaltet Personen.',
  'document.read': 'Ihre Rolle sieht keine Dokumente.',
  'document.upload': 'Ihre Rolle darf keine Dokumente hochladen.',
  'document.draft': 'Vorlagen zur Unterschrift stellt das KU bereit; bitte das unterschriebene Dokument als seine Art hochladen (z. B. „Vertrag“).',
  'document.delete': 'Nur die Administration darf Dokumente löschen.',
  'planning.manage': 'Nur Projektleitung, Vorstand und Administration planen das Jahr.',
  'capacity.manage': 'Nur die Administration pflegt die Kapazität der Teams.',
  'message.read': 'Ihre Rolle sieht keine Nachrichten.',
  'message.write': 'Nachrichten schreiben nur die Gemeinde und die Projektleitung.',
};

/**
 * After authentication: the route's action against the matrix (403). `accessOf` is the route table's
 * (api/route-table.ts), where every route declares its access; a path no route has passes on to the 404/405.
 */
export function authorize(accessOf: (method: string, path: string) => Access | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const access = accessOf(req.method, req.path);
    if (!access || access === 'public' || access === 'signed' || access === 'authenticated') return next();
    const p = res.locals.principal as Principal | undefined;
    if (p && may(p, access)) return next();
    // Another Gemeinde's run or task does not exist for a Gemeinde user — not even as "forbidden". Run ids carry
    // their AGS (`onboarding-09181128`, task ids `<run id>:<step>`), so this needs no lookup.
    if (p && isTenantScoped(p)) {
      const id = /^\/(runs|tasks)\/([^/]+)/i.exec(req.path);
      const ags = id ? agsOfRunId(safeDecode(id[2])) : undefined;
      if (id && (!ags || !seesGemeinde(p, ags))) {
        return next(new HttpProblem(404, 'Nicht gefunden', id[1].toLowerCase() === 'runs' ? 'Vorgang nicht gefunden.' : 'Aufgabe nicht gefunden.'));
      }
    }
    next(new HttpProblem(403, 'Nicht erlaubt', DENIED[access]));
  };
}

/** The AGS a run id (or a task id, which starts with its run id) names: `onboarding-<AGS>`, `migration-<AGS>-…`. */
export function agsOfRunId(id: string): string | undefined {
  return /^(?:onboarding|migration|rollout)-(\d{8})(?:$|[-:])/.exec(id)?.[1];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
