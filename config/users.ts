// Embedded demo users: at least two per role and two per sample Gemeinde. They exist only outside production.
// Configuration data rather than API code: the worker needs them too (mail recipients in embedded mode).
import { GEMEINDEN } from '../domain/catalog/gemeinden';
import type { Role } from '../domain/types';

export interface User {
  id: string;
  name: string;
  roles: Role[];
  gemeinden: string[];
  email: string;
}

export interface DemoUser extends User {
  token: string;
}

const STAFF: [string, string, Role][] = [
  ['m.huber', 'Maria Huber', 'vorstand'],
  ['j.bauer', 'Josef Bauer', 'vorstand'],
  ['s.wagner', 'Sabine Wagner', 'bereichsleitung'],
  ['t.schmid', 'Thomas Schmid', 'bereichsleitung'],
  ['a.gruber', 'Andrea Gruber', 'projektleitung'],
  ['f.maier', 'Florian Maier', 'projektleitung'],
  ['k.hofmann', 'Klaus Hofmann', 'netzwerk'],
  ['l.weber', 'Lena Weber', 'netzwerk'],
  ['m.koch', 'Markus Koch', 'arbeitsplatz'],
  ['j.richter', 'Julia Richter', 'arbeitsplatz'],
  ['p.fischer', 'Peter Fischer', 'verfahren'],
  ['c.schneider', 'Christina Schneider', 'verfahren'],
  ['b.wolf', 'Barbara Wolf', 'datenschutz'],
  ['h.neumann', 'Hans Neumann', 'datenschutz'],
  ['r.schwarz', 'Ralf Schwarz', 'isb'],
  ['e.zimmermann', 'Eva Zimmermann', 'isb'],
  ['d.krueger', 'Daniel Krüger', 'admin'],
  ['n.lang', 'Nina Lang', 'admin'],
];

const GEMEINDE_STAFF: [string, string][] = [
  ['buergermeister', 'Bürgermeister/in'],
  ['geschaeftsleitung', 'Geschäftsleitung'],
];

function demoToken(id: string): string {
  return `demo-${id}`;
}

export const DEMO_USERS: DemoUser[] = [
  ...STAFF.map(([id, name, role]) => ({
    id, name, roles: [role], gemeinden: [], email: `${id}@ku-it.example`, token: demoToken(id),
  })),
  ...GEMEINDEN.flatMap((g) =>
    GEMEINDE_STAFF.map(([fn, title]): DemoUser => {
      const id = `${fn}-${g.ags}`;
      return { id, name: `${title} ${g.name}`, roles: ['gemeinde'], gemeinden: [g.ags], email: `${id}@gemeinde.example`, token: demoToken(id) };
    }),
  ),
];

/**
 * Looks active users up by id (assignees, project leads) — demo users in embedded mode, otherwise the people stored
 * in PostgreSQL (api/people-directory.ts), which every replica shares.
 */
export interface UserDirectory {
  find(id: string): Promise<User | undefined>;
  /** everyone who can be named and assigned: the active people */
  list(): Promise<readonly User[]>;
}

export const demoDirectory: UserDirectory = {
  find: async (id) => DEMO_USERS.find((u) => u.id === id),
  list: async () => DEMO_USERS,
};
