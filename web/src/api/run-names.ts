// Readable names for child runs: a started child's title as the run list has it ("Arbeitsplatz-Rollout: Ohne
// Standort 1 (3 Geräte)"); a planned one, which has no run yet, named from its id (`migration-<ags>-<verfahren>`,
// `rollout-<ags>-<batch>`), the Verfahren by its catalogue name.
import { useEffect, useState } from 'preact/hooks';
import { api } from './endpoints';
import type { RunSummary, Verfahren } from './types';
import { upperFirst } from '../lib/format';

let cache: Promise<Verfahren[]> | undefined;

function loadVerfahren(): Promise<Verfahren[]> {
  cache ??= api.verfahren().catch(() => {
    cache = undefined;
    return [];
  });
  return cache;
}

export function useRunNames(started: readonly Pick<RunSummary, 'id' | 'title'>[] = []): (runId: string) => string {
  const [verfahren, setVerfahren] = useState<Verfahren[]>([]);
  useEffect(() => {
    let live = true;
    void loadVerfahren().then((v) => live && setVerfahren(v));
    return () => {
      live = false;
    };
  }, []);
  const titles = new Map(started.map((r) => [r.id, r.title]));
  return (runId) => {
    const title = titles.get(runId);
    if (title) return title;
    // the Gemeinde's AGS has eight digits
    const migration = /^migration-\d{8}-(.+)$/.exec(runId)?.[1];
    if (migration) return `Verfahrensmigration: ${verfahren.find((v) => v.id === migration)?.name ?? migration}`;
    const rollout = /^rollout-\d{8}-(.+)$/.exec(runId)?.[1]?.replace(/-/g, ' ');
    if (rollout) return `Arbeitsplatz-Rollout: ${upperFirst(rollout)}`;
    return runId;
  };
}
