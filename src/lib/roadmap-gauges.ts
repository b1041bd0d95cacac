import type { Db } from '../db/db.js';
import { run } from '../db/db.js';
import { committedRevision } from '../db/consistency.js';
import { readGapCounts } from '../db/gaps.js';
import { gapKinds } from '../schemas/gaps.js';

interface SummaryRow {
  objectives: { commitments: number; withActionLine: number; withResponsibleEntity: number }[];
  sdgs: { targets: number; supported: number }[];
  actionLines: number;
  actionLinesWithLead: number;
}

const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
const sum = <T>(items: T[], pick: (item: T) => number) => items.reduce((n, item) => n + pick(item), 0);

/**
 * Prometheus gauges of the roadmap itself, for dashboards that chart gaps and coverage over time
 * (Grafana): the number of items per gap kind and the coverage shares of /v1/coverage. A scrape
 * reads only the graph revision; the figures are recomputed when it has moved, so scraping costs
 * one small query however often Prometheus comes.
 */
export class RoadmapGauges {
  private cached: { revision: number; text: string } | undefined;

  constructor(private readonly db: Db) {}

  async render(): Promise<string> {
    try {
      const revision = await this.db.read((tx) => committedRevision(tx));
      if (this.cached?.revision !== revision) this.cached = { revision, text: await this.compute() };
      return this.cached.text;
    } catch {
      // Neo4j away: the process metrics are still worth serving; say the roadmap figures are missing.
      return '# HELP roadmap_gauges_up 1 when the roadmap gauges could be read from Neo4j.\n# TYPE roadmap_gauges_up gauge\nroadmap_gauges_up 0\n';
    }
  }

  private async compute(): Promise<string> {
    const { revision, counts, summary } = await this.db.read(async (tx) => {
      const revision = await committedRevision(tx);
      const [summary] = await run<SummaryRow & Record<string, unknown>>(tx, 'coverage/summary', {
        active: ['proposed', 'endorsed'],
        // Gauges label nothing: the English labels are enough.
        language: 'en',
      });
      return { revision, summary: summary!, counts: await readGapCounts(tx, gapKinds) };
    });
    const commitments = sum(summary.objectives, (o) => o.commitments);
    const targets = sum(summary.sdgs, (g) => g.targets);
    const shares: [string, number][] = [
      [
        'commitments-with-action-line',
        share(
          sum(summary.objectives, (o) => o.withActionLine),
          commitments,
        ),
      ],
      [
        'commitments-with-responsible-entity',
        share(
          sum(summary.objectives, (o) => o.withResponsibleEntity),
          commitments,
        ),
      ],
      [
        'targets-supported',
        share(
          sum(summary.sdgs, (g) => g.supported),
          targets,
        ),
      ],
      ['action-lines-with-lead', share(summary.actionLinesWithLead, summary.actionLines)],
    ];
    return [
      '# HELP roadmap_gauges_up 1 when the roadmap gauges could be read from Neo4j.',
      '# TYPE roadmap_gauges_up gauge',
      'roadmap_gauges_up 1',
      '# HELP roadmap_graph_revision The graph revision the roadmap gauges were computed at.',
      '# TYPE roadmap_graph_revision gauge',
      `roadmap_graph_revision ${revision}`,
      '# HELP roadmap_gaps Items per gap kind, as GET /v1/gaps lists them.',
      '# TYPE roadmap_gaps gauge',
      ...gapKinds.map((kind) => `roadmap_gaps{kind="${kind}"} ${counts[kind] ?? 0}`),
      '# HELP roadmap_coverage_share Coverage shares (0-1), as GET /v1/coverage totals them.',
      '# TYPE roadmap_coverage_share gauge',
      ...shares.map(([measure, value]) => `roadmap_coverage_share{measure="${measure}"} ${value}`),
      '',
    ].join('\n');
  }
}
