import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv } from '../../../lib/csv.js';
import { negotiateLanguage } from '../../../lib/i18n/languages.js';
import { mappingsJsonLd, sssomColumns, sssomMetadata, sssomRow } from '../../../lib/linked-data/mappings.js';
import { problemResponses } from '../../../schemas/common.js';
import { exportQuery, jsonLdSchema, predicateDoc } from '../../../schemas/exports.js';

/** GET /v1/exports/jsonld and /v1/exports/sssom: the roadmap links as linked data. Logic: src/lib/linked-data/. */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const baseUrlOf = (request: { protocol: string; host: string }) => `${request.protocol}://${request.host}`;

  app.get(
    '/jsonld',
    {
      schema: {
        tags: ['exports'],
        summary: 'The roadmap links as JSON-LD with SKOS mapping properties and SSSOM mapping records',
        description: `application/ld+json. ${predicateDoc}`,
        querystring: exportQuery,
        produces: ['application/ld+json'],
        response: { 200: jsonLdSchema, 400: problemResponses[400], 503: problemResponses[503] },
      },
    },
    async (request, reply) => {
      const { lang: _lang, ...filters } = request.query;
      const language = negotiateLanguage(request, reply);
      const result = await app.linkedData.mappings(
        reply,
        `${request.url} jsonld ${language}`,
        filters,
        language,
        (rows, revision) => {
          const baseUrl = baseUrlOf(request);
          return mappingsJsonLd(rows, { baseUrl, revision, language, setId: `${baseUrl}${request.url}` });
        },
      );
      reply.type('application/ld+json; charset=utf-8');
      return result;
    },
  );

  app.get(
    '/sssom',
    {
      schema: {
        tags: ['exports'],
        summary: 'The roadmap links as an SSSOM/TSV mapping table',
        description:
          'text/tab-separated-values, UTF-8: the SSSOM metadata block (YAML lines starting with #: curie_map, ' +
          'mapping_set_id, version, licence) then one row per link with the columns ' +
          `${sssomColumns.join(', ')}. \`other\` holds link_type, status and role ("link_type=FACILITATES|status=endorsed|role=lead"). ${predicateDoc}`,
        querystring: exportQuery,
        produces: ['text/tab-separated-values'],
        response: {
          200: z.string().describe('SSSOM/TSV'),
          400: problemResponses[400],
          503: problemResponses[503],
        },
      },
    },
    async (request, reply) => {
      const { lang: _lang, ...filters } = request.query;
      const language = negotiateLanguage(request, reply);
      const result = await app.linkedData.mappings(
        reply,
        `${request.url} sssom ${language}`,
        filters,
        language,
        (rows, revision) => {
          const baseUrl = baseUrlOf(request);
          return { rows, meta: { baseUrl, revision, language, setId: `${baseUrl}${request.url}` } };
        },
      );
      return sendCsv(reply, [...sssomColumns], result.rows.map(sssomRow), 'roadmap.sssom.tsv', {
        delimiter: '\t',
        preamble: `${sssomMetadata(result.meta)}\n`,
        mediaType: 'text/tab-separated-values',
      });
    },
  );
};

export default exportRoutes;
