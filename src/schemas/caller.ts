import { z } from 'zod';
import { roleSchema } from '../lib/roles.js';

/** Who calls: GET /v1/me. */

export const callerSchema = z
  .object({
    name: z.string().describe('Name of the API key (the actor recorded in the change log)'),
    role: roleSchema,
  })
  .meta({ id: 'Caller', description: 'The API key presented with the request' });
