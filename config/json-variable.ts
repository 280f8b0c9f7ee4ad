// Variables that hold JSON (MAIL_TEAMS, LDAP_GROUP_ROLES, …): parsed first, then checked by the schema they pipe into.
import { z } from 'zod';

/** A JSON text in one variable; when it does not parse, the start-up message names the variable and `expected`. */
export function jsonVariable(expected: string) {
  return z.string().transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
  });
}
