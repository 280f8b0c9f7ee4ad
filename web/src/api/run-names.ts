// Readable names for child runs, whose ids are built from the subject (`migration-<ags>-<verfahren>`,
// `rollout-<ags>-<batch>`): the Verfahren's catalogue name reads better than its id.
import { useEffect, useState } from 'preact/hooks';
import { api } from './endpoints';
import type { Verfahren } from './types';

let cache: Promise<Verfahren[]> | undefined;

function loadVerfahren(): Promise<Verfahren[]> {
  cache ??= api.verfahren().catch(() => {
    cache = undefined;
    return [];
  });
  return cache;
}

export function useRunNames(ags: string): (runId: string) => string {
  const [verfahren, setVerfahren] = useState<Verfahren[]>([]);
  useEffect(() => {
    let live = true;
    void loadVerfahren().then((v) => live && setVerfahren(v));
    return () => {
      live = false;
    };
  }, []);
  return (runId) => {
    const migration = `migration-${ags}-`;
    const rollout = `rollout-${ags}-`;
    if (runId.startsWith(migration)) {
      const id = runId.slice(migration.length);
      return `Verfahrensmigration ${verfahren.find((v) => v.id === id)?.name ?? id}`;
    }
    if (runId.startsWith(rollout)) {
      const batch = runId.slice(rollout.length).replace(/-/g, ' ');
      return `Arbeitsplatz-Rollout ${batch.charAt(0).toUpperCase()}${batch.slice(1)}`;
    }
    return runId;
  };
}
