import type { Db } from '../db/db.js';
import { HttpProblem } from '../lib/problems.js';
import { getCommitment, retiredCommitmentRead } from './commitments.js';
import { getEntity, retiredEntityRead } from './entities.js';

/**
 * The answer of a read whose id is not live: 301 to the renumbered commitment or the survivor of a
 * merge, 410 for a retired one; the original 404 when the id was never used.
 */
export async function readOrTombstone<T>(
  db: Db,
  kind: 'commitment' | 'entity',
  id: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof HttpProblem) || error.status !== 404) throw error;
    const problem = await db.read(async (tx) => {
      if (kind === 'commitment') {
        const c = await getCommitment(tx, id);
        return c?.status === 'retired' ? retiredCommitmentRead(c) : undefined;
      }
      const e = await getEntity(tx, id);
      return e?.status === 'retired' ? retiredEntityRead(e) : undefined;
    });
    throw problem ?? error;
  }
}
