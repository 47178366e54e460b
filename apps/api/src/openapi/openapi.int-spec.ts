import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEST_KEY_ENCRYPTION_SECRET, testDatabaseUrl } from '../../test/support/test-env';
import { generateOpenApi } from './openapi-document';

describe('OpenAPI document', () => {
  it('matches the committed apps/api/openapi.json (run `npm run openapi:write` after an API change)', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '../../openapi.json'), 'utf8');
    expect(
      await generateOpenApi(testDatabaseUrl(), { KEY_ENCRYPTION_SECRET: TEST_KEY_ENCRYPTION_SECRET }),
    ).toBe(committed);
  });
});
