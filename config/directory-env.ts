// Environment settings of the user directory (LDAP or Active Directory), merged into config/env.ts's schema. Without
// LDAP_URL there is no directory: people are learned from their verified sign-in tokens instead.
import { z } from 'zod';
import { jsonVariable } from './json-variable';
import { normalizeDn, type LdapSettings } from '../activities/ldap-settings';
import { ROLES } from '../domain/types';

/** A JSON object `{ "<group DN>": <value> }` in one variable; group DNs are compared case-insensitively. */
function groupMap<T extends z.ZodType>(value: T) {
  return jsonVariable('a JSON object { "<group DN>": … } expected')
    .pipe(z.record(z.string().trim().min(3).regex(/=/, 'a group DN such as cn=netzwerk,ou=groups,dc=ku,dc=example'), value));
}

const attribute = z.string().trim().regex(/^[A-Za-z][\w-]*$/, 'an LDAP attribute name');

export const directoryEnvFields = {
  /** ldaps://ad.ku.example:636 (ldap:// only on this machine, or with LDAP_STARTTLS=true) */
  LDAP_URL: z.string().regex(/^ldaps?:\/\/[^\s/]+\/?$/, 'ldaps://host:636 or ldap://host:389').optional(),
  LDAP_STARTTLS: z.enum(['true', 'false']).default('false'),
  /** the service account the sync binds as (read-only rights suffice) */
  LDAP_BIND_DN: z.string().trim().min(3).optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  /** where people are searched (subtree) */
  LDAP_BASE_DN: z.string().trim().min(3).optional(),
  LDAP_USER_FILTER: z.string().trim().regex(/^\(.*\)$/, 'an LDAP filter in parentheses').default('(objectClass=inetOrgPerson)'),
  /** the attribute whose value is the person's id — the same as the tokens' OIDC_USER_ID_CLAIM (AD: sAMAccountName) */
  LDAP_ID_ATTRIBUTE: attribute.default('uid'),
  LDAP_NAME_ATTRIBUTE: attribute.default('cn'),
  LDAP_MAIL_ATTRIBUTE: attribute.default('mail'),
  /** group DN → role, e.g. {"cn=netzwerk,ou=groups,dc=ku,dc=example":"netzwerk"}; members get the role */
  LDAP_GROUP_ROLES: groupMap(z.enum(ROLES)).optional(),
  /** group DN → AGS, e.g. {"cn=gemeinde-09181128,ou=groups,dc=ku,dc=example":"09181128"}; members act for that Gemeinde */
  LDAP_GROUP_GEMEINDEN: groupMap(z.string().regex(/^\d{8}$/, 'an AGS of 8 digits')).optional(),
};

type DirectoryEnv = z.infer<z.ZodObject<typeof directoryEnvFields>>;

const loopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url.replace(/^ldaps?:/, 'http:')).hostname);

/** Problems of the combination (each names its variable); empty when the settings fit together. */
export function directoryEnvProblems(c: DirectoryEnv): string[] {
  if (!c.LDAP_URL) {
    const stray = (['LDAP_BIND_DN', 'LDAP_BIND_PASSWORD', 'LDAP_BASE_DN', 'LDAP_GROUP_ROLES', 'LDAP_GROUP_GEMEINDEN'] as const).filter((k) => c[k] !== undefined);
    return stray.length ? [`  LDAP_URL: ${stray.join(', ')} given but LDAP_URL is missing`] : [];
  }
  const problems: string[] = [];
  for (const k of ['LDAP_BIND_DN', 'LDAP_BIND_PASSWORD', 'LDAP_BASE_DN', 'LDAP_GROUP_ROLES'] as const) {
    if (c[k] === undefined) problems.push(`  ${k}: required with LDAP_URL`);
  }
  // the bind password must not cross the network in clear text
  if (c.LDAP_URL.startsWith('ldap://') && c.LDAP_STARTTLS !== 'true' && !loopback(c.LDAP_URL)) {
    problems.push('  LDAP_URL: ldap:// only on this machine; use ldaps:// or LDAP_STARTTLS=true');
  }
  return problems;
}

const lowerKeys = <T>(m: Record<string, T> | undefined): Record<string, T> =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [normalizeDn(k), v]));

export function ldapSettings(c: DirectoryEnv): LdapSettings | undefined {
  if (!c.LDAP_URL || !c.LDAP_BIND_DN || !c.LDAP_BIND_PASSWORD || !c.LDAP_BASE_DN || !c.LDAP_GROUP_ROLES) return undefined;
  return {
    url: c.LDAP_URL,
    startTls: c.LDAP_STARTTLS === 'true',
    bindDn: c.LDAP_BIND_DN,
    bindPassword: c.LDAP_BIND_PASSWORD,
    baseDn: c.LDAP_BASE_DN,
    userFilter: c.LDAP_USER_FILTER,
    attributes: { id: c.LDAP_ID_ATTRIBUTE, name: c.LDAP_NAME_ATTRIBUTE, mail: c.LDAP_MAIL_ATTRIBUTE },
    groupRoles: lowerKeys(c.LDAP_GROUP_ROLES),
    groupGemeinden: lowerKeys(c.LDAP_GROUP_GEMEINDEN),
  };
}
