// The Stellvertretung of a run's project lead, checked the same way at start and at a hand-over: a second person
// with the role Projektleitung, who then gets the lead's mail too.
import type { UserDirectory } from '../config/users';
import type { FieldError } from './problem';

/** Field errors for `deputyLead` (none when it is absent); `prefix` is the path of the object holding it. */
export async function deputyErrors(users: UserDirectory, prefix: string, deputyLead: string | undefined, projectLead: string | undefined): Promise<FieldError[]> {
  if (!deputyLead) return [];
  const path = `${prefix}deputyLead`;
  if (!(await users.find(deputyLead))?.roles.includes('projektleitung')) return [{ path, message: 'Keine Person mit der Rolle Projektleitung' }];
  if (deputyLead === projectLead) return [{ path, message: 'Die Stellvertretung muss eine andere Person sein als die Projektleitung' }];
  return [];
}
