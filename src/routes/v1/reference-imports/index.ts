import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Placeholder: filled in by the reference import. */
const referenceImportRoutes: FastifyPluginAsyncZod = async () => {};
export default referenceImportRoutes;
