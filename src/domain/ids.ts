import { z } from 'zod';

/**
 * One zod schema per kind of id, shared by the routes, the import, the seed and the OpenAPI
 * document. Each is the stored (string) form; routes that show an integer id (SDGs, GDC
 * objectives) coerce it at their edge.
 */

const goal = '(?:[1-9]|1[0-7])';
// Target and indicator ids are checked for their form only: a well-formed id naming no target
// (18.1) is an unknown one (404 on reads, "unknown SDG target" on writes), not a malformed one.
const target = '\\d{1,2}\\.(?:\\d{1,2}|[a-z])';

export const actionLineIdPattern = /^C(?:[1-9]|1[01])(?:\.e-[a-z]+)?$/;
export const sdgGoalIdPattern = new RegExp(`^${goal}$`);
export const sdgTargetIdPattern = new RegExp(`^${target}$`);
export const sdgIndicatorIdPattern = new RegExp(`^${target}\\.\\d{1,2}$`);
/** GDC commitments are paragraphs 1–99 of annex I to A/RES/79/1, with an optional letter. */
export const gdcCommitmentIdPattern = /^\d{1,2}[a-z]?$/;
export const gdcObjectiveIdPattern = /^[1-5]$/;
export const gdcSectionIdPattern = /^s\d{1,2}$/;

export const actionLineIdSchema = z
  .string()
  .regex(actionLineIdPattern, 'must be an action line id such as C2 or C7.e-health');
export const sdgGoalIdSchema = z.string().regex(sdgGoalIdPattern, 'must be an SDG goal number "1".."17"');
export const sdgTargetIdSchema = z.string().regex(sdgTargetIdPattern, 'must be an SDG target id such as 5.b or 9.1');
export const sdgIndicatorIdSchema = z
  .string()
  .regex(sdgIndicatorIdPattern, 'must be an SDG indicator id such as 5.b.1');
export const gdcCommitmentIdSchema = z
  .string()
  .regex(gdcCommitmentIdPattern, 'must be a GDC commitment id such as 11a or 24');
export const gdcObjectiveIdSchema = z.string().regex(gdcObjectiveIdPattern, 'must be a GDC objective number "1".."5"');
export const gdcSectionIdSchema = z.string().regex(gdcSectionIdPattern, 'must be a section id such as s1');
/** Entity ids are short names (ITU, "UN Women"); new ones are restricted further on create. */
export const entityIdSchema = z.string().trim().min(1).max(100).regex(/\S/, 'must not be blank');
export const newEntityIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .&'()-]*$/, "letters, digits, spaces and . & ' ( ) - only");

/**
 * An integer as a URL carries it: base-10 digits only. Hex (0x10), exponents (1e1), signs,
 * decimals and blank values are refused with a message naming the field, where z.coerce.number()
 * would read them as numbers (and Number('') as 0). The OpenAPI still says `integer`.
 */
export function urlInteger(bounds: { min: number; max?: number }): z.ZodNumber {
  // One message naming the allowed range, whatever was wrong (format, sign or size).
  const message =
    bounds.max === undefined
      ? `must be a base-10 integer (digits only), at least ${bounds.min}`
      : `must be a base-10 integer (digits only) from ${bounds.min} to ${bounds.max}`;
  const n = z.number({ error: message }).int(message).min(bounds.min, message);
  return bounds.max === undefined ? n : n.max(bounds.max, message);
}

/** Wraps a urlInteger (with its default or optional) so that a decimal string is read as its number first. */
export const fromUrl = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), schema);

/** SDG and GDC objective numbers as the API shows them (integers; stored as strings). */
export const sdgNumberSchema = fromUrl(urlInteger({ min: 1, max: 17 }));
export const gdcObjectiveNumberSchema = fromUrl(urlInteger({ min: 1, max: 5 }));
