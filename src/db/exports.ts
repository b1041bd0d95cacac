import type { ManagedTransaction } from 'neo4j-driver';
import { linkFromLabels, linkToLabels, roadmapLinkTypes } from '../domain/links.js';
import { run } from './db.js';

/** One roadmap link as the linked-data exports need it (cypher/exports/mappings.cypher). */
export interface MappingRow {
  type: string;
  from: string;
  fromKind: string;
  fromLabel: string | null;
  to: string;
  toKind: string;
  toLabel: string | null;
  toUri: string | null;
  role: string | null;
  status: string;
  confidence: string | null;
  source: { document: string; locator: string; url: string | null };
  createdAt: string;
  createdBy: string;
}

export interface LinkFilters {
  type?: string;
  from?: string;
  to?: string;
  status?: string;
}

export async function readMappings(
  tx: ManagedTransaction,
  filters: LinkFilters,
  language: string,
): Promise<MappingRow[]> {
  return run<MappingRow & Record<string, unknown>>(tx, 'exports/mappings', {
    type: filters.type ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
    status: filters.status ?? null,
    types: roadmapLinkTypes,
    fromLabels: linkFromLabels,
    toLabels: linkToLabels,
    language,
  });
}
