// A small but complete onboarding (one Verfahren, one rollout batch) for the fault tests: big enough to have
// automated steps, four-eyes tasks, external events and two child workflows, small enough to finish in seconds.
import type { Api } from './driver';

export async function startSmallOnboarding(api: Api, ags: string): Promise<string> {
  const targetGoLive = new Date(Date.now() + 600 * 86_400_000).toISOString().slice(0, 10);
  const res = await api('POST', '/api/v1/runs', 'a.gruber', {
    process: 'gemeinde-onboarding',
    input: { ags, variant: 'mitglied', targetGoLive, projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 5, batchSize: 5 },
  });
  if (res.status !== 201) throw new Error(`POST /runs: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
