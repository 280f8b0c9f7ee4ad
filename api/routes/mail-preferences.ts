// Each person's own mail preferences (GET/PUT /me/mail-preferences): per kind of mail immediately, in the daily
// digest, or not at all. Only ever the signed-in user's own: the user id comes from the token, never from the path.
import { z } from 'zod';
import { effectivePreferences, MAIL_KINDS, MAIL_MODES, type MailKind } from '../../domain/mail-preferences';
import { actsAs } from '../../domain/policy';
import { principalOf } from '../auth';
import type { Principal } from '../policy';
import type { ApiDeps } from '../deps';
import { parseOr422 } from '../problem';
import { perDeps, route } from '../route';

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

/** What the handlers below share, built once per app. */
const mailPreferenceShared = perDeps((deps: ApiDeps) => {
  /** the largest team the person works in, as a new task's mail reaches it: a Gemeinde's staff are their Gemeinde's */
  const teamSize = async (p: Principal) => {
    const people = await deps.users.list();
    return Math.max(1, ...p.roles.map((role) => people.filter((u) => actsAs(u, role, role === 'gemeinde' ? p.gemeinden[0] ?? '' : '')).length));
  };
  // the welcome and the offer go to a Gemeinde's staff only: nobody else is offered a choice about them
  const answer = async (p: Principal) => ({
    kinds: effectivePreferences(await deps.store.mailPreferences.get(p.id), await teamSize(p)).filter((k) => k.kind !== 'gemeinde' || p.roles.includes('gemeinde')),
  });
  return { answer };
});

export const MAIL_PREFERENCE_ROUTES = [
  route({
    // each person's own mail preferences: any signed-in user, the user id comes from the token
    key: 'GET /me/mail-preferences', access: 'authenticated',
    operationId: 'getMailPreferences', tag: 'Anmeldung',
    summary: 'Eigene Benachrichtigungen: je Art sofort, in der täglichen Übersicht (08:00) oder gar nicht',
    success: { status: 200, description: 'jede Art mit der geltenden Einstellung (eigene Wahl oder Voreinstellung)', schema: mailPreferencesResponse },
    handler: (deps) => {
      const { answer } = mailPreferenceShared(deps);
      return async (_req, res) => {
        res.json(await answer(principalOf(res)));
      };
    },
  }),
  route({
    key: 'PUT /me/mail-preferences', access: 'authenticated',
    operationId: 'setMailPreferences', tag: 'Anmeldung',
    summary: 'Eigene Benachrichtigungen ändern (nur die genannten Arten)',
    body: { schema: mailPreferencesBody, required: true },
    success: { status: 200, description: 'jede Art mit der nun geltenden Einstellung', schema: mailPreferencesResponse }, errors: [422],
    handler: (deps) => {
      const { answer } = mailPreferenceShared(deps);
      return async (req, res) => {
        const body = parseOr422(mailPreferencesBody, req.body ?? {});
        const p = principalOf(res);
        const chosen = Object.fromEntries(Object.entries(body.preferences).filter(([, mode]) => mode !== undefined));
        await deps.store.mailPreferences.set(p.id, chosen);
        res.json(await answer(p));
      };
    },
  }),
] as const;
