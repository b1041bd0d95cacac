// Curation: retired commitments and entities keep their node under a tombstone label (so no read of
// the live roadmap sees them) and their ids stay taken; verifications are looked up by the element
// they verify.
CREATE CONSTRAINT retired_gdc_commitment_id IF NOT EXISTS FOR (n:RetiredGdcCommitment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT retired_entity_id IF NOT EXISTS FOR (n:RetiredEntity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT verification_id IF NOT EXISTS FOR (n:Verification) REQUIRE n.id IS UNIQUE;
CREATE INDEX verification_target IF NOT EXISTS FOR (n:Verification) ON (n.target);
