// Who receives a notification: people by user id, teams by role. The user list is handed in by the worker's wiring
// (the demo users in embedded mode) because activities may not reach into api/; production adds team mailboxes
// from MAIL_TEAMS, so a team gets one mail at its shared address instead of one per member.
import { actsAs } from '../domain/policy';
import type { Role } from '../domain/types';

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** AGS a `gemeinde` user belongs to */
  gemeinden: string[];
}

export interface Recipient {
  email: string;
  name?: string;
  /** the person's user id (their mail preferences); a team mailbox has none */
  userId?: string;
}

export interface Directory {
  person(userId: string): Recipient | undefined;
  /** everyone acting in `role`; for role `gemeinde` only the people of Gemeinde `ags` */
  team(role: Role, ags?: string): Recipient[];
}

export interface DirectoryOptions {
  users?: DirectoryUser[];
  /** team mailboxes by role (`netzwerk`) or, for Gemeinden, by `gemeinde:<AGS>` */
  teams?: Record<string, string>;
  /** domain for user ids that are not in `users` and not addresses themselves (e.g. OIDC subjects `a.gruber`) */
  userDomain?: string;
}

const looksLikeAddress = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

export function createDirectory(opts: DirectoryOptions = {}): Directory {
  const users = opts.users ?? [];
  const teams = opts.teams ?? {};
  const byId = new Map(users.map((u) => [u.id, u]));
  const memberLists = new Map<string, Recipient[]>();
  return {
    person(userId) {
      const u = byId.get(userId);
      if (u) return { email: u.email, name: u.name, userId: u.id };
      if (looksLikeAddress(userId)) return { email: userId, userId };
      if (opts.userDomain && /^[\w.+-]+$/.test(userId)) return { email: `${userId}@${opts.userDomain}`, userId };
      return undefined;
    },
    team(role, ags) {
      // a Gemeinde's mailbox only ever for its own AGS: another Gemeinde's tasks are none of its business
      const mailbox = role === 'gemeinde' ? (ags ? teams[`gemeinde:${ags}`] : undefined) : teams[role];
      if (mailbox) return [{ email: mailbox, name: role === 'gemeinde' ? `Gemeinde ${ags}` : `Team ${role}` }];
      // a directory is kept while the people stay the same (directoryOfTheMoment): each team is looked up once
      const key = `${role}|${ags ?? ''}`;
      let members = memberLists.get(key);
      if (!members) {
        members = users
          // the one rule of domain/policy.ts; without an AGS, role `gemeinde` reaches nobody
          .filter((u) => actsAs(u, role, ags ?? ''))
          .map((u) => ({ email: u.email, name: u.name, userId: u.id }));
        memberLists.set(key, members);
      }
      return members.map((m) => ({ ...m }));
    },
  };
}

/** What the directory of the moment is made of: the configured users and mailboxes, and the people store. */
export interface DirectorySource {
  /** the configured directory (demo users, MAIL_TEAMS mailboxes, MAIL_USER_DOMAIN) */
  directory: Directory;
  /** its options, to add the people store's people to (absent: the configured directory alone) */
  directoryOptions?: DirectoryOptions;
  /** the people store, filled by the LDAP sync or by sign-ins (store/people.ts): the same list while nobody changed */
  people?: { list(): Promise<readonly (DirectoryUser & { active: boolean })[]> };
}

/**
 * The directory a mail is addressed by, as of now: the people store's active people (the directory sync's or the
 * sign-ins') beside the configured users — a person in the store wins over a configured user of the same id — and
 * the configured mailboxes. Asked once per delivery, so a person added or deactivated by the sync is mailed (or not)
 * from the next mail on; built again only when the store's list is a new one (issue 19: a state-wide directory of
 * thousands of people, built for every batch of mail, was most of a delivery's cost). Whom a mail goes to stays
 * activities/recipients.ts's rule.
 */
export function directoryOfTheMoment(source: DirectorySource): () => Promise<Directory> {
  const { people, directoryOptions } = source;
  if (!directoryOptions || !people) return async () => source.directory;
  let kept: { from: readonly DirectoryUser[]; directory: Directory } | undefined;
  return async () => {
    const all = await people.list();
    if (kept?.from !== all) {
      const active = all.filter((p) => p.active);
      const ids = new Set(active.map((p) => p.id));
      const configured = (directoryOptions.users ?? []).filter((u) => !ids.has(u.id));
      kept = { from: all, directory: createDirectory({ ...directoryOptions, users: [...active, ...configured] }) };
    }
    return kept.directory;
  };
}
