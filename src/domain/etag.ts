import { createHash } from 'node:crypto';

/**
 * The ETag of a representation: the graph revision plus a short hash of what was asked for
 * (path, query, format), so JSON and CSV of the same list never share a validator.
 * Item resources use the bare revision ("r42"): that is also what writes compare If-Match with.
 */
export function representationEtag(revision: number, variant?: string): string {
  if (!variant) return `"r${revision}"`;
  const hash = createHash('sha1').update(variant).digest('base64url').slice(0, 10);
  return `"r${revision}-${hash}"`;
}

/** Parses the revision out of one of our ETags ("r42" or "r42-abc"); undefined if not ours. */
export function revisionOfEtag(etag: string): number | undefined {
  const match = /^(?:W\/)?"r(\d+)(?:-[\w-]+)?"$/.exec(etag.trim());
  return match ? Number(match[1]) : undefined;
}
