// The answers of the device routes (issue 14) for the OpenAPI document; the same shapes as web/src/api/devices-types.ts.
import { z } from 'zod';

const deviceStepOutcome = z.object({
  state: z.enum(['pending', 'done', 'failed', 'excluded']),
  reason: z.string().optional().describe('warum fehlgeschlagen (Nacharbeit) oder ausgenommen'),
  by: z.string().optional(),
  at: z.string().optional(),
});

const deviceStepSchema = deviceStepOutcome.extend({
  data: z.record(z.string(), z.unknown()).optional(),
  earlier: z.array(deviceStepOutcome).optional().describe('frühere Ergebnisse des Schritts, älteste zuerst (z. B. fehlgeschlagen vor der Nacharbeit)'),
});

export const deviceSchema = z.object({
  id: z.string(), hostname: z.string(), serial: z.string(), mac: z.string(), os: z.string(), model: z.string(),
  location: z.string().optional(), user: z.string().optional(),
  batch: z.string().optional().describe('Vorgangs-ID der Rollout-Charge'),
  newInventoryNumber: z.string().optional().describe('Inventarnummer des Neugeräts, im Wareneingang der Charge vergeben'),
  status: z.string(),
  steps: z.record(z.string(), deviceStepSchema).describe('Zustand je gerätebezogenem Schritt'),
});

export const devicePage = z.object({
  items: z.array(deviceSchema),
  nextCursor: z.string().nullable().describe('als `cursor` für die nächste Seite; null auf der letzten Seite'),
});

export const deviceActionAnswer = z.object({
  results: z.array(z.object({
    serial: z.string(),
    status: z.number().int().describe('200 erfasst, sonst der Grund (z. B. 404: nicht in dieser Charge)'),
    device: deviceSchema.optional(),
    problem: z.object({ title: z.string(), status: z.number().int(), detail: z.string().optional() }).optional(),
  })),
  devicesDone: z.number().int().describe('Geräte der Charge, die den Schritt erledigt haben oder ausgenommen sind'),
  devices: z.number().int().describe('Geräte der Charge'),
  task: z.unknown().optional().describe('die Aufgabe der Charge, wenn diese Meldung sie erledigt hat'),
});

const page = <T extends z.ZodType>(item: T) => z.object({
  items: z.array(item),
  nextCursor: z.string().nullable().describe('als `cursor` für die nächste Seite; null auf der letzten Seite'),
});

export const deviceRegisterPage = page(z.object({
  serial: z.string().describe('Altgerät'), hostname: z.string(), location: z.string().optional(), batch: z.string().optional(),
  step: z.string(), state: z.enum(['pending', 'done', 'failed', 'excluded']), by: z.string().optional(), at: z.string().optional(),
  reason: z.string().optional(), newSerial: z.string().optional().describe('Neugerät'),
  newInventoryNumber: z.string().optional().describe('Inventarnummer des Neugeräts'),
}));

export const destructionCertificatePage = page(z.object({
  certificate: z.string().describe('Nummer des Vernichtungsnachweises'),
  protectionClass: z.string().describe('Schutzklasse nach DIN 66399'), securityLevel: z.string().describe('Sicherheitsstufe'),
  by: z.string().optional(), at: z.string().optional(), batch: z.string().optional(), devices: z.array(z.string()),
}));
