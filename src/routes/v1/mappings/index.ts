import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionLineIdParam } from '../../../schemas/action-lines.js';
import { sdgTargetIdSchema } from '../../../domain/ids.js';
import { commitmentIdSchema, mappingPutSchema } from '../../../schemas/editing.js';
import { registerLinkResource } from '../link-resource.js';

/**
 * The structured mapping (editor role): action line ↔ GDC commitment (ALIGNS_WITH) and
 * action line → SDG target (SUPPORTS). Same rules as the assignments.
 */
const mappingRoutes: FastifyPluginAsyncZod = async (app) => {
  registerLinkResource(app, {
    path: '/action-lines/:id/commitments/:commitmentId',
    params: z.object({ id: actionLineIdParam, commitmentId: commitmentIdSchema }),
    body: mappingPutSchema,
    key: (p) => ({ kind: 'ALIGNS_WITH', from: p.id, to: p.commitmentId }),
    ends: (p) => [
      { label: 'actionLines', id: p.id, path: 'path.id' },
      { label: 'commitments', id: p.commitmentId, path: 'path.commitmentId' },
    ],
    put: {
      summary: 'Align an action line with a GDC commitment',
      description:
        'Creates or updates the ALIGNS_WITH link. Omitted fields keep their current value; a new link needs `source` and ' +
        'starts as `proposed`. The same PUT twice changes nothing the second time.',
    },
    deleteSummary: 'Remove the alignment of an action line with a GDC commitment',
  });

  registerLinkResource(app, {
    path: '/action-lines/:id/sdg-targets/:targetId',
    params: z.object({ id: actionLineIdParam, targetId: sdgTargetIdSchema.describe('SDG target id, e.g. 5.b') }),
    body: mappingPutSchema,
    key: (p) => ({ kind: 'SUPPORTS_TARGET', from: p.id, to: p.targetId }),
    ends: (p) => [
      { label: 'actionLines', id: p.id, path: 'path.id' },
      { label: 'targets', id: p.targetId, path: 'path.targetId' },
    ],
    put: {
      summary: 'Record that an action line supports an SDG target',
      description:
        'Creates or updates the SUPPORTS link to the target. Omitted fields keep their current value; a new link needs ' +
        '`source` and starts as `proposed`. The same PUT twice changes nothing the second time.',
    },
    deleteSummary: 'Remove the link from an action line to an SDG target',
  });
};

export default mappingRoutes;
