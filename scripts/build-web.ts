// Builds the German web UI (web/src) into web/dist: index.html, app.js and app.css, all local, no CDN.
// `npm run build:web` runs it; the browser tests call buildWeb() themselves so they never test a stale bundle.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
export const WEB_SRC = path.join(ROOT, 'web', 'src');
export const WEB_OUT = path.join(ROOT, 'web', 'dist');

export interface BuildWebOptions {
  /** readable output for debugging in the browser */
  minify?: boolean;
  outDir?: string;
}

export async function buildWeb(options: BuildWebOptions = {}): Promise<{ outDir: string; files: string[] }> {
  const outDir = options.outDir ?? WEB_OUT;
  const result = await build({
    entryPoints: { app: path.join(WEB_SRC, 'main.tsx'), 'app-css': path.join(WEB_SRC, 'styles', 'app.css') },
    bundle: true,
    write: false,
    outdir: outDir,
    format: 'iife',
    // Laptops run current browsers; tablets in the Gemeinden are often older iPads.
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });

  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const hash = crypto.createHash('sha256');
  for (const file of result.outputFiles) {
    // esbuild names the CSS entry app-css.css; the page expects app.css
    const name = path.basename(file.path) === 'app-css.css' ? 'app.css' : path.basename(file.path);
    if (name === 'app-css.js') continue;
    fs.writeFileSync(path.join(outDir, name), file.contents);
    hash.update(file.contents);
    written.push(name);
  }
  // A content version on the asset URLs: the server caches them, a new build must not be hidden by that cache.
  const version = hash.digest('hex').slice(0, 12);
  const html = fs.readFileSync(path.join(WEB_SRC, 'index.html'), 'utf8').replaceAll('%VERSION%', version);
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  written.push('index.html');
  return { outDir, files: written.sort() };
}

if (require.main === module) {
  const started = Date.now();
  buildWeb({ minify: !process.argv.includes('--no-minify') })
    .then(({ outDir, files }) => {
      process.stdout.write(`web UI built in ${Date.now() - started} ms: ${files.join(', ')} → ${path.relative(ROOT, outDir)}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`web UI build failed: ${(err as Error).message}\n`);
      process.exit(1);
    });
}
