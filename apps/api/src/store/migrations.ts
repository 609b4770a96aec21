// Schema of the store, applied in order at start-up. A migration is never edited once shipped;
// changes come as a new entry. The api is the only writer (docs/architecture.md "Decisions").
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'runs, results, saved scenarios',
    sql: `
      CREATE TABLE saved_scenarios (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,          -- the scenario as written (JSON)
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        region_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
        request TEXT NOT NULL,           -- POST /api/runs body as received
        input TEXT NOT NULL,             -- RunInput: exactly what the replications run
        input_key TEXT NOT NULL,
        plan TEXT NOT NULL,              -- RunPlan
        seed INTEGER NOT NULL,
        replications_planned INTEGER NOT NULL,
        replications_max INTEGER NOT NULL,
        replications_done INTEGER NOT NULL DEFAULT 0,
        progress_percent REAL NOT NULL DEFAULT 0,
        error TEXT,
        idempotency_key TEXT UNIQUE,
        body_hash TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        updated_at TEXT NOT NULL,
        -- active run: 1 once its flow is known to be in Redis; finished run: 1 once Redis is cleaned
        queue_synced INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_by_created ON runs (created_at DESC, id DESC);
      CREATE INDEX runs_by_scenario ON runs (scenario_id, created_at DESC);
      CREATE INDEX runs_by_state ON runs (state, created_at DESC);
      CREATE INDEX runs_unsynced ON runs (queue_synced) WHERE queue_synced = 0;

      CREATE TABLE run_states (
        run_id TEXT NOT NULL REFERENCES runs (id),
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT,
        PRIMARY KEY (run_id, seq)
      );

      CREATE TABLE replication_results (
        run_id TEXT NOT NULL REFERENCES runs (id),
        replication INTEGER NOT NULL,
        result TEXT NOT NULL,            -- ReplicationResult as the worker returned it
        execution TEXT NOT NULL,         -- JobExecution: worker, host, timings
        PRIMARY KEY (run_id, replication)
      );

      CREATE TABLE run_results (
        run_id TEXT PRIMARY KEY REFERENCES runs (id),
        aggregate TEXT NOT NULL,
        execution TEXT NOT NULL
      );
    `,
  },
];
