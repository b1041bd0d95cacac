// Implementation activities (ids A1, A2, …), their yearly progress reports (one per activity and
// year, id "<activity>/<year>") and reporting cycles (one per year).
CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT progress_id IF NOT EXISTS FOR (n:Progress) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reporting_cycle_year IF NOT EXISTS FOR (n:ReportingCycle) REQUIRE n.year IS UNIQUE;
