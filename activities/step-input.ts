// The one argument every step activity takes, and what it returns. Both land in workflow history: keep them small.

export interface StepActivityInput {
  runId: string;
  stepId: string;
  ags: string;
  gemeindeName: string;
  /** run input (e.g. workstations, verfahren ids, batch, devices) merged with the form data of completed earlier steps and any operator-corrected input (later wins) */
  data: Record<string, unknown>;
}

export interface StepActivityResult {
  /** short German sentence shown on the step */
  summary: string;
  /** keep small: it lands in workflow history */
  result: Record<string, unknown>;
}
