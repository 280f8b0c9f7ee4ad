// Reads the people of the organisation's directory (LDAP or Active Directory) with ldapts: binds as the configured
// service account, reads the members of every mapped group, then the people under the base DN. A person's roles
// and Gemeinden are those of the mapped groups they are a member of; people in no mapped group are not users of
// the engine. A mapped group that does not exist fails the read: its members would otherwise silently lose a role.
import { Client, type Entry } from 'ldapts';
import { normalizeDn, type LdapSettings } from './ldap-settings';
import type { Role } from '../domain/types';
import type { PersonData } from '../store/people';

const TIMEOUT_MS = 15_000;

function first(entry: Entry, attribute: string): string | undefined {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const v = key ? entry[key] : undefined;
  const value = Array.isArray(v) ? v[0] : v;
  return value === undefined ? undefined : String(value).trim() || undefined;
}

function all(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const v = key ? entry[key] : undefined;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** An ldapts error as a short cause without secrets: its class, LDAP result code and text. */
export function ldapCause(err: unknown): string {
  const e = err as { name?: string; code?: number | string; message?: string };
  return `${e.name ?? 'Error'}${e.code !== undefined ? ` (${e.code})` : ''}: ${String(e.message ?? err).slice(0, 200)}`;
}

export async function readDirectory(settings: LdapSettings): Promise<PersonData[]> {
  const client = new Client({ url: settings.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  try {
    if (settings.startTls) await client.startTLS({ servername: new URL(settings.url.replace(/^ldap:/, 'http:')).hostname });
    await client.bind(settings.bindDn, settings.bindPassword);

    // member DN → roles and Gemeinden, from the mapped groups (groupOfNames `member`, groupOfUniqueNames `uniqueMember`)
    const roles = new Map<string, Set<Role>>();
    const gemeinden = new Map<string, Set<string>>();
    const add = <T>(map: Map<string, Set<T>>, dn: string, value: T) => {
      const key = normalizeDn(dn);
      map.set(key, (map.get(key) ?? new Set<T>()).add(value));
    };
    const groups = new Set([...Object.keys(settings.groupRoles), ...Object.keys(settings.groupGemeinden)]);
    for (const group of groups) {
      const { searchEntries } = await client.search(group, { scope: 'base', attributes: ['member', 'uniqueMember'] });
      const members = searchEntries.flatMap((e) => [...all(e, 'member'), ...all(e, 'uniqueMember')]);
      for (const member of members) {
        if (settings.groupRoles[group]) add(roles, member, settings.groupRoles[group]);
        if (settings.groupGemeinden[group]) add(gemeinden, member, settings.groupGemeinden[group]);
      }
    }

    const { id, name, mail } = settings.attributes;
    const { searchEntries } = await client.search(settings.baseDn, {
      scope: 'sub',
      filter: settings.userFilter,
      attributes: [id, name, mail],
      paged: { pageSize: 500 },
    });
    const people: PersonData[] = [];
    for (const entry of searchEntries) {
      const dn = normalizeDn(entry.dn);
      const personId = first(entry, id);
      if (!personId || (!roles.has(dn) && !gemeinden.has(dn))) continue;
      people.push({
        id: personId,
        name: first(entry, name) ?? personId,
        email: first(entry, mail) ?? '',
        roles: [...(roles.get(dn) ?? [])].sort(),
        gemeinden: [...(gemeinden.get(dn) ?? [])].sort(),
      });
    }
    return people;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
