import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conditionalRead, revisionMeta } from '../../../lib/conditional.js';
import { askHelpdesk, type Question } from '../../../lib/helpdesk/helpdesk.js';
import { rankingRules } from '../../../lib/helpdesk/ranking.js';
import { negotiateLanguage } from '../../../lib/i18n/languages.js';
import { problemResponses } from '../../../schemas/common.js';
import { helpdeskAnswerSchema, helpdeskDescription, helpdeskQuery } from '../../../schemas/helpdesk.js';

/** GET /v1/helpdesk: whom to contact about a topic, target, commitment or action line. Logic: src/lib/helpdesk/. */
const helpdeskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['helpdesk'],
        summary: 'Which UN entities to contact about a topic, SDG target, GDC commitment or action line',
        description: helpdeskDescription,
        querystring: helpdeskQuery,
        response: { 200: helpdeskAnswerSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { q, target, commitment, actionLine, limit } = request.query;
      const question = (
        q !== undefined ? { q } : target ? { target } : commitment ? { commitment } : { actionLine }
      ) as Question;
      const language = negotiateLanguage(request, reply);
      const { answer, revision } = await conditionalRead(
        request,
        reply,
        `${request.url} ${language}`,
        async (tx, revision, whenConsistent) => ({
          revision,
          answer: await askHelpdesk(tx, revision, question, language, whenConsistent),
        }),
      );
      return {
        data: { ...answer, contacts: answer.contacts.slice(0, limit) },
        meta: { ...revisionMeta(revision), language, totalContacts: answer.contacts.length, rules: [...rankingRules] },
      };
    },
  );
};

export default helpdeskRoutes;
