// The API's view of the stored people (store/people.ts): who can be assigned and named, shared by every replica.
// Sign-ins are recorded here too: without a directory a verified token's roles and Gemeinden are learned (so a
// restart forgets no one); with one only the time of the last sign-in, because the directory decides roles.
import type { User, UserDirectory } from '../config/users';
import type { PeopleStore } from '../store/people';
import type { Principal } from './policy';

export function storedPeopleDirectory(people: PeopleStore): UserDirectory {
  return {
    async find(id) {
      const p = await people.find(id);
      return p ? { id: p.id, name: p.name, roles: p.roles, gemeinden: p.gemeinden, email: p.email } : undefined;
    },
    list: async () => (await people.list()).filter((p) => p.active),
  };
}

/** a sign-in is written at most this often per person while nothing about them changes */
const REWRITE_AFTER_MS = 5 * 60_000;

/** Records verified sign-ins, sparing the database a write per request. */
export function signInRecorder(people: PeopleStore, mode: 'learn' | 'touch', onError: (err: unknown) => void): (p: Principal) => Promise<void> {
  const written = new Map<string, { at: number; fingerprint: string }>();
  return async (p) => {
    const person: User = { id: p.id, name: p.name, roles: [...p.roles], gemeinden: [...p.gemeinden], email: p.email ?? '' };
    const fingerprint = JSON.stringify(person);
    const last = written.get(p.id);
    if (last && last.fingerprint === fingerprint && Date.now() - last.at < REWRITE_AFTER_MS) return;
    try {
      await people.seen(person, mode);
      // bounded: a flood of distinct valid tokens must not grow memory without limit
      if (!last && written.size >= 10_000) written.delete(written.keys().next().value as string);
      written.set(p.id, { at: Date.now(), fingerprint });
    } catch (err) {
      // the sign-in itself is valid; a database that is away is reported by /readyz and the request's own queries
      onError(err);
    }
  };
}
