// Each person's own mail preferences (GET/PUT /me/mail-preferences): per kind of mail immediately, in the daily
// digest, or not at all. Only ever the signed-in user's own: the user id comes from the token, never from the path.
import { Router } from 'express';
import { z } from 'zod';
import { effectivePreferences, MAIL_KINDS, MAIL_MODES, type MailKind } from '../../domain/mail-preferences';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { parseOr422 } from '../problem';

const modeSchema = z.enum(MAIL_MODES, { message: 'Erlaubt sind „immediately“ (sofort), „digest“ (tägliche Übersicht) oder „none“ (gar nicht)' });

export const mailPreferencesBody = z.strictObject({
  preferences: z.strictObject(Object.fromEntries(MAIL_KINDS.map((k) => [k, modeSchema.optional()])) as Record<MailKind, z.ZodOptional<typeof modeSchema>>),
});

export const mailPreferencesResponse = z.object({
  kinds: z.array(z.object({
    kind: z.enum(MAIL_KINDS), label: z.string(), mode: z.enum(MAIL_MODES),
    /** a personal matter (assignment, escalation …): by default immediately */
    personal: z.boolean(),
  })),
});

export function mailPreferenceRoutes(deps: ApiDeps): Router {
  const r = Router();
  const answer = async (userId: string) => ({ kinds: effectivePreferences(await deps.store.mailPreferences.get(userId)) });

  r.get('/me/mail-preferences', async (_req, res) => {
    res.json(await answer(principalOf(res).id));
  });

  r.put('/me/mail-preferences', async (req, res) => {
    const body = parseOr422(mailPreferencesBody, req.body ?? {});
    const { id } = principalOf(res);
    const chosen = Object.fromEntries(Object.entries(body.preferences).filter(([, mode]) => mode !== undefined));
    await deps.store.mailPreferences.set(id, chosen);
    res.json(await answer(id));
  });

  return r;
}
