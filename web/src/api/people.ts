// The components' names for user ids: usePeople() renders what is known and asks for the rest (api/names.ts), and
// renders again once the names are in.
import { useEffect, useReducer } from 'preact/hooks';
import { currentSession } from '../auth/session';
import { knownNames, loadNames, onNamesChanged } from './names';

export interface People {
  /** the name for an id — the id itself until the name is in (the component renders again then) */
  name: (id?: string) => string;
}

export function usePeople(): People {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onNamesChanged(() => rerender(undefined)), []);
  // the ids this render named without knowing them, asked for once it is on screen
  const wanted = new Set<string>();
  useEffect(() => {
    if (wanted.size > 0) void loadNames(wanted);
  });
  const me = currentSession()?.user;
  const names = knownNames();
  return {
    name: (id) => {
      if (!id) return '–';
      if (id === 'system') return 'System';
      if (me && id === me.id) return `${me.name} (Sie)`;
      const name = names?.get(id);
      if (name === undefined) wanted.add(id);
      return name ?? id;
    },
  };
}
