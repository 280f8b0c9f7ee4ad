// The directory sync as an activity: read the directory (activities/directory-ldap.ts), store its people and
// deactivate everyone else (store/people.ts), and record how it went for the admin view. A Temporal Schedule runs it
// every 15 minutes (worker/directory-schedule.ts); admins run it on demand (POST /api/v1/admin/directory/sync).
import { ApplicationFailure } from '@temporalio/activity';
import type { LdapSettings } from './ldap-settings';
import type { PeopleStore, PersonData, SyncCounts } from '../store/people';
import { ldapCause, readDirectory } from './directory-ldap';

export interface DirectorySyncInput {
  trigger: 'schedule' | 'admin';
}

export interface DirectorySyncDeps {
  people: PeopleStore;
  /** absent: no directory configured; a sync then fails without retries */
  ldap?: LdapSettings;
}

export function createDirectorySyncActivities(deps: DirectorySyncDeps) {
  return {
    async syncDirectory(input: DirectorySyncInput): Promise<SyncCounts> {
      if (!deps.ldap) throw ApplicationFailure.nonRetryable('Kein Verzeichnis eingerichtet (LDAP_URL fehlt).', 'NoDirectory');
      const startedAt = new Date().toISOString();
      let people: PersonData[];
      try {
        people = await readDirectory(deps.ldap);
      } catch (err) {
        await deps.people.recordSync({ trigger: input.trigger, startedAt, ok: false, people: 0, added: 0, deactivated: 0, error: ldapCause(err) });
        throw err;
      }
      // an empty answer is a wrong base DN or filter far more often than an empty organisation: deactivating
      // everyone would lock every person out, so nothing changes
      if (people.length === 0) {
        const error = 'Das Verzeichnis nennt niemanden in den zugeordneten Gruppen; nichts geändert.';
        await deps.people.recordSync({ trigger: input.trigger, startedAt, ok: false, people: 0, added: 0, deactivated: 0, error });
        throw ApplicationFailure.nonRetryable(error, 'EmptyDirectory');
      }
      const counts = await deps.people.replaceFromDirectory(people);
      await deps.people.recordSync({ trigger: input.trigger, startedAt, ok: true, ...counts });
      return counts;
    },
  };
}

export type DirectorySyncActivities = ReturnType<typeof createDirectorySyncActivities>;
