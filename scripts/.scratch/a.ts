import { PGlite } from '@electric-sql/pglite';
async function main() {
  const t0 = Date.now();
  const db = new PGlite('/tmp/exp/pgdata-' + Date.now());
  await db.waitReady;
  console.log('ready', Date.now() - t0);
  const r = await db.query<any>(`select now() as ts, '2024-01-02'::date as d, 5::int8 as big, 1.5::numeric as n, array['a','b']::text[] as arr, '{"a":1}'::jsonb as j, 'infinity'::timestamptz as inf, version() as v`);
  console.log(r.rows, r.fields);
  await db.exec(`create table x (a timestamptz, b timestamptz generated always as (coalesce(a, 'infinity'::timestamptz)) stored); create function f() returns trigger language plpgsql as $$ begin return new; end $$;`);
  console.log('plpgsql ok');
  await db.close();
  const t1 = Date.now();
  const db2 = new PGlite('/tmp/exp/pgdata2');
  await db2.waitReady; console.log('second', Date.now()-t1);
  await db2.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
