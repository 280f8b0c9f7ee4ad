// Shapes of the Gemeinde portal's API calls (issue 16): the conversation of a run and the papers its steps require.
import type { Step } from './types';

/** GET/POST /runs/{id}/messages: one message between the Gemeinde and the KU (project lead) */
export interface RunMessage {
  id: string;
  runId: string;
  author: { id: string; name: string };
  /** who wrote it: the Gemeinde or the KU */
  side: 'gemeinde' | 'ku';
  text: string;
  at: string;
}

/** the paper a step cannot be completed without */
export interface RequiredDocument {
  kind: string;
  label: string;
  /** the Gemeinde signs it and sends it back (asked for in its portal) */
  fromGemeinde?: boolean;
}

/** a step of a run's plan with the paper it requires, if any */
export type StepWithDocument = Step & { requiresDocument?: RequiredDocument };
