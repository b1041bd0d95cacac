import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Where `npm run build:web` writes the web app (web/vite.config.ts). */
export const webDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The page's own policy: everything from this origin, nothing inline, no frames. The app needs no
 * more (no CDN, web font or third-party call), so it runs on a closed intranet.
 */
const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the one-stop-shop web app (web/dist) at `/`. The app routes with the URL hash, so only the
 * files that exist are served (no catch-all that would shadow API 404s). Hashed assets are cached
 * for a year; index.html is revalidated every time so a new build shows at once. Without a build
 * the API runs alone and `/` is a 404 (npm start and npm run build build the app).
 */
export default fp(
  async (app, options: { root?: string }) => {
    const root = options.root ?? webDistDir;
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      app.log.warn({ root }, 'web app not built (npm run build:web): serving the API only');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      cacheControl: false,
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          res.header('cache-control', 'no-cache');
        }
        if (filePath.endsWith('.html')) res.header('content-security-policy', PAGE_POLICY);
      },
    });
  },
  { name: 'web' },
);
