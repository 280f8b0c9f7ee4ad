// Steps that need a paper: a task whose step names `requiresDocument` (domain/templates) is completed only once a
// document of that kind was uploaded to the task or to its run. The API checks it when the task is completed
// (api/routes/tasks.ts) — the run itself never sees documents, only their ids.
import { templateFor } from './templates';
import type { ProcessId, RequiredDocument, StepTemplate } from './types';

/** The document the step of `process` requires, if any. */
export function requiredDocument(process: ProcessId, stepId: string): RequiredDocument | undefined {
  return templateFor(process)?.steps.find((s) => s.id === stepId)?.requiresDocument;
}

/** The step of `process` that needs a paper of `kind` (the contract, the AVV …), if any. */
export function stepRequiring(process: ProcessId, kind: string): StepTemplate | undefined {
  return templateFor(process)?.steps.find((s) => s.requiresDocument?.kind === kind);
}

/** Whether `documents` of the run hold the required kind for task `taskId` (uploaded to the task or to the run). */
export function hasRequiredDocument(need: RequiredDocument, taskId: string, documents: readonly { kind?: string; taskId?: string }[]): boolean {
  return documents.some((d) => d.kind === need.kind && (!d.taskId || d.taskId === taskId));
}

/** The paper's name at the start of a sentence: „Der unterschriebene Vertrag“. */
export const paperName = (need: RequiredDocument): string => need.label.charAt(0).toUpperCase() + need.label.slice(1);

/** The German field error when it is missing: where people upload it, not the kind's code (`avv`). */
export function missingDocumentMessage(need: RequiredDocument): string {
  return `${paperName(need)} fehlt: bitte zuerst unter „Dokumente“ hochladen.`;
}
