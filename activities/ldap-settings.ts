// What the directory adapter (directory-ldap.ts) needs to read the people and their groups. Configuration
// (config/directory-env.ts) builds it from the LDAP_* variables; the worker hands it in.
import type { Role } from '../domain/types';

export interface LdapSettings {
  url: string;
  startTls: boolean;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  userFilter: string;
  attributes: { id: string; name: string; mail: string };
  /** lower-cased group DN → role */
  groupRoles: Record<string, Role>;
  /** lower-cased group DN → AGS */
  groupGemeinden: Record<string, string>;
}

/** DNs compare case-insensitively and without spaces after the commas. */
export function normalizeDn(dn: string): string {
  return dn.split(',').map((part) => part.trim()).join(',').toLowerCase();
}
