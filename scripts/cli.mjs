// `npm run cli -- <command> [options]`: builds the API if it changed (Nx caches the rest), then runs the admin
// command line, dist/apps/api/cli.js, with the arguments given. `npm run cli -- help` lists the commands.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const build = spawnSync('npx', ['nx', 'run', 'api:build', '--output-style=static'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env,
});
if (build.status !== 0) {
  process.stdout.write(build.stdout?.toString() ?? '');
  process.stderr.write(build.stderr?.toString() ?? '');
  process.stderr.write('\nThe build failed; see above.\n');
  process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, ['dist/apps/api/cli.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
