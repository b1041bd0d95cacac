// `npm run openapi`: writes openapi/openapi.json from the app's zod schemas.
// tests/api/openapi.test.ts fails when the committed file differs from what the app emits.
import { writeFileSync, mkdirSync } from 'node:fs';
import { generateOpenApi } from '../src/openapi.js';

mkdirSync('openapi', { recursive: true });
writeFileSync('openapi/openapi.json', await generateOpenApi());
console.log('wrote openapi/openapi.json');
