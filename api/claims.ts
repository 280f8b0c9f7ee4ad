// Turns the verified claims of an access token into a Principal. Identity providers put roles in different places
// (a plain `roles` claim, Keycloak's `realm_access.roles`, Entra ID's `roles`, group claims), so the places are
// configurable; values that are no role of ours are dropped, never guessed.
import { ROLES, type Role } from '../domain/types';
import type { Principal } from './policy';

export interface ClaimNames {
  roles: string;
  gemeinden: string;
  userId: string;
  name: string;
}

/** A claim by name, or by dotted path into nested objects when no claim has the whole name (`realm_access.roles`). */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Arrays of strings, or one string separated by spaces or commas (as some providers send scopes and groups). */
function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

const AGS = /^\d{8}$/;

/** undefined when the token names nobody (no usable user id): such a token authenticates no one. */
export function principalFromClaims(claims: Record<string, unknown>, names: ClaimNames): Principal | undefined {
  const id = claimAt(claims, names.userId);
  if (typeof id !== 'string' || !id.trim() || id.length > 200) return undefined;
  const roles = [...new Set(stringList(claimAt(claims, names.roles)).filter((r): r is Role => (ROLES as readonly string[]).includes(r)))];
  const gemeinden = [...new Set(stringList(claimAt(claims, names.gemeinden)).filter((a) => AGS.test(a)))];
  const rawName = claimAt(claims, names.name) ?? claims.preferred_username ?? claims.email;
  const name = typeof rawName === 'string' && rawName.trim() ? rawName.trim().slice(0, 200) : id;
  const email = typeof claims.email === 'string' && /^[^\s@]{1,200}@[^\s@]{1,200}$/.test(claims.email) ? claims.email : undefined;
  return { id: id.trim(), name, roles, gemeinden, ...(email ? { email } : {}) };
}
