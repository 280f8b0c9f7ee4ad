// Authorisation is decided here, in one place: which role may do which action, and which Gemeinden a user sees.
// Task actions are re-checked by the workflow validators against the task's candidate roles.
import type { Role } from '../domain/types';

export interface Principal {
  id: string;
  name: string;
  roles: Role[];
  /** AGS the user is scoped to when acting as role `gemeinde` */
  gemeinden: string[];
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
  | 'catalog.read'
  | 'audit.read'
  | 'dashboard.read';

const ALL: Role[] = ['vorstand', 'bereichsleitung', 'projektleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'gemeinde', 'admin'];
const STAFF = ALL.filter((r) => r !== 'gemeinde');

export const MATRIX: Record<Action, Role[]> = {
  'run.start': ['projektleitung', 'admin'],
  'run.read': ALL,
  'run.cancel': ['projektleitung', 'admin'],
  'run.repair': ['projektleitung', 'admin'],
  'run.steer': ['projektleitung', 'admin'],
  'task.read': ALL,
  'task.work': ['vorstand', 'bereichsleitung', 'projektleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'gemeinde'],
  'task.assign': ['projektleitung', 'vorstand', 'bereichsleitung', 'netzwerk', 'arbeitsplatz', 'verfahren', 'datenschutz', 'isb', 'gemeinde'],
  'catalog.read': ALL,
  // the audit trail of a run, tenant-scoped like the run itself (accountability towards the Gemeinde)
  'audit.read': ALL,
  // Gemeinde staff see their own onboarding's figures (tenant-scoped by the route)
  'dashboard.read': ALL,
};

export function may(p: Principal, action: Action): boolean {
  return p.roles.some((r) => MATRIX[action].includes(r));
}

/** Staff of the IT company see every Gemeinde; Gemeinde users only their own. */
export function isTenantScoped(p: Principal): boolean {
  return p.roles.every((r) => r === 'gemeinde');
}

export function seesGemeinde(p: Principal, ags: string): boolean {
  return !isTenantScoped(p) || p.gemeinden.includes(ags);
}
