// `npm start`: builds what changed (Nx caches the rest), then runs the API with the admin UI on one port.
// `npm run start:worker`: builds the API and runs the job worker (needs DATABASE_URL and REDIS_URL).
import { spawn, spawnSync } from 'node:child_process';

const worker = process.argv.includes('--worker');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
// For a person at a terminal: readable warnings and errors only, so the start banner stands out. Set
// LOG_LEVEL=info (and LOG_FORMAT=json) to see every request; production images log JSON at info.
if (process.stdout.isTTY) {
  env.LOG_FORMAT ??= 'pretty';
  env.LOG_LEVEL ??= 'warn';
}
const projects = worker ? 'api' : 'api,admin';

process.stdout.write(`Building ${projects} (first start takes a minute; later starts reuse the build)…\n`);
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', projects, '--output-style=static'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env,
});
if (build.status !== 0) {
  process.stdout.write(build.stdout?.toString() ?? '');
  process.stderr.write('\nThe build failed; see above.\n');
  process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, [`dist/apps/api/${worker ? 'worker' : 'main'}.js`], {
  stdio: 'inherit',
  env,
});
// Ctrl-C reaches the child directly (same process group); a signal sent to this wrapper alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
