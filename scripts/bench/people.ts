// A state-wide directory in the people store (issue 19: the engine should carry a state-wide provider): the staff
// of other Gemeinden, as the LDAP sync would bring them in. They never receive the bench runs' mail (role
// `gemeinde` of Gemeinden the bench does not onboard), but every delivery addresses its mail by the directory
// they are part of (activities/directory.ts), so the bench pays for its size as production would.
import type { Db } from '../../store/db';

/** Bavaria has about 2,000 Gemeinden; a few people each with an account */
export const STATE_WIDE_PEOPLE = 5000;

export async function seedStateWideDirectory(db: Db, people: number): Promise<void> {
  if (people <= 0) return;
  // AGS 0997xxxx: no real Gemeinde, none of the bench's (09181…, the growth phase's 0999…)
  await db.query(
    `INSERT INTO people (id, name, email, roles, gemeinden, source, active, synced_at, updated_at)
     SELECT 'landesweit-' || n, 'Person ' || n, 'person' || n || '@gemeinde.example', ARRAY['gemeinde'],
            ARRAY['0997' || lpad((n / 3)::text, 4, '0')], 'directory', true, now(), now()
     FROM generate_series(1, $1::integer) AS n`,
    [people],
  );
}
