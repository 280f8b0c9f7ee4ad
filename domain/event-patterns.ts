// Which domain events a webhook subscription wants: exact types (`task.opened`) or globs (`task.*`, `*`).
// Shared by the API, which refuses patterns that match nothing, and the delivery activity.
import { EVENT_TYPES } from './events';

export function matchesEventType(pattern: string, type: string): boolean {
  if (!pattern.includes('*')) return pattern === type;
  const re = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(type);
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => matchesEventType(p, type));
}

/** the known event types a pattern selects (empty: a typo, most likely) */
export function eventTypesMatching(pattern: string): string[] {
  return EVENT_TYPES.filter((t) => matchesEventType(pattern, t));
}
