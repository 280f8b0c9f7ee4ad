// The people repository (table `people`): who can be assigned, mailed and named, and the directory syncs' results
// (`directory_syncs`). One SQL path for PGlite and a PostgreSQL server; every API replica and the worker read the
// same rows, so a restart or another replica forgets nobody.
import type { Role } from '../domain/types';
import type { Db } from './db';

export interface PersonData {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** AGS of the Gemeinden a `gemeinde` person belongs to */
  gemeinden: string[];
}

export interface Person extends PersonData {
  source: 'directory' | 'token';
  active: boolean;
  lastSeenAt?: string;
  syncedAt?: string;
}

export interface SyncCounts {
  people: number;
  added: number;
  deactivated: number;
}

export interface DirectorySyncRecord extends SyncCounts {
  trigger: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error?: string;
}

export interface PeopleStore {
  /** an active person by id */
  find(id: string): Promise<Person | undefined>;
  /**
   * Everyone, active or not, by name. Kept between calls and read again only when people have changed (migration
   * 019's version, one row): a state-wide directory holds thousands of people, and the worker addresses every batch
   * of mail by it. The same list (frozen) until then, so a caller may keep what it derives from it.
   */
  list(): Promise<readonly Person[]>;
  /** the active holders of `role`; for `gemeinde` only those of Gemeinde `ags` */
  withRole(role: Role, ags?: string): Promise<Person[]>;
  /**
   * A verified sign-in. `learn`: without a directory the token's roles, Gemeinden, name and address are stored (and
   * the person is active again); `touch`: with a directory only `last_seen_at` changes — the directory decides roles.
   */
  seen(person: PersonData, mode: 'learn' | 'touch'): Promise<void>;
  /**
   * The directory's complete list of people: upserts them as active with their roles, and deactivates everyone
   * else (never deletes). One transaction: readers see the old or the new directory, never half of it.
   */
  replaceFromDirectory(people: PersonData[]): Promise<SyncCounts>;
  recordSync(sync: Omit<DirectorySyncRecord, 'finishedAt'>): Promise<void>;
  lastSync(): Promise<DirectorySyncRecord | undefined>;
}

interface PersonRow {
  id: string;
  name: string;
  email: string;
  roles: string[];
  gemeinden: string[];
  source: 'directory' | 'token';
  active: boolean;
  last_seen_at: Date | string | null;
  synced_at: Date | string | null;
}

const iso = (v: Date | string | null): string | undefined => (v === null ? undefined : new Date(v).toISOString());

function person(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    roles: r.roles as Role[],
    gemeinden: r.gemeinden,
    source: r.source,
    active: r.active,
    ...(r.last_seen_at ? { lastSeenAt: iso(r.last_seen_at) } : {}),
    ...(r.synced_at ? { syncedAt: iso(r.synced_at) } : {}),
  };
}

const COLUMNS = 'id, name, email, roles, gemeinden, source, active, last_seen_at, synced_at';

export function peopleStore(db: Db): PeopleStore {
  let kept: { version: string; people: readonly Person[] } | undefined;
  return {
    async find(id) {
      const { rows } = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE id = $1 AND active`, [id]);
      return rows[0] ? person(rows[0]) : undefined;
    },
    async list() {
      // the version before the list: a write in between makes the next call read again, never miss it
      const { rows: [{ version }] } = await db.query<{ version: string }>('SELECT version::text AS version FROM people_version');
      if (kept?.version !== version) {
        const { rows } = await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people ORDER BY active DESC, name, id`);
        kept = { version, people: Object.freeze(rows.map((r) => Object.freeze(person(r)))) };
      }
      return kept.people;
    },
    async withRole(role, ags) {
      const { rows } = role === 'gemeinde'
        ? await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE active AND roles @> ARRAY[$1]::text[] AND gemeinden @> ARRAY[$2]::text[] ORDER BY id`, [role, ags ?? ''])
        : await db.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE active AND roles @> ARRAY[$1]::text[] ORDER BY id`, [role]);
      return rows.map(person);
    },
    async seen(p, mode) {
      if (mode === 'touch') {
        await db.query('UPDATE people SET last_seen_at = now() WHERE id = $1', [p.id]);
        return;
      }
      // a person the directory knows keeps the directory's roles even if a directory is switched off later
      await db.query(
        `INSERT INTO people (id, name, email, roles, gemeinden, source, active, last_seen_at, updated_at)
         VALUES ($1, $2, $3, $4::text[], $5::text[], 'token', true, now(), now())
         ON CONFLICT (id) DO UPDATE SET
           name = EXCLUDED.name, email = CASE WHEN EXCLUDED.email = '' THEN people.email ELSE EXCLUDED.email END,
           roles = EXCLUDED.roles, gemeinden = EXCLUDED.gemeinden, source = 'token', active = true,
           last_seen_at = now(), updated_at = now()`,
        [p.id, p.name, p.email, p.roles, p.gemeinden],
      );
    },
    replaceFromDirectory(people) {
      // one statement for all of them (a state-wide directory holds thousands); an id listed twice counts as its
      // last entry, as the directory's last word
      const latest = [...new Map(people.map((p) => [p.id, p])).values()];
      return db.transaction(async (tx) => {
        const { rows: upserted } = await tx.query<{ inserted: boolean }>(
          `INSERT INTO people (id, name, email, roles, gemeinden, source, active, synced_at, updated_at)
           SELECT p->>'id', p->>'name', p->>'email',
                  ARRAY(SELECT jsonb_array_elements_text(p->'roles')), ARRAY(SELECT jsonb_array_elements_text(p->'gemeinden')),
                  'directory', true, now(), now()
           FROM jsonb_array_elements($1::text::jsonb) AS p
           ON CONFLICT (id) DO UPDATE SET
             name = EXCLUDED.name, email = EXCLUDED.email, roles = EXCLUDED.roles, gemeinden = EXCLUDED.gemeinden,
             source = 'directory', active = true, synced_at = now(), updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [JSON.stringify(latest.map(({ id, name, email, roles, gemeinden }) => ({ id, name, email, roles, gemeinden })))],
        );
        const { rows } = await tx.query<{ id: string }>(
          `UPDATE people SET active = false, updated_at = now() WHERE active AND NOT (id = ANY($1::text[])) RETURNING id`,
          [latest.map((p) => p.id)],
        );
        return { people: people.length, added: upserted.filter((r) => r.inserted).length, deactivated: rows.length };
      });
    },
    async recordSync(s) {
      await db.query(
        `INSERT INTO directory_syncs (trigger, started_at, ok, people, added, deactivated, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.trigger, s.startedAt, s.ok, s.people, s.added, s.deactivated, s.error ?? null],
      );
    },
    async lastSync() {
      const { rows } = await db.query<{ trigger: string; started_at: Date | string; finished_at: Date | string; ok: boolean; people: number; added: number; deactivated: number; error: string | null }>(
        'SELECT trigger, started_at, finished_at, ok, people, added, deactivated, error FROM directory_syncs ORDER BY id DESC LIMIT 1',
      );
      const r = rows[0];
      if (!r) return undefined;
      return {
        trigger: r.trigger, startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at)!, ok: r.ok,
        people: r.people, added: r.added, deactivated: r.deactivated, ...(r.error ? { error: r.error } : {}),
      };
    },
  };
}
