// `npm run rebuild-projections`: derives the runs and tasks read model again from the event log, e.g. after a
// projection fix. DATABASE_URL selects a server, else the embedded database under DATA_DIR (default ./data).
// The embedded database belongs to one process at a time: stop `npm start` first.
import { openStore } from '../store/store';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR || './data';
  process.stdout.write(`Rebuilding projections in ${databaseUrl ? 'the PostgreSQL server' : `${dataDir}/pgdata`} …\n`);
  const store = await openStore({ databaseUrl, dataDir, queryTimeoutMs: 10 * 60_000 });
  try {
    const started = Date.now();
    const counts = await store.rebuildProjections();
    process.stdout.write(
      `${counts.events} events → ${counts.runs} runs, ${counts.tasks} tasks (${Date.now() - started} ms)\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`rebuild failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
