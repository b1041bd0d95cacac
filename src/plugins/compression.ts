import compress from '@fastify/compress';
import fp from 'fastify-plugin';

/**
 * gzip and brotli for JSON, problem+json and CSV bodies over 1 KiB, as the client's Accept-Encoding
 * allows (Vary: Accept-Encoding). Workbooks are zip files already, and the change stream writes to
 * the socket itself, so neither is compressed (an event must reach the browser as soon as it is written).
 */
export default fp(
  async (app) => {
    await app.register(compress, {
      global: true,
      encodings: ['br', 'gzip'],
      threshold: 1024,
      customTypes: /^(?:application\/(?:[\w.-]+\+)?json|text\/csv)(?:;|$)/,
    });
  },
  { name: 'compression' },
);
