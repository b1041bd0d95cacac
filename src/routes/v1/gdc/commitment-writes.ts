import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../lib/problems.js';
import { revisionMeta } from '../../../lib/conditional.js';
import { writtenOf } from '../../../schemas/common.js';
import {
  commitmentIdSchema,
  commitmentPatchSchema,
  editedCommitmentSchema,
} from '../../../schemas/commitment-edits.js';
import { ifMatchHeaders, writeProblems } from '../../../schemas/writes.js';

type EditedCommitment = z.infer<typeof editedCommitmentSchema>;

const normalise = (c: EditedCommitment): EditedCommitment => ({
  id: c.id,
  label: c.label,
  section: c.section ?? null,
  sectionTitle: c.sectionTitle ?? null,
  summary: c.summary ?? null,
  verified: c.verified ?? null,
  confidence: c.confidence ?? null,
  source:
    c.source?.document && c.source.locator
      ? { document: c.source.document, locator: c.source.locator, url: c.source.url ?? null }
      : null,
});

/** Edits GDC commitments' descriptive fields (editor role), recorded in the change log. */
const commitmentEditRoutes: FastifyPluginAsyncZod = async (app) => {
  const getCommitment = async (tx: Parameters<typeof app.gdc.findEditableCommitment>[0], id: string) => {
    const commitment = await app.gdc.findEditableCommitment(tx, id);
    return commitment && normalise(commitment);
  };

  app.patch(
    '/commitments/:id',
    {
      config: { minRole: 'editor' },
      schema: {
        tags: ['editing'],
        summary: "Change a GDC commitment's summary, section, verification, confidence or source",
        description: 'Only the fields sent change; a PATCH that changes nothing records nothing.',
        params: z.object({ id: commitmentIdSchema }),
        headers: ifMatchHeaders,
        body: commitmentPatchSchema,
        response: { 200: writtenOf(editedCommitmentSchema), ...writeProblems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { reason, source, ...fields } = request.body;
      const actor = request.principal!.name;
      const outcome = await reply.recordedWrite(
        { action: 'commitment.update', target: `gdc/commitments/${id}`, reason },
        async (tx) => {
          const before = await getCommitment(tx, id);
          if (!before)
            throw notFound(`No GDC commitment ${id}.`, [{ path: 'path.id', message: `unknown GDC commitment ${id}` }]);
          const wanted = normalise({
            ...before,
            ...fields,
            source: source ? { ...source, url: source.url ?? null } : before.source,
          });
          if (JSON.stringify(wanted) === JSON.stringify(before))
            return { changed: false, before, after: before, result: before };
          const props: Record<string, unknown> = { ...fields, updatedAt: new Date().toISOString(), updatedBy: actor };
          if (source)
            Object.assign(props, {
              sourceDocument: source.document,
              sourceLocator: source.locator,
              sourceUrl: source.url ?? null,
            });
          await app.gdc.updateCommitment(tx, id, props);
          const after = (await getCommitment(tx, id))!;
          return { changed: true, before, after, result: after };
        },
      );
      return { data: outcome.result, meta: revisionMeta(outcome.revision) };
    },
  );
};

export default commitmentEditRoutes;
