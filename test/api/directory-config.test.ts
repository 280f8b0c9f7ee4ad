// The directory's settings are checked at start-up: a wrong value names its variable, the bind password is never
// echoed, a clear-text bind over the network is refused.
import { ConfigError, loadConfig } from '../../config/env';

const BASE = {
  NODE_ENV: 'test', LDAP_URL: 'ldaps://ad.ku-it.example:636', LDAP_BIND_DN: 'cn=svc,dc=ku,dc=example', LDAP_BIND_PASSWORD: 'very-secret-value',
  LDAP_BASE_DN: 'ou=people,dc=ku,dc=example', LDAP_GROUP_ROLES: '{"CN=Netzwerk, OU=Groups,DC=ku,DC=example":"netzwerk"}',
};

const problems = (over: Record<string, string | undefined>) => {
  try {
    loadConfig({ ...BASE, ...over });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('very-secret-value');
    return (err as Error).message;
  }
  return '';
};

it('reads valid settings, group DNs compared case-insensitively', () => {
  const config = loadConfig(BASE);
  expect(config.ldap).toMatchObject({ url: BASE.LDAP_URL, baseDn: BASE.LDAP_BASE_DN, groupRoles: { 'cn=netzwerk,ou=groups,dc=ku,dc=example': 'netzwerk' }, groupGemeinden: {} });
  expect(loadConfig({ NODE_ENV: 'test' }).ldap).toBeUndefined();
});

it('names the variable of each wrong or missing setting', () => {
  expect(problems({ LDAP_GROUP_ROLES: '{"cn=x,dc=ku":"hausmeister"}' })).toMatch(/LDAP_GROUP_ROLES/);
  expect(problems({ LDAP_GROUP_ROLES: 'netzwerk' })).toMatch(/LDAP_GROUP_ROLES: a JSON object/);
  expect(problems({ LDAP_GROUP_GEMEINDEN: '{"cn=kaufering,dc=ku":"9181128"}' })).toMatch(/LDAP_GROUP_GEMEINDEN.*AGS of 8 digits/);
  expect(problems({ LDAP_BIND_PASSWORD: undefined })).toMatch(/LDAP_BIND_PASSWORD: required with LDAP_URL/);
  expect(problems({ LDAP_URL: 'http://ad.ku-it.example' })).toMatch(/LDAP_URL/);
  expect(problems({ LDAP_URL: undefined })).toMatch(/LDAP_URL: .* given but LDAP_URL is missing/);
  expect(problems({ LDAP_USER_FILTER: 'objectClass=person' })).toMatch(/LDAP_USER_FILTER/);
});

it('refuses a clear-text bind over the network, allows StartTLS and this machine', () => {
  expect(problems({ LDAP_URL: 'ldap://ad.ku-it.example:389' })).toMatch(/ldap:\/\/ only on this machine/);
  expect(problems({ LDAP_URL: 'ldap://ad.ku-it.example:389', LDAP_STARTTLS: 'true' })).toBe('');
  expect(problems({ LDAP_URL: 'ldap://127.0.0.1:3389' })).toBe('');
});
