import fs from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { expect, it } from 'vitest';

/**
 * The web app's API types are generated from the committed OpenAPI document (npm run web:client).
 * A route or schema change that regenerates openapi/openapi.json but not the client fails here.
 */
it('the committed web client types match openapi/openapi.json', async () => {
  const spec = new URL('../../openapi/openapi.json', import.meta.url);
  const generated = COMMENT_HEADER + astToString(await openapiTS(spec));
  const committed = fs.readFileSync(new URL('../../web/src/api-schema.d.ts', import.meta.url), 'utf8');
  expect(committed === generated, 'web/src/api-schema.d.ts is stale: run npm run web:client').toBe(true);
});
