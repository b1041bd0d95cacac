// The security log lives beside the roadmap, not in it: (:SecurityEvent) nodes numbered by the
// one (:SecurityLog) node, read newest first. API keys can expire.
CREATE CONSTRAINT security_log_id IF NOT EXISTS FOR (l:SecurityLog) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT security_event_id IF NOT EXISTS FOR (e:SecurityEvent) REQUIRE e.id IS UNIQUE;
CREATE INDEX security_event_seq IF NOT EXISTS FOR (e:SecurityEvent) ON (e.seq);
CREATE INDEX security_event_type IF NOT EXISTS FOR (e:SecurityEvent) ON (e.type);
