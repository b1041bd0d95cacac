// Orders that matrix members and gap pages sort by: the action-line order key and the commitment
// paragraph. A range index on each lets the planner read them in index order (and stop after a
// page) where a query orders by that property first, instead of sorting every node.
CREATE INDEX action_line_sort_key IF NOT EXISTS FOR (a:ActionLine) ON (a.sortKey);
CREATE INDEX gdc_commitment_paragraph IF NOT EXISTS FOR (c:GdcCommitment) ON (c.paragraph);
