// Changes to a running onboarding, as workflow Updates (audited by the workflow's events): move the target
// go-live, hand the run to another project lead, add or remove a Verfahren.
import { type Request } from 'express';
import { z } from 'zod';
import { berlinDate } from '../../domain/berlin-time';
import { findVerfahren } from '../../domain/catalog/verfahren';
import { addVerfahren, changeProjectLead, moveTargetGoLive, removeVerfahren } from '../../workflows/messages';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { deputyErrors } from '../deputy-lead';
import { may, seesGemeinde } from '../policy';
import { parseOr422, problem, type FieldError } from '../problem';
import { goLiveDate } from '../schemas';
import { liveState } from '../run-reader';
import { temporal } from '../temporal-errors';
import { runView } from '../views';
import { actorOf } from './runs';
import * as responses from '../openapi/responses';
import { runId, runResult } from '../openapi/params';
import { perDeps, route } from '../route';

export const targetBody = z.strictObject({ targetGoLive: goLiveDate, reason: z.string().trim().min(1, 'Bitte einen Grund angeben').max(2000) });
export const leadBody = z.strictObject({
  projectLead: z.string().trim().min(1).max(200),
  /** the new Stellvertretung; an empty string ends it; absent: unchanged */
  deputyLead: z.string().trim().max(200).optional(),
  reason: z.string().trim().max(2000).optional(),
});
export const verfahrenBody = z.strictObject({ verfahrenId: z.string().trim().min(1).max(200) });
export const reasonBody = z.strictObject({ reason: z.string().trim().max(2000).optional() });

/** What the handlers below share, built once per app. */
const runChangeShared = perDeps((deps: ApiDeps) => {
  async function steer(req: Request, res: Parameters<typeof principalOf>[0]) {
    const p = principalOf(res);
    const state = await liveState(deps.client, String(req.params.id));
    if (!seesGemeinde(p, state.gemeinde.ags)) throw problem.notFound('Vorgang nicht gefunden.');
    if (!may(p, 'run.steer')) throw problem.forbidden('Nur die Projektleitung darf den Vorgang ändern.');
    if (state.status !== 'running') throw problem.conflict('Der Vorgang läuft nicht mehr.');
    return { actor: actorOf(p), handle: deps.client.workflow.getHandle(state.id), state };
  }
  return { steer };
});

export const RUN_CHANGE_ROUTES = [
  route({
    key: 'POST /runs/{id}/target', access: 'run.steer',
    operationId: 'moveTargetGoLive', tag: 'Vorgänge', summary: 'Ziel-Go-live verschieben',
    params: runId, body: { schema: targetBody, required: true }, success: runResult, errors: [404, 409],
    handler: (deps) => {
      const { steer } = runChangeShared(deps);
      return async (req, res) => {
        const { actor, handle } = await steer(req, res);
        const body = parseOr422(targetBody, req.body);
        if (body.targetGoLive <= berlinDate(new Date())) {
          throw problem.invalid([{ path: 'targetGoLive', message: 'Das Zieldatum muss in der Zukunft liegen' }]);
        }
        const state = await temporal(() => handle.executeUpdate(moveTargetGoLive, { args: [{ actor, ...body }] }));
        res.json(await runView(state, deps.users));
      };
    },
  }),
  route({
    key: 'POST /runs/{id}/lead', access: 'run.steer',
    operationId: 'changeProjectLead', tag: 'Vorgänge', summary: 'Projektleitung wechseln',
    params: runId, body: { schema: leadBody, required: true }, success: runResult, errors: [404, 409],
    handler: (deps) => {
      const { steer } = runChangeShared(deps);
      return async (req, res) => {
        const { actor, handle } = await steer(req, res);
        const body = parseOr422(leadBody, req.body);
        const errors: FieldError[] = (await deps.users.find(body.projectLead))?.roles.includes('projektleitung') ? [] : [{ path: 'projectLead', message: 'Keine Person mit der Rolle Projektleitung' }];
        errors.push(...(await deputyErrors(deps.users, '', body.deputyLead || undefined, body.projectLead)));
        if (errors.length) throw problem.invalid(errors);
        const state = await temporal(() => handle.executeUpdate(changeProjectLead, { args: [{ actor, ...body }] }));
        res.json(await runView(state, deps.users));
      };
    },
  }),
  route({
    key: 'POST /runs/{id}/verfahren', access: 'run.steer',
    operationId: 'addVerfahren', tag: 'Vorgänge', summary: 'Verfahren hinzufügen (neue Migration)',
    params: runId, body: { schema: verfahrenBody, required: true },
    success: { status: 201, description: 'der Vorgang mit dem neuen Verfahren', schema: responses.runSchema }, errors: [404, 409],
    handler: (deps) => {
      const { steer } = runChangeShared(deps);
      return async (req, res) => {
        const { actor, handle } = await steer(req, res);
        const { verfahrenId } = parseOr422(verfahrenBody, req.body);
        if (!findVerfahren(verfahrenId)) throw problem.invalid([{ path: 'verfahrenId', message: 'Unbekanntes Verfahren' }]);
        const state = await temporal(() => handle.executeUpdate(addVerfahren, { args: [{ actor, verfahrenId }] }));
        res.status(201).json(await runView(state, deps.users));
      };
    },
  }),
  route({
    key: 'POST /runs/{id}/verfahren/{verfahrenId}/remove', access: 'run.steer',
    operationId: 'removeVerfahren', tag: 'Vorgänge', summary: 'Verfahren herausnehmen',
    params: { ...runId, verfahrenId: { description: 'Verfahrens-ID', example: 'ok-fis' } }, body: { schema: reasonBody, required: false }, success: runResult, errors: [404, 409],
    handler: (deps) => {
      const { steer } = runChangeShared(deps);
      return async (req, res) => {
        const { actor, handle } = await steer(req, res);
        const { reason } = parseOr422(reasonBody, req.body ?? {});
        const state = await temporal(() =>
          handle.executeUpdate(removeVerfahren, { args: [{ actor, verfahrenId: String(req.params.verfahrenId), reason }] }),
        );
        res.json(await runView(state, deps.users));
      };
    },
  }),
] as const;
