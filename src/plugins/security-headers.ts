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

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The policy as a header value, with extra sources per directive (e.g. script hashes). */
export function cspHeader(
  extra: Partial<Record<keyof typeof contentSecurityPolicy.directives, string[]>> = {},
): string {
  return Object.entries(contentSecurityPolicy.directives)
    .map(([name, sources]) => `${kebab(name)} ${[...sources, ...(extra[name as keyof typeof extra] ?? [])].join(' ')}`)
    .join(';');
}

/**
 * The /docs policy: this service's policy plus only the hashes Swagger UI declares for its inline
 * scripts and styles (taken from the policy it proposes; its https: and validator sources are dropped).
 */
export function docsCspHeader(swaggerUiPolicy: string): string {
  const hashes = (directive: string) =>
    (new RegExp(`(?:^|;)\\s*${directive}\\s([^;]*)`).exec(swaggerUiPolicy)?.[1] ?? '')
      .split(/\s+/)
      .filter((source) => /^'sha(256|384|512)-/.test(source));
  return cspHeader({ scriptSrc: hashes('script-src'), styleSrc: hashes('style-src') });
}

export default fp(
  async (app) => {
    await app.register(helmet, { global: true, contentSecurityPolicy });
  },
  { name: 'security-headers' },
);
