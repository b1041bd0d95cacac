import fp from 'fastify-plugin';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Makes the validated configuration available to every plugin and route as `app.config`. */
export default fp(
  async (app, opts: { config: Config }) => {
    app.decorate('config', opts.config);
  },
  { name: 'config' },
);
