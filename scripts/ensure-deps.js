// Runs before `npm start` and `npm test`: installs npm packages on a fresh clone (with visible progress), so the
// README's two commands work without a manual `npm ci`. Plain JavaScript because TypeScript may not be installed yet.
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
const stale = !fs.existsSync(marker) || fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs;
if (stale) {
  console.error('[setup] installing npm packages (first run) …');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
