// The year plan's what-if (issue 15: "within 200 ms for 10 planned and 4 running onboardings"): a store with four
// running onboardings (as their run.started events hold them) and ten planned ones, and the what-if answered as
// POST /api/v1/planning/what-if answers it — reading runs, start requests, planned entries, capacity and absences from
// the store, resolving every plan, loading the teams week by week, searching the earliest fit and the effects of
// moving each other onboarding. Samples one after another, p50 over them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { answerWhatIf } from '../../api/routes/planning';
import { berlinDate } from '../../domain/berlin-time';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import type { OnboardingInput } from '../../domain/types';
import { RunStream } from './bench-data';
import { openStore } from '../../store/store';
import { percentiles, type Percentiles } from './stats';

export interface WhatIfResult {
  running: number;
  planned: number;
  whatIf: Percentiles;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const VERFAHREN = ['ok-fis', 'ok-ewo', 'ok-pws', 'pass-ausweis', 'fundsachen'];

export async function measureWhatIf(options: { samples: number }): Promise<WhatIfResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-bench-whatif-'));
  const store = await openStore({ dataDir });
  try {
    const today = berlinDate(Date.now());
    // four running onboardings, started over the last months
    for (const [i, g] of GEMEINDEN.slice(0, 4).entries()) {
      const startedAt = `${addDays(today, -40 * (i + 1))}T08:00:00.000Z`;
      const input: OnboardingInput = { ags: g.ags, variant: i % 2 ? 'dienstleistung' : 'mitglied', targetGoLive: addDays(today, 300), projectLead: 'a.gruber', verfahren: VERFAHREN.slice(0, 2 + i), workstations: 20 + 10 * i };
      const id = `onboarding-${g.ags}`;
      const s = new RunStream({
        id, rootId: id, process: 'gemeinde-onboarding', title: 'Gemeinde-Onboarding', status: 'running', ags: g.ags, gemeindeName: g.name,
        phase: 'recht', phaseTitle: 'Recht / Vertrag', progress: 0.2, health: 'green', startedAt, targetGoLive: input.targetGoLive, projectLead: 'a.gruber',
      });
      s.emit('run.started', startedAt, { actor: 'a.gruber', data: { ...input }, run: s.run });
      await store.appendEvents(s.events);
    }
    // ten planned ones over the next two years (the other six sample Gemeinden and four of them again)
    for (let i = 0; i < 10; i++) {
      const g = GEMEINDEN[4 + (i % 6)];
      await store.planning.createPlanned({
        ags: g.ags, variant: i % 2 ? 'mitglied' : 'dienstleistung', desiredGoLive: addDays(today, 240 + 60 * i), verfahren: [], verfahrenCount: 3, workstations: 25, status: 'Angebot',
      }, 'bench');
    }
    const candidate = { ags: GEMEINDEN[10]?.ags ?? GEMEINDEN[9].ags, variant: 'dienstleistung' as const, verfahrenCount: 4, workstations: 30, targetGoLive: addDays(today, 270) };
    const settings = () => ({ windows: [] });
    const ask = async () => {
      const t0 = performance.now();
      const answer = await answerWhatIf(store, settings, candidate, today);
      const ms = performance.now() - t0;
      if (answer.effects.length < 13 || !answer.bottleneck) throw new Error(`what-if: unexpected answer ${JSON.stringify(answer).slice(0, 300)}`);
      return ms;
    };
    await ask(); // warm-up: the first call pays for the holiday library and the JIT
    const ms: number[] = [];
    for (let i = 0; i < Math.max(20, options.samples); i++) ms.push(await ask());
    return { running: 4, planned: 10, whatIf: percentiles(ms) };
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx ts-node --transpile-only scripts/bench/what-if.ts`: this measurement alone
if (require.main === module) {
  measureWhatIf({ samples: 20 }).then((r) => console.log(JSON.stringify(r)), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
