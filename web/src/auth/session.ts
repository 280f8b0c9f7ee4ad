// The signed-in user and their bearer token, kept in sessionStorage: it ends with the browser tab and is never
// shared with other tabs, so two people on one shared office PC do not inherit each other's session.
import type { Role, User } from '../api/types';

export interface Session {
  token: string;
  user: User;
  mode: 'demo' | 'oidc';
  /** epoch ms; after it the token is treated as gone */
  expiresAt?: number;
}

const KEY = 'ku.session';
type Listener = (s: Session | undefined) => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt && Date.now() > s.expiresAt) {
      sessionStorage.removeItem(KEY);
      return undefined;
    }
    return s;
  } catch {
    return undefined;
  }
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  listeners.forEach((l) => l(s));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(undefined));
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Gemeinde staff see only their own Gemeinde; the staff-only pages are not offered to them. */
export function isGemeindeOnly(user: User): boolean {
  return user.roles.length > 0 && user.roles.every((r) => r === 'gemeinde');
}

export function hasRole(user: User, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** Mirrors the API's policy (planning.manage): project leads, the board and the administration plan the year. */
export function mayPlan(user: User): boolean {
  return hasRole(user, 'projektleitung', 'vorstand', 'admin');
}

/** Mirrors the API's policy (capacity.manage): the administration keeps the teams' capacity and absences. */
export function mayKeepCapacity(user: User): boolean {
  return hasRole(user, 'admin');
}

/** Mirrors the API's policy (run.start): only project leads and admins start runs. */
export function mayStartRuns(user: User): boolean {
  return hasRole(user, 'projektleitung', 'admin');
}
