// The answer of an onboarding's batches (Chargen, issue 14 item 2): api/routes/run-batches.ts.
import { z } from 'zod';

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
  unassigned: z.array(batchDevice).describe('nach der Bildung inventarisierte Geräte ohne Charge: bilden beim Start der Rollouts eigene Chargen, wenn sie nicht vorher verschoben oder ausgeschlossen werden'),
});
