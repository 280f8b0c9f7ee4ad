// Names for user ids (assignees, approvers, audit authors), asked for on demand: the ids a page shows go to
// GET /people?ids= together, and every name is kept for the session. A state-wide directory holds thousands of
// people; loading them all for the few names on a page cost every session hundreds of kilobytes. The components'
// hook is usePeople (api/people.ts).
import { currentSession } from '../auth/session';
import { api } from './endpoints';
import type { User } from './types';

/** as many ids as GET /people takes at once, and a length of the list well inside its limit (8,000 characters) */
const IDS_PER_REQUEST = 100;
const CHARS_PER_REQUEST = 4000;

/** `ids` in requests of at most IDS_PER_REQUEST ids and CHARS_PER_REQUEST characters (as sent, encoded) */
function inRequests(ids: readonly string[]): string[][] {
  const requests: string[][] = [];
  let chars = 0;
  for (const id of ids) {
    const length = encodeURIComponent(id).length + 1;
    const last = requests.at(-1);
    if (!last || last.length >= IDS_PER_REQUEST || chars + length > CHARS_PER_REQUEST) {
      requests.push([id]);
      chars = length;
    } else {
      last.push(id);
      chars += length;
    }
  }
  return requests;
}

interface Known {
  /** whose names these are: whom one may see named depends on who asks */
  for: string;
  /** a name, or null for an id the API does not name to this person (shown as it is) */
  names: Map<string, string | null>;
  asking: Map<string, Promise<void>>;
}

let known: Known | undefined;
const listeners = new Set<() => void>();

/** Calls `listener` whenever names came in; returns the function that stops it. */
export function onNamesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The names known to the signed-in person (id → name, null: not named to them). */
export function knownNames(): ReadonlyMap<string, string | null> | undefined {
  return knownNow()?.names;
}

function knownNow(): Known | undefined {
  const session = currentSession();
  if (!session) return undefined;
  if (known?.for !== session.user.id) known = { for: session.user.id, names: new Map(), asking: new Map() };
  return known;
}

/** Keeps the names of people a list brought anyway (the leads to choose from, the assignees of a task). */
export function rememberNames(people: readonly Pick<User, 'id' | 'name'>[]): void {
  const k = knownNow();
  for (const p of people) k?.names.set(p.id, p.name);
}

/** Asks for the names of those `ids` not known yet; resolves once they are known (or the API could not be asked). */
export function loadNames(ids: Iterable<string>): Promise<void> {
  const k = knownNow();
  if (!k) return Promise.resolve();
  const waits: Promise<void>[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    if (id === 'system' || k.names.has(id)) continue;
    const asking = k.asking.get(id);
    if (asking) waits.push(asking);
    else missing.push(id);
  }
  for (const chunk of inRequests(missing)) {
    const done = api.peopleNamed(chunk).then(
      (people) => {
        // into this person's names, even if another signed in meanwhile
        for (const id of chunk) k.names.set(id, null);
        for (const p of people) k.names.set(p.id, p.name);
        for (const listener of listeners) listener();
      },
      // the API away: the ids stay unknown and are asked for again by the next page that shows them (never in a
      // loop: a failure re-renders nothing)
      () => undefined,
    ).finally(() => {
      for (const id of chunk) k.asking.delete(id);
    });
    for (const id of chunk) k.asking.set(id, done);
    waits.push(done);
  }
  return Promise.all(waits).then(() => undefined);
}
