import type { ManagedTransaction } from 'neo4j-driver';
import { type ActivityView, activityRuleErrors, mayWriteActivity } from '../../../domain/activities.js';
import { nodeKinds } from '../../../domain/nodes.js';
import type { Principal } from '../../../lib/roles.js';
import type { ActivityRepository, NodeRef } from '../../../repositories/activities.js';
import { badRequest, conflict, forbidden, unprocessable } from '../../../lib/problems.js';

/** Checks shared by the activity and progress writes (each throws the problem it names). */

/** 400 for rules across fields; 422 naming every id in the body that names no node. */
export async function checkActivity(
  repo: ActivityRepository,
  tx: ManagedTransaction,
  view: ActivityView,
): Promise<void> {
  const ruleErrors = activityRuleErrors(view);
  if (ruleErrors.length) throw badRequest('The activity breaks a rule across its fields.', ruleErrors);
  const at = (label: NodeRef['label'], path: string) => (id: string, i?: number) => ({
    label,
    id,
    path: i === undefined ? path : `${path}.${i}`,
  });
  const refs: (NodeRef & { path: string })[] = [
    at('Entity', 'body.lead')(view.lead),
    ...view.partners.map(at('Entity', 'body.partners')),
    ...view.actionLines.map(at('ActionLine', 'body.actionLines')),
    ...view.commitments.map(at('GdcCommitment', 'body.commitments')),
    ...view.targets.map(at('SdgTarget', 'body.targets')),
  ];
  const missing = await repo.missing(tx, refs);
  if (missing.length) {
    const errors = refs
      .filter((r) => missing.some((m) => m.label === r.label && m.id === r.id))
      .map((r) => ({ path: r.path, message: `unknown ${nodeKinds[r.label].name} ${r.id}` }));
    throw unprocessable(`The activity names what does not exist: ${errors.map((e) => e.message).join(', ')}.`, errors);
  }
}

/** 403 unless the key may write an activity led by `lead` (a focal-point key: only its entity's). */
export function checkScope(principal: Principal, lead: string, path: string): void {
  if (!mayWriteActivity(principal.entity, lead)) {
    throw forbidden(
      `The key "${principal.name}" may write only activities led by ${principal.entity}; ${path} is led by ${lead}.`,
    );
  }
}

/** 409 unless the reporting cycle of `year` is open (never opened, or closed: read-only). */
export async function requireOpenCycle(repo: ActivityRepository, tx: ManagedTransaction, year: number): Promise<void> {
  const cycle = await repo.findCycle(tx, year);
  if (!cycle) {
    throw conflict(`The reporting cycle ${year} is not open: an admin opens it with POST /v1/reporting-cycles.`, {
      errors: [{ path: 'path.year', message: `no reporting cycle ${year}` }],
    });
  }
  if (cycle.status === 'closed') {
    throw conflict(
      `The reporting cycle ${year} was closed at ${cycle.closedAt} by ${cycle.closedBy}: its progress reports are read-only.`,
      { errors: [{ path: 'path.year', message: `reporting cycle ${year} is closed` }] },
    );
  }
}
