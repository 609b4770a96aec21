// Schema of the store, applied in order by whoever opens it first (the api at start-up, or the
// CLI's `token` commands on a stopped or running deployment's DATA_DIR). A migration is never
// edited once shipped; changes come as a new entry.
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
        run_id TEXT NOT NULL,            -- no foreign key: an admin may still delete a finished run's record
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT,
        PRIMARY KEY (run_id, seq)
      );

      CREATE TABLE replication_results (
        run_id TEXT NOT NULL,            -- no foreign key: an admin may still delete a finished run's record
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
  {
    version: 2,
    name: 'access: tokens, audit log, owners of runs and saved scenarios',
    sql: `
      -- Only the SHA-256 of a token is kept: the token itself is printed once by \`caretwin token create\`.
      -- A name is never reused, not even after revoke, so an owner or audit entry names one token.
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin', 'reporter')),
        hospitals TEXT NOT NULL DEFAULT '[]',   -- JSON array of hospital ids (reporter)
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
      );

      -- Every write (HTTP POST/PUT/PATCH/DELETE, token commands): who, what, when, on what.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,            -- e.g. 'POST /api/runs', 'token.create'
        target TEXT,                     -- e.g. the run id, the scenario id, the token name
        status INTEGER                   -- HTTP status answered (null for CLI actions)
      );
      CREATE INDEX audit_by_actor ON audit_log (actor_id, seq DESC);

      -- principal id of whoever created it; null for runs and saves before access control
      ALTER TABLE runs ADD COLUMN owner TEXT;
      ALTER TABLE saved_scenarios ADD COLUMN owner TEXT;
      CREATE INDEX runs_by_owner ON runs (owner, state);
    `,
  },
  {
    version: 3,
    name: 'retention: when a run lost its replications and daily series',
    sql: `
      -- set by pruneRuns (RETENTION_DAYS, \`caretwin store prune\`); the run row, its history, input
      -- (provenance) and the aggregate's KPIs stay
      ALTER TABLE runs ADD COLUMN pruned_at TEXT;
      CREATE INDEX runs_prunable ON runs (finished_at) WHERE pruned_at IS NULL;
    `,
  },
  {
    version: 4,
    name: 'retention: the regions of pruned runs, once per content',
    sql: `
      -- a pruned run's input names its region here ({"$ref": "sha256:<hex of the region's JSON>"})
      CREATE TABLE run_regions (
        hash TEXT PRIMARY KEY,
        region TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'census: daily bed reports per hospital × function × day',
    sql: `
      -- One report per hospital × bed function × day (病床機能報告's four functions); a re-sent
      -- report replaces the earlier one (received_at and reporter say which arrived last). The
      -- store holds the census of one region (CENSUS_SCENARIO's), hospitals by their region id.
      CREATE TABLE census_reports (
        date TEXT NOT NULL,              -- YYYY-MM-DD, Japan time: the midnight census of that day
        hospital TEXT NOT NULL,
        function TEXT NOT NULL CHECK (function IN ('highAcute', 'acute', 'recovery', 'chronic')),
        institution_code TEXT NOT NULL,  -- 10-digit 医療機関コード as reported
        area TEXT NOT NULL,
        beds INTEGER NOT NULL CHECK (beds >= 0),
        occupied INTEGER NOT NULL CHECK (occupied >= 0),
        icu_beds INTEGER,                -- null: not reported (never read as 0)
        icu_occupied INTEGER,
        vents INTEGER,
        vents_in_use INTEGER,
        admissions INTEGER,
        discharges INTEGER,
        received_at TEXT NOT NULL,
        reporter TEXT NOT NULL,          -- the token's name, or 'open'
        synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
        PRIMARY KEY (date, hospital, function)
      );
      CREATE INDEX census_by_hospital ON census_reports (hospital, function, date DESC);
      CREATE INDEX census_by_area ON census_reports (area, date);
    `,
  },
  {
    version: 6,
    name: 'forecasts: the next fortnight from a census date',
    sql: `
      -- One forecast per row (the Forecast of @caretwin/contracts as JSON, as the worker returned
      -- it); several per census date when re-run (a re-reported day, POST /api/forecasts).
      -- "Latest" is the newest census date, then the newest created.
      CREATE TABLE forecasts (
        id TEXT PRIMARY KEY,
        region_id TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        census_date TEXT NOT NULL,       -- YYYY-MM-DD: the census it started from
        created_at TEXT NOT NULL,
        replications INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        trigger TEXT NOT NULL CHECK (trigger IN ('auto', 'manual')),
        requested_by TEXT,               -- principal id of a manual request; null for automatic ones
        forecast TEXT NOT NULL           -- JSON
      );
      CREATE INDEX forecasts_latest ON forecasts (census_date DESC, created_at DESC);
    `,
  },
  {
    version: 7,
    name: 'workshops: participants, proposals, variants, votes, the per-workshop event seq',
    sql: `
      -- A planning workshop (issue 19, docs/workshops.md). JSON columns hold the contract's shapes
      -- (@caretwin/contracts workshop.ts). \`seq\` numbers the workshop's events: bumped in the
      -- transaction of each change, so a restarted (or another) api instance continues it.
      CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        question TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        join_code TEXT NOT NULL UNIQUE,
        baseline_run_id TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        levers TEXT NOT NULL,            -- LeverBound[]
        seed INTEGER NOT NULL,
        replications INTEGER NOT NULL,
        horizon_days INTEGER NOT NULL,
        facilitator TEXT NOT NULL,       -- the token name that created it
        view TEXT NOT NULL,              -- WorkshopView: what followers mirror
        seq INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        closed_at TEXT
      );

      -- Only the SHA-256 of a participant token (ctp_…) is kept; imported participants have none.
      CREATE TABLE workshop_participants (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops (id),
        name TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        joined_at TEXT NOT NULL
      );
      CREATE INDEX workshop_participants_by_workshop ON workshop_participants (workshop_id, joined_at);

      CREATE TABLE workshop_proposals (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops (id),
        title TEXT NOT NULL,
        rationale TEXT NOT NULL,
        policies TEXT NOT NULL,          -- scenario policies (JSON array)
        author TEXT NOT NULL,            -- {id, name, role}
        state TEXT NOT NULL CHECK (state IN ('proposed', 'merged', 'accepted', 'declined')),
        merged_into TEXT,
        variant_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX workshop_proposals_by_workshop ON workshop_proposals (workshop_id, created_at);

      -- An accepted proposal's run. state/percent: as last announced (variant.progress), so only
      -- one api instance announces a change; comparison: the paired comparison once completed.
      CREATE TABLE workshop_variants (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops (id),
        proposal_id TEXT NOT NULL REFERENCES workshop_proposals (id),
        title TEXT NOT NULL,
        run_id TEXT NOT NULL,            -- no foreign key: an admin may still delete a finished run's record
        state TEXT NOT NULL,
        percent REAL NOT NULL DEFAULT 0,
        comparison TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX workshop_variants_by_workshop ON workshop_variants (workshop_id, created_at);
      CREATE INDEX workshop_variants_by_run ON workshop_variants (run_id);

      CREATE TABLE workshop_votes (
        workshop_id TEXT NOT NULL REFERENCES workshops (id),
        participant_id TEXT NOT NULL,
        ranking TEXT NOT NULL,           -- variant ids, best first (at most three)
        at TEXT NOT NULL,
        PRIMARY KEY (workshop_id, participant_id)
      );
    `,
  },
  {
    version: 8,
    name: 'workshops: the token that facilitates',
    sql: `
      -- The principal id (token id) of the planner that created the workshop: only it (or an
      -- admin) facilitates. NULL for workshops made before this column and for imported ones.
      ALTER TABLE workshops ADD COLUMN owner TEXT;
    `,
  },
  {
    version: 9,
    name: 'secrets: keys the api makes once and every instance shares',
    sql: `
      -- A named random key, made by the first api instance that needs it (INSERT OR IGNORE), e.g.
      -- the HMAC key of workshop print links. Never sent anywhere.
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];
