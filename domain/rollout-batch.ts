// A rollout run's title names its batch and device count ("Arbeitsplatz-Rollout: Rathaus 1 (40 Geräte)"). The
// title is written and read here, so the task list can show the batch of a rollout task from the run read model.

export interface BatchFacts {
  /** the batch label, e.g. "Rathaus 1" */
  name: string;
  devices: number;
}

export function rolloutTitle(templateTitle: string, batch: BatchFacts): string {
  return `${templateTitle}: ${batch.name} (${batch.devices} Geräte)`;
}

/** The batch a rollout title names, or undefined for a title of another form. */
export function batchOfTitle(title: string): BatchFacts | undefined {
  const m = /^[^:]*: (.+) \((\d+) Geräte\)$/.exec(title);
  return m ? { name: m[1], devices: Number(m[2]) } : undefined;
}
