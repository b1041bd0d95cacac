import { z } from 'zod';

/** API key roles, weakest first: viewer reads, editor also writes the roadmap, admin also manages keys. */
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleSchema = z.enum(roles).meta({ id: 'Role', description: 'viewer < editor < admin' });

/** True when `held` is at least `needed` (viewer < editor < admin). */
export const hasRole = (held: Role, needed: Role): boolean => roles.indexOf(held) >= roles.indexOf(needed);

/** Who made a request: the API key's id, name (recorded as the actor of every change) and role. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** A focal-point key's entity: it may write only that entity's activities and progress. */
  entity?: string | null;
}
