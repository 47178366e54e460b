import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { generateOpenApi } from '../src/openapi/openapi-document';

/** `npm run openapi:write`: regenerates apps/api/openapi.json (a test fails when it drifts). */
async function main(): Promise<void> {
  const embedded = await EmbeddedPostgres.start('memory');
  try {
    const json = await generateOpenApi(embedded.url);
    const target = path.join(__dirname, '../openapi.json');
    fs.writeFileSync(target, json);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), target)}\n`);
  } finally {
    await embedded.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
