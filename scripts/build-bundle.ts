// The second half of `npm run build` (after `tsc -p tsconfig.build.json`): copies the files the compiled code reads
// next to itself (SQL migrations, the API docs page, the PGlite thread) into dist/, and writes the workflow bundle
// to dist/workflow-bundle.js, so a worker started with WORKFLOW_BUNDLE_PATH pays nothing for bundling at start.
// The bundle is made by worker/bundle.ts, from the same sources and with the same options as at run time.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from '../worker/bundle';

const ROOT = path.resolve(__dirname, '..');
export const DIST = path.join(ROOT, 'dist');
export const BUNDLE_FILE = path.join(DIST, 'workflow-bundle.js');

/** Directories and files the compiled code opens relative to its own __dirname. */
const ASSETS = ['store/migrations', 'store/pglite-worker.js', 'api/openapi/docs'];

export function copyAssets(dist = DIST): string[] {
  for (const asset of ASSETS) {
    const from = path.join(ROOT, asset);
    const to = path.join(dist, asset);
    // replaced as a whole: a migration removed or renamed in the sources must not linger in dist/
    fs.rmSync(to, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true });
  }
  return ASSETS;
}

export async function writeWorkflowBundle(file = BUNDLE_FILE): Promise<number> {
  const { code } = await bundleWorkflows();
  // the SDK reads the source map from the bundle itself (`workflowBundle: { codePath }`); without it, it throws
  const map = code.lastIndexOf('//# sourceMappingURL=data:');
  if (map < 0 || code.indexOf('base64,', map) < 0) throw new Error('workflow bundle without an inline source map');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // write then rename: a worker starting meanwhile sees the old bundle or the new one, never half of one
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, file);
  return code.length;
}

if (require.main === module) {
  const started = Date.now();
  (async () => {
    if (!fs.existsSync(path.join(DIST, 'worker', 'main.js'))) throw new Error('dist/worker/main.js missing: run `tsc -p tsconfig.build.json` first');
    const assets = copyAssets();
    const size = await writeWorkflowBundle();
    process.stdout.write(
      `copied ${assets.join(', ')}; workflow bundle ${(size / 1024 / 1024).toFixed(1)} MB → ${path.relative(ROOT, BUNDLE_FILE)} in ${Date.now() - started} ms\n`,
    );
  })().catch((err: unknown) => {
    process.stderr.write(`build failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
