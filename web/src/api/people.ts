// Names for user ids (assignees, approvers, audit actors): the people the API knows (its directory, or everyone
// seen signing in) as far as the caller may see them; in the embedded demo its demo users.
import { useEffect, useState } from 'preact/hooks';
import { currentSession } from '../auth/session';
import { api } from './endpoints';
import type { DemoUser, User } from './types';

// per signed-in person: whom one may see named depends on who asks
let cache: { for: string; people: Promise<User[]> } | undefined;

export function loadPeople(): Promise<User[]> {
  const session = currentSession();
  if (!session) return Promise.resolve([]);
  if (cache?.for === session.user.id) return cache.people;
  const people = (session.mode === 'demo' ? api.demoUsers() : api.people())
    .then((users: (DemoUser | User)[]) => users.map(({ id, name, roles, gemeinden }) => ({ id, name, roles, gemeinden })))
    .catch(() => {
      cache = undefined;
      return [];
    });
  cache = { for: session.user.id, people };
  return people;
}

export interface People {
  list: User[];
  name: (id?: string) => string;
}

export function usePeople(): People {
  const [list, setList] = useState<User[]>([]);
  useEffect(() => {
    let live = true;
    void loadPeople().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, []);
  const me = currentSession()?.user;
  return {
    list,
    name: (id) => {
      if (!id) return '–';
      if (id === 'system') return 'System';
      if (me && id === me.id) return `${me.name} (Sie)`;
      return list.find((u) => u.id === id)?.name ?? id;
    },
  };
}
