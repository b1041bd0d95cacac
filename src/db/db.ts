import type { Driver, ManagedTransaction, QueryResult, RecordShape } from 'neo4j-driver';
import { cypher } from './cypher.js';

/**
 * The thin layer routes and repositories use: one session per call, managed transactions
 * (executeRead/executeWrite retry transient errors), and queries named after cypher/ files.
 */
export class Db {
  constructor(readonly driver: Driver) {}

  /** Runs a named read query (cypher/<name>.cypher) and returns the rows as plain objects. */
  async query<T extends RecordShape = RecordShape>(name: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.read(async (tx) => rows<T>(await tx.run(cypher(name), params)));
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: 'READ' });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }
}

export function rows<T extends RecordShape = RecordShape>(result: QueryResult): T[] {
  return result.records.map((r) => r.toObject() as T);
}

/** Runs a named query inside an open transaction and returns its rows. */
export async function run<T extends RecordShape = RecordShape>(
  tx: ManagedTransaction,
  name: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  return rows<T>(await tx.run(cypher(name), params));
}
