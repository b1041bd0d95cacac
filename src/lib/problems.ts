/**
 * Domain errors and their HTTP meaning, in one place (RFC 9457 problem details).
 * Routes and repositories throw these; the error handler (src/plugins/errors.ts) renders them.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** Short slug for the `type` URI: /problems/<slug>, documented in README.md. */
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const problemType = (slug: string) => `/problems/${slug}`;

export const badRequest = (detail: string, errors: FieldError[] = []) =>
  new HttpProblem(400, 'validation', 'Invalid request', detail, { errors });

export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Authentication required', detail, {
    headers: { 'www-authenticate': 'Bearer realm="roadmap"' },
  });

export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed', detail);

export const notFound = (detail: string, errors: FieldError[] = []) =>
  new HttpProblem(404, 'not-found', 'Not found', detail, errors.length ? { errors } : {});

export const notAcceptable = (detail: string) => new HttpProblem(406, 'not-acceptable', 'Not acceptable', detail);

export const conflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(409, 'conflict', 'Conflict', detail, extra);

export const preconditionFailed = (detail: string, currentEtag: string) =>
  new HttpProblem(412, 'precondition-failed', 'Precondition failed', detail, {
    currentEtag,
    headers: { etag: currentEtag },
  });

export const unprocessable = (detail: string, errors: FieldError[]) =>
  new HttpProblem(422, 'unprocessable', 'Unprocessable content', detail, { errors });

export const serviceUnavailable = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(503, 'database-unavailable', 'Service unavailable', detail, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, 'too-many-requests', 'Too many requests', detail, {
    retryAfter: retryAfterSeconds,
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

export const overloaded = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(503, 'overloaded', 'Service busy', detail, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

/** A retired commitment or entity (never deleted): the problem names when, why and any successor. */
export const gone = (detail: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(410, 'gone', 'Gone', detail, extra);

/** A renumbered commitment or merged entity read under its old id: Location names the new one. */
export const movedPermanently = (detail: string, location: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(301, 'moved', 'Moved permanently', detail, { ...extra, location, headers: { location } });

/** Neo4j ran out of memory for this query (its own limit or the shared pool): narrower asks fit. */
export const queryTooLarge = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(503, 'query-too-large', 'Query too large for the database right now', detail, {
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
