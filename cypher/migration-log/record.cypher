// Records a migration as applied (after its last statement ran). $id, $checksum.
MERGE (m:Migration {id: $id}) ON CREATE SET m.checksum = $checksum, m.appliedAt = toString(datetime())
