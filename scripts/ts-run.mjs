// Runs a TypeScript tool with SWC (decorator metadata, workspace path aliases): node scripts/ts-run.mjs FILE [ARGS…]
import { spawnSync } from 'node:child_process';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/ts-run.mjs FILE [ARGS…]\n');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['-r', '@swc-node/register', file, ...args], {
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'apps/api/tsconfig.spec.json' },
});
process.exit(result.status ?? 1);
