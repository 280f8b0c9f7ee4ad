// Names for user ids (assignees, approvers, audit actors). In the embedded demo the API lists its users; with a
// real identity provider there is no such list yet, and ids are shown as they are.
import { useEffect, useState } from 'preact/hooks';
import { currentSession } from '../auth/session';
import { api } from './endpoints';
import type { DemoUser, User } from './types';

let cache: Promise<User[]> | undefined;

export function loadPeople(): Promise<User[]> {
  if (currentSession()?.mode !== 'demo') return Promise.resolve([]);
  cache ??= api
    .demoUsers()
    .then((users: DemoUser[]) => users.map(({ id, name, roles, gemeinden }) => ({ id, name, roles, gemeinden })))
    .catch(() => {
      cache = undefined;
      return [];
    });
  return cache;
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
