// Request schemas of webhooks, inbound events and the dev mailbox (kept apart from schemas.ts, which other routes
// share, so each concern's shapes stay in one small file).
import { z } from 'zod';
import { eventTypesMatching } from '../domain/event-patterns';
import { pageQuery } from './paging';
import { missingOr } from './schemas';

const eventPattern = z
  .string()
  .trim()
  .regex(/^[a-zA-Z*][a-zA-Z.*]{0,99}$/, 'Ereignistyp wie „task.opened“ oder Muster wie „task.*“')
  .refine((p) => eventTypesMatching(p).length > 0, 'Kein bekannter Ereignistyp passt zu diesem Muster');

export const createWebhookBody = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, ...missingOr('Bitte eine URL angeben', 'Nur http- und https-URLs sind erlaubt') })
    .max(2000),
  events: z.array(eventPattern, missingOr('Bitte mindestens ein Ereignis wählen', 'Ereignisse als Liste angeben')).min(1, 'Bitte mindestens ein Ereignis wählen').max(50),
  /** omitted: the server generates one (returned once) */
  secret: z.string().min(16, 'Mindestens 16 Zeichen').max(200).optional(),
  description: z.string().trim().max(500).optional(),
});

export const deliveriesQuery = pageQuery;

export const devMailQuery = pageQuery.extend({ to: z.string().max(320).optional() });

export const inboundEventBody = z.strictObject({
  /** the sender's id of the event; a repeat with the same id gets the first answer */
  id: z.string().trim().min(1).max(200).regex(/^[\w.:@/-]+$/, 'Buchstaben, Ziffern und . : @ / - _'),
  type: z.string().trim().min(1).max(100),
  /** a run id (`rollout-09181128-charge-1`) or a task id (`<runId>:<stepId>`) */
  subject: z.string().trim().min(1).max(300),
  data: z.record(z.string(), z.unknown()).optional(),
});
