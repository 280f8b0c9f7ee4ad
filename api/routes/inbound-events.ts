// POST /api/v1/events: another system reports that something happened (devices imaged, council decided), which
// completes the waiting `external` step. Mounted before the API's JSON parser: the signature covers the raw bytes.
// Idempotent by event id: the Update carries `event:<id>` as its update id, and the first answer is kept in the
// store, so a repeat gets it even after the run has moved on.
import express from 'express';
import { parseTaskId, receiveEvent } from '../../workflows/messages';
import { IMAGED_EVENT, recordImagedDevices } from '../inbound-devices';
import { authenticateSender, EMBEDDED_INBOUND_SECRETS } from '../inbound-auth';
import { unstorable } from '../input-guard';
import { inboundEventBody } from '../notification-schemas';
import { parseOr422, problem } from '../problem';
import { liveState } from '../run-reader';
import { temporal } from '../temporal-errors';
import * as responses from '../openapi/responses';
import { route } from '../route';

/** A run id, or a task id `<runId>:<stepId>` naming the step. Run ids contain no colon. */
function target(subject: string): { runId: string; stepId?: string } {
  if (!subject.includes(':')) return { runId: subject };
  const ids = parseTaskId(subject);
  if (!ids) throw problem.notFound(`Unbekannter Gegenstand „${subject}“.`);
  return ids;
}

export const INBOUND_EVENT_ROUTES = [
  route({
    key: 'POST /events', access: 'signed',
    operationId: 'reportEvent', tag: 'Integration', summary: 'Eingehendes Ereignis eines Fremdsystems',
    description: 'Signiert mit `X-Sender` und `X-Signature: sha256=<HMAC-SHA256 des Inhalts>` oder mit Bearer-Token einer meldeberechtigten Rolle. Idempotent über die Ereignis-ID.',
    body: { schema: inboundEventBody, required: true },
    success: { status: 200, description: 'der erledigte Schritt', schema: responses.inboundResultSchema }, errors: [404, 409],
    handler: (deps) => {
      const secrets = deps.inboundSecrets ?? (deps.embedded ? EMBEDDED_INBOUND_SECRETS : {});
      // before the JSON parser (this entry is mounted before authentication): verified over the raw bytes
      return [express.raw({ type: 'application/json', limit: '256kb' }), async (req, res) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const { sender } = await authenticateSender(req, raw, secrets, deps.authenticate);
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw problem.badRequest('Der Inhalt ist kein gültiges JSON.');
        }
        const odd = unstorable(json);
        if (odd.length) throw problem.invalid(odd);
        const event = parseOr422(inboundEventBody, json);

        const known = await deps.store.inbound.get(event.id);
        if (known) {
          if (known.sender !== sender || known.subject !== event.subject || known.type !== event.type) {
            throw problem.conflict(`Die Ereignis-ID „${event.id}“ wurde bereits für ein anderes Ereignis verwendet.`);
          }
          res.setHeader('Idempotent-Replayed', 'true');
          res.json(known.result);
          return;
        }

        const { runId, stepId } = target(event.subject);
        const state = await liveState(deps.client, runId).catch((err: unknown) => {
          throw (err as { status?: number }).status === 404 ? problem.notFound(`Unbekannter Gegenstand: Vorgang „${runId}“ gibt es nicht.`) : err;
        });
        if (stepId && !state.steps.some((s) => s.id === stepId)) {
          throw problem.notFound(`Unbekannter Gegenstand: Vorgang „${runId}“ hat keinen Schritt „${stepId}“.`);
        }
        // imaged devices of a batch that tracks them (api/inbound-devices.ts); the step waits until all are imaged
        const imaged = event.type === IMAGED_EVENT ? await recordImagedDevices(deps.store, runId, sender, event.data, state.steps.find((s) => s.id === 'imaging')?.state) : undefined;
        const devices = imaged ? { devices: { recorded: imaged.recorded, unknownSerials: imaged.unknown, done: imaged.done, total: imaged.total } } : {};
        if (imaged && !imaged.complete) {
          const stored = await deps.store.inbound.save({
            id: event.id, sender, subject: event.subject, type: event.type,
            result: { id: event.id, type: event.type, subject: event.subject, runId, stepId: 'imaging', sender, ...devices },
          });
          res.json(stored.result);
          return;
        }
        const data = imaged ? { geraete: imaged.recorded.length } : event.data;
        // nothing waiting for this type → the workflow refuses with Conflict → 409 with its German reason
        const result = await temporal(() =>
          deps.client.workflow.getHandle(runId).executeUpdate(receiveEvent, {
            args: [{ eventId: event.id, type: event.type, ...(stepId ? { stepId } : {}), sender, ...(data ? { data } : {}) }],
            updateId: `event:${event.id}`,
          }),
        );
        const stored = await deps.store.inbound.save({
          id: event.id, sender, subject: event.subject, type: event.type,
          result: { id: event.id, type: event.type, subject: event.subject, runId: result.runId, stepId: result.stepId, sender, ...devices },
        });
        res.json(stored.result);
      }];
    },
  }),
] as const;
