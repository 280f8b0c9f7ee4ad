// The batches (Chargen) of an onboarding's rollouts (GET /runs/{id}/batches, issue 14), beside the generated types.ts.

export interface BatchDevice {
  id: string;
  serial: string;
  hostname: string;
  location?: string;
}

export interface DeviceBatch {
  id: string;
  name: string;
  location?: string;
  count: number;
  devices: BatchDevice[];
}

export interface RunBatches {
  runId: string;
  /** the project lead may still move and exclude (the first batch has not started) */
  editable: boolean;
  maxSize: number | null;
  lockedAt?: string;
  batches: DeviceBatch[];
  excluded: (BatchDevice & { reason: string; by: string; at: string })[];
}
