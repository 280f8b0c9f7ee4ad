// The operations of an onboarding's batches (Chargen, issue 14 item 2), joined into OPERATIONS (operations.ts).
import { z } from 'zod';
import { batchExcludeBody, batchMoveBody } from '../routes/run-batches';
import type { OperationDoc } from './operations';

const runId = { id: { description: 'ID der Gemeinde-Einführung', example: 'onboarding-09181128' } };

const batchDevice = z.object({ id: z.string(), serial: z.string(), hostname: z.string(), location: z.string().optional() });

export const runBatchesSchema = z.object({
  runId: z.string(),
  editable: z.boolean().describe('die Projektleitung kann noch verschieben und ausschließen (die erste Charge ist nicht gestartet)'),
  maxSize: z.number().int().nullable().describe('höchstens so viele Geräte je Charge; null ohne Chargen'),
  lockedAt: z.string().optional().describe('seit wann die Chargen feststehen (Start der Rollouts)'),
  batches: z.array(z.object({
    id: z.string().describe('die Vorgangs-ID des Rollouts, der die Charge übernimmt'),
    name: z.string(),
    location: z.string().optional(),
    count: z.number().int(),
    devices: z.array(batchDevice),
  })),
  excluded: z.array(batchDevice.extend({ reason: z.string(), by: z.string(), at: z.string() })),
});

export const BATCH_OPERATIONS: OperationDoc[] = [
  {
    key: 'GET /runs/{id}/batches', operationId: 'listRunBatches', tag: 'Vorgänge', summary: 'Chargen der Arbeitsplatz-Rollouts einer Gemeinde-Einführung',
    description: 'Beim ersten Abruf (spätestens beim Start der Rollouts) aus den inventarisierten Geräten gebildet: je Standort, höchstens so groß wie die Chargengröße des Vorgangs.',
    params: runId, success: { status: 200, description: 'die Chargen mit ihren Geräten und die ausgeschlossenen Geräte', schema: runBatchesSchema }, errors: [404],
  },
  {
    key: 'POST /runs/{id}/batches/move', operationId: 'moveBatchDevices', tag: 'Vorgänge', summary: 'Geräte in eine andere Charge verschieben',
    description: 'Nur bis die erste Charge gestartet ist (danach 409). Ein ausgeschlossenes Gerät kommt so wieder in eine Charge.',
    params: runId, body: { schema: batchMoveBody, required: true },
    success: { status: 200, description: 'die Chargen nach der Änderung', schema: runBatchesSchema }, errors: [403, 404, 409, 422],
  },
  {
    key: 'POST /runs/{id}/batches/exclude', operationId: 'excludeBatchDevices', tag: 'Vorgänge', summary: 'Geräte mit Begründung von den Chargen ausschließen',
    description: 'Nur bis die erste Charge gestartet ist (danach 409); der Grund ist Pflicht.',
    params: runId, body: { schema: batchExcludeBody, required: true },
    success: { status: 200, description: 'die Chargen nach der Änderung', schema: runBatchesSchema }, errors: [403, 404, 409, 422],
  },
];
