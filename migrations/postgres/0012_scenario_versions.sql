-- The text of every scenario version a role-play run was started on, written when the run starts,
-- so runs stay readable (and can be finished) after the scenario file moves to a new version.
CREATE TABLE roleplay_scenario_versions (
  scenario_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (scenario_id, version)
);
