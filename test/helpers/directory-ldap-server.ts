// A real LDAP server for the directory tests: Debian's slapd on loopback with a throwaway config and database
// directory, loaded with slapadd from an LDIF of people and groups (groupOfNames). stop() ends it and removes all.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ldapts';
import { freePort } from '../../scripts/free-port';

export const LDAP_BASE = 'dc=ku,dc=example';
export const LDAP_ADMIN_DN = `cn=admin,${LDAP_BASE}`;
export const LDAP_SYNC_DN = `cn=sync,${LDAP_BASE}`;
export const LDAP_PASSWORD = 'test-only-secret';

export interface LdapPerson {
  uid: string;
  cn: string;
  mail: string;
}

export interface LdapGroup {
  cn: string;
  members: string[];
}

export interface TestLdapServer {
  url: string;
  userDn(uid: string): string;
  groupDn(cn: string): string;
  /** changes a group's members as the directory's admin would */
  setMembers(group: string, uids: string[]): Promise<void>;
  stop(): Promise<void>;
}

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';

export async function startLdapServer(people: LdapPerson[], groups: LdapGroup[]): Promise<TestLdapServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slapd-'));
  const db = path.join(dir, 'db');
  fs.mkdirSync(db);
  const userDn = (uid: string) => `uid=${uid},ou=people,${LDAP_BASE}`;
  const groupDn = (cn: string) => `cn=${cn},ou=groups,${LDAP_BASE}`;
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(conf, [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'database mdb',
    `suffix "${LDAP_BASE}"`,
    `rootdn "${LDAP_ADMIN_DN}"`,
    `rootpw ${LDAP_PASSWORD}`,
    `directory ${db}`,
    'maxsize 10485760',
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by users read by * none',
    '',
  ].join('\n'));
  const ldif = [
    `dn: ${LDAP_BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: ku\no: KU IT`,
    `dn: ou=people,${LDAP_BASE}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${LDAP_BASE}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ${LDAP_SYNC_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: sync\nuserPassword: ${LDAP_PASSWORD}`,
    ...people.map((p) => `dn: ${userDn(p.uid)}\nobjectClass: inetOrgPerson\nuid: ${p.uid}\ncn: ${p.cn}\nsn: ${p.cn.split(' ').pop()}\nmail: ${p.mail}`),
    ...groups.map((g) => `dn: ${groupDn(g.cn)}\nobjectClass: groupOfNames\ncn: ${g.cn}\n${g.members.map((m) => `member: ${userDn(m)}`).join('\n')}`),
  ].join('\n\n');
  fs.writeFileSync(path.join(dir, 'data.ldif'), `${ldif}\n`);
  execFileSync(SLAPADD, ['-f', conf, '-l', path.join(dir, 'data.ldif')], { stdio: 'pipe' });

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0: stay in the foreground (so the test owns the process), log nothing
  const child: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}: ${stderr}`);
    const admin = new Client({ url, connectTimeout: 1000 });
    try {
      await admin.bind(LDAP_ADMIN_DN, LDAP_PASSWORD);
      await admin.unbind();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`slapd did not answer on ${url}: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    url,
    userDn,
    groupDn,
    async setMembers(group, uids) {
      const admin = new Client({ url });
      await admin.bind(LDAP_ADMIN_DN, LDAP_PASSWORD);
      try {
        const { Change, Attribute } = await import('ldapts');
        await admin.modify(groupDn(group), new Change({ operation: 'replace', modification: new Attribute({ type: 'member', values: uids.map(userDn) }) }));
      } finally {
        await admin.unbind();
      }
    },
    async stop() {
      // a second stop (a test stopped the server on purpose, then afterAll) finds it gone
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
