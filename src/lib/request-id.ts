import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * A caller's X-Request-Id is honoured so a request can be followed across services, but only
 * when it is short printable ASCII without spaces: it goes into every log line and back to the
 * client, so anything longer or stranger (log injection, log flooding) is replaced by a new id.
 */
export const MAX_REQUEST_ID_LENGTH = 128;
const SAFE_REQUEST_ID = new RegExp(`^[\\x21-\\x7e]{1,${MAX_REQUEST_ID_LENGTH}}$`);

export function requestIdFor(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  return typeof offered === 'string' && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
}
