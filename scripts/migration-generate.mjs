// Runs the TypeScript migration generator with SWC (decorator metadata and tsconfig paths included).
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  process.execPath,
  ['-r', '@swc-node/register', 'apps/api/tools/generate-migration.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json' } },
);
process.exit(result.status ?? 1);
