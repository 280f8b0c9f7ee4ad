// Path parameters and answers that many operations share, for the route entries' documentation (api/routes/*.ts).
import * as r from './responses';
import type { Success } from './operations';

export const runId = { id: { description: 'Vorgangs-ID, z. B. `onboarding-09181128`', example: 'onboarding-09181128' } };
export const taskId = { id: { description: 'Aufgaben-ID `<Vorgangs-ID>:<Schritt-ID>`', example: 'onboarding-09181128:erstgespraech' } };
export const stepId = { stepId: { description: 'Schritt-ID', example: 'erstgespraech' } };
export const documentId = { id: { description: 'Dokument-ID', example: '00000000-0000-4000-8000-000000000000' } };
export const webhookId = { id: { description: 'Webhook-ID', example: 'wh-00000000-0000-4000-8000-000000000000' } };
export const agsParam = { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } };
export const taskResult: Success = { status: 200, description: 'die Aufgabe nach der Änderung', schema: r.taskSchema };
export const runResult: Success = { status: 200, description: 'der Vorgang nach der Änderung', schema: r.runSchema };
