import fp from 'fastify-plugin';
import { z } from 'zod';
import { langQuery } from '../lib/i18n/languages.js';

type ReadSchema = { querystring?: unknown; response?: unknown; produces?: unknown } | undefined;

/**
 * Every read of /v1 takes `?lang=` (besides Accept-Language) and says in Content-Language what it
 * served, in one place: routes whose content has translations (SDG labels) choose the language
 * themselves (negotiateLanguage); every other read is English and says so. Event streams are left alone.
 */
export default fp(
  async (app) => {
    const isRead = (method: string | string[], url: string, schema: ReadSchema) =>
      url.startsWith('/v1') &&
      [method].flat().every((m) => m === 'GET' || m === 'HEAD') &&
      Boolean(schema?.response) &&
      ![schema?.produces].flat().includes('text/event-stream');

    app.addHook('onRoute', (route) => {
      const schema = route.schema as ReadSchema;
      if (!isRead(route.method, route.url, schema)) return;
      const query = schema!.querystring;
      if (query === undefined) {
        schema!.querystring = langQuery.strict();
      } else if (query instanceof z.ZodObject && !('lang' in query.shape)) {
        schema!.querystring = query.extend(langQuery.shape);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const schema = request.routeOptions.schema as ReadSchema;
      if (
        reply.statusCode < 400 &&
        !reply.hasHeader('content-language') &&
        isRead(request.method, request.routeOptions.url ?? '', schema)
      ) {
        reply.header('content-language', 'en');
      }
      return payload;
    });
  },
  { name: 'language' },
);
