import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Root of the cypher/ folder: every query the service runs lives there as a readable .cypher file. */
export const cypherDir = fileURLToPath(new URL('../../cypher/', import.meta.url));

const cache = new Map<string, string>();

/** Returns the text of cypher/<name>.cypher (e.g. `cypher('links/list')`), read once and cached. */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(cypherDir, `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
