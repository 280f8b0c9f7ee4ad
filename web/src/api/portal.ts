// The Gemeinde portal's own API calls: a run's conversation with its project lead.
import { getAll, postJson } from './client';
import type { RunMessage } from './portal-types';

const enc = encodeURIComponent;

export const portalApi = {
  messages: (runId: string) => getAll<RunMessage>(`/runs/${enc(runId)}/messages`),
  sendMessage: (runId: string, text: string) => postJson<RunMessage>(`/runs/${enc(runId)}/messages`, { text }),
};
