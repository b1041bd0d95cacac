import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionLineIdParam } from '../../../schemas/action-lines.js';
import {
  commitmentIdSchema,
  entityIdSchema,
  facilitatorPutSchema,
  responsiblePutSchema,
} from '../../../schemas/editing.js';
import { registerLinkResource } from '../link-resource.js';

/**
 * Who does what (editor role): facilitators of action lines and entities responsible for GDC
 * commitments. PUT creates or updates one link, DELETE removes it; both are recorded in the
 * change log and answer with the new ETag.
 */
const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  registerLinkResource(app, {
    path: '/action-lines/:id/facilitators/:entityId',
    params: z.object({ id: actionLineIdParam, entityId: entityIdSchema }),
    body: facilitatorPutSchema,
    key: (p) => ({ kind: 'FACILITATES', from: p.entityId, to: p.id }),
    ends: (p) => [
      { label: 'actionLines', id: p.id, path: 'path.id' },
      { label: 'entities', id: p.entityId, path: 'path.entityId' },
    ],
    put: {
      summary: 'Assign an entity as lead, co- or partner facilitator of an action line',
      description:
        'Creates or updates the FACILITATES link. One lead per action line: a second lead is 409 naming the current one, ' +
        'unless `replaceLead: true`, which demotes the current lead to co in the same write. Omitted fields keep their ' +
        'current value; a new link needs `source` and starts as `proposed`. The same PUT twice changes nothing the second time.',
      conflict: 'The action line already has another lead (problem+json, `currentLead`)',
    },
    deleteSummary: 'Remove an entity from the facilitators of an action line',
  });

  registerLinkResource(app, {
    path: '/gdc/commitments/:id/responsible/:entityId',
    params: z.object({ id: commitmentIdSchema, entityId: entityIdSchema }),
    body: responsiblePutSchema,
    key: (p) => ({ kind: 'RESPONSIBLE_FOR', from: p.entityId, to: p.id }),
    ends: (p) => [
      { label: 'commitments', id: p.id, path: 'path.id' },
      { label: 'entities', id: p.entityId, path: 'path.entityId' },
    ],
    put: {
      summary: 'Make an entity responsible (lead, co or contributor) for a GDC commitment',
      description:
        'Creates or updates the RESPONSIBLE_FOR link. Omitted fields keep their current value; a new link needs `source` ' +
        'and starts as `proposed`. The same PUT twice changes nothing the second time.',
    },
    deleteSummary: 'Remove an entity from those responsible for a GDC commitment',
  });
};

export default assignmentRoutes;
