// Starting onboardings through the API and driving them to completion with the bot, as the benchmarks need them.
import { DEMO_USERS } from '../../config/users';
import { VERFAHREN } from '../../domain/catalog/verfahren';
import { driveToCompletion, type BotOptions, type Http } from '../bot';

export interface OnboardingSize {
  verfahren: number;
  workstations: number;
  batchSize: number;
  migrationConcurrency?: number;
}

const lead = DEMO_USERS.find((u) => u.id === 'a.gruber')!;
const reader = DEMO_USERS.find((u) => u.id === 'm.huber')!;

export function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function startOnboarding(http: Http, ags: string, size: OnboardingSize): Promise<string> {
  if (size.verfahren > VERFAHREN.length) throw new Error(`the catalogue has ${VERFAHREN.length} Verfahren, not ${size.verfahren}`);
  const res = await http('POST', '/api/v1/runs', lead.token, {
    process: 'gemeinde-onboarding',
    input: {
      // a large bench onboarding may not fit this target: the reason keeps the start valid (the run is ambitious)
      ags, variant: 'mitglied', targetGoLive: futureDate(600), targetReason: 'Lastmessung', projectLead: lead.id,
      verfahren: VERFAHREN.slice(0, size.verfahren).map((v) => v.id), workstations: size.workstations, batchSize: size.batchSize,
      ...(size.migrationConcurrency ? { migrationConcurrency: size.migrationConcurrency } : {}),
    },
  });
  if (res.status !== 201) throw new Error(`POST /runs (${ags}): ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body.id as string;
}

export function drive(
  http: Http,
  rootRunId: string,
  timeoutMs: number,
  onComplete?: (taskId: string, status: number, ms: number) => void,
  bulk = false,
  formData?: BotOptions['formData'],
): Promise<number> {
  return driveToCompletion({ http, users: DEMO_USERS, reader, rootRunId, timeoutMs, onComplete, bulk, formData });
}

/**
 * The inventory export of an onboarding's workstations, `perLocation` to a room: the rollout's batches are formed
 * from the imported devices (issue 14), so a run of 800 workstations needs 800 devices, not the sample's three.
 */
export function inventoryOf(workstations: number, perLocation: number): Record<string, unknown> {
  const rows = Array.from({ length: workstations }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const mac = (i + 1).toString(16).padStart(4, '0');
    return `PC-${n};SCALE${n};00:1A:2B:3C:${mac.slice(0, 2)}:${mac.slice(2)};Windows 10;Fujitsu Esprimo;Raum ${Math.floor(i / perLocation) + 1}`;
  });
  return { inventarCsv: ['Hostname;Seriennummer;MAC;Betriebssystem;Modell;Standort', ...rows].join('\n'), vorOrtGeprueft: true };
}

export function childCount(size: OnboardingSize): number {
  return size.verfahren + Math.ceil(size.workstations / size.batchSize);
}
