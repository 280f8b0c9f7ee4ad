// Phase titles of the process templates (runs carry phase ids on their steps), loaded once per page load.
import { useEffect, useState } from 'preact/hooks';
import { api } from './endpoints';
import type { ProcessTemplate } from './types';

let cache: Promise<ProcessTemplate[]> | undefined;

export function loadProcesses(): Promise<ProcessTemplate[]> {
  cache ??= api.processes().catch(() => {
    cache = undefined;
    return [];
  });
  return cache;
}

/** Returns a lookup from phase id to title for a process, in template order (ids where unknown). */
export function usePhaseTitles(process?: string): ((phaseId: string) => string) & { order: string[] } {
  const [templates, setTemplates] = useState<ProcessTemplate[]>([]);
  useEffect(() => {
    let live = true;
    void loadProcesses().then((t) => live && setTemplates(t));
    return () => {
      live = false;
    };
  }, []);
  const phases = templates.find((t) => t.id === process)?.phases ?? [];
  const lookup = (id: string) => phases.find((p) => p.id === id)?.title ?? id;
  return Object.assign(lookup, { order: phases.map((p) => p.id) });
}
