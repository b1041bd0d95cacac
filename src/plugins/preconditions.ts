import fp from 'fastify-plugin';
import { badRequest } from '../lib/problems.js';

/**
 * RFC 9110 entity-tag syntax: `"r42"` (strong) or `W/"r42"` (weak); the characters between the
 * quotes are visible ASCII other than `"`. A list is comma-separated; `*` stands alone.
 */
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;

/** The problem for a header that is not `*` or a list of entity tags, naming the form to send. */
function checkTagList(name: 'if-match' | 'if-none-match', value: string | undefined): void {
  if (value === undefined || value.trim() === '*') return;
  const bad = value
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => !ENTITY_TAG.test(tag));
  if (bad.length === 0) return;
  const header = name === 'if-match' ? 'If-Match' : 'If-None-Match';
  throw badRequest(
    `${header} must be * or a comma-separated list of entity tags in double quotes, as the ETag header and meta.etag give them (e.g. "r42"); got ${bad.map((t) => JSON.stringify(t)).join(', ')}.`,
    [{ path: `header.${name}`, message: 'expected an entity tag such as "r42" (quotes included) or *' }],
  );
}

/**
 * Malformed If-Match / If-None-Match (e.g. an unquoted r42) are refused with 400 on every route
 * before anything is read or written, instead of being taken as "does not match" (a 412 that
 * wrongly says the roadmap changed). Comparison itself is where the tags are used: If-Match strong
 * (src/db/recorded-write.ts), If-None-Match weak (src/lib/conditional.ts).
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      checkTagList('if-match', request.headers['if-match']);
      checkTagList('if-none-match', request.headers['if-none-match']);
    });
  },
  { name: 'preconditions', dependencies: ['errors'] },
);
