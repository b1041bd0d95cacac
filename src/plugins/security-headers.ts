import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Security headers on every response (@fastify/helmet): no sniffing, no framing, no referrer
 * leaks, HSTS, and a Content-Security-Policy that allows only this origin's own scripts, styles,
 * images and connections — no inline scripts or style attributes, no plugins, no framing. The web
 * app served at / is built to live under it; Swagger UI at /docs replaces it with its own policy,
 * which adds the hashes of the few inline pieces Swagger UI needs (src/plugins/swagger.ts).
 */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export default fp(
  async (app) => {
    await app.register(helmet, { global: true, contentSecurityPolicy });
  },
  { name: 'security-headers' },
);
