// Every node kind of the roadmap model is addressed by a stable `id`; uniqueness also gives
// each label an index on `id`, which every lookup and MERGE relies on.
CREATE CONSTRAINT action_line_id IF NOT EXISTS FOR (n:ActionLine) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gdc_objective_id IF NOT EXISTS FOR (n:GdcObjective) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gdc_commitment_id IF NOT EXISTS FOR (n:GdcCommitment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_id IF NOT EXISTS FOR (n:Sdg) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_target_id IF NOT EXISTS FOR (n:SdgTarget) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sdg_indicator_id IF NOT EXISTS FOR (n:SdgIndicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.hash IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graph_revision_id IF NOT EXISTS FOR (n:GraphRevision) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (n:Migration) REQUIRE n.id IS UNIQUE;
