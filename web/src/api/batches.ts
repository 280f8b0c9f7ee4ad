// The batch calls of an onboarding (issue 14): its batches, moving devices between them, excluding one with a reason.
import { getJson, postJson } from './client';
import type { RunBatches } from './types';

const enc = encodeURIComponent;

export const batchesApi = {
  ofRun: (runId: string) => getJson<RunBatches>(`/runs/${enc(runId)}/batches`),
  move: (runId: string, serials: string[], batch: string) => postJson<RunBatches>(`/runs/${enc(runId)}/batches/move`, { serials, batch }),
  exclude: (runId: string, serials: string[], reason: string) => postJson<RunBatches>(`/runs/${enc(runId)}/batches/exclude`, { serials, reason }),
};
