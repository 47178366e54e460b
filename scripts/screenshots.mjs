// `npm run screenshots`: regenerates docs/screenshots/ from the browser tests.
//   - builds the API and the admin UI (Nx reuses an unchanged build),
//   - runs the accessibility test (every main page, English and German, the employee's pages on a phone too)
//     and the self-service test with BREVET_SCREENSHOTS=1, so they save each page to docs/screenshots/pages/
//     under a stable name (`<page>-<en|de>.png`, `<page>-phone-<en|de>.png`),
//   - `--all` runs every browser test instead, which also renews the journey screenshots in docs/screenshots/.
// The tests start their own server in embedded mode on a free port; nothing else needs to run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  BREVET_SCREENSHOTS: '1',
};
const all = process.argv.includes('--all');
const specs = all
  ? []
  : ['apps/admin-e2e/src/accessibility.e2e-spec.ts', 'apps/admin-e2e/src/self-service.e2e-spec.ts'];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(' ')} failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

const started = Date.now();
process.stdout.write('Building api and admin (Nx reuses an unchanged build)…\n');
run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api,admin', '--output-style=static']);
process.stdout.write(`Taking screenshots (${all ? 'every browser test' : specs.join(', ')})…\n`);
run('npx', ['jest', '-c', 'apps/admin-e2e/jest.config.ts', '--runInBand', ...specs]);

const dir = path.join(root, 'docs/screenshots');
const fresh = fs
  .readdirSync(dir, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.png') && fs.statSync(path.join(dir, file)).mtimeMs >= started);
process.stdout.write(`\n${fresh.length} screenshots written to docs/screenshots/:\n`);
for (const file of fresh.sort()) process.stdout.write(`  ${file}\n`);
