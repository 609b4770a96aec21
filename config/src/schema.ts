// The service's settings: one schema, parsed once at boot (docs/architecture.md "Decisions"). Defaults
// live in config/default.yaml; each setting's environment variable is listed in ENV_VARIABLES.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const milliseconds = z.coerce
  .number()
  .int()
  .min(10)
  .max(24 * 3600 * 1000);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** `auto` is not a format of its own: loadConfig resolves it to pretty on a terminal, json otherwise. */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
/** AUTH_MODE: open (everyone is admin; loopback only) or tokens (bearer tokens from `caretwin token`). */
export const AUTH_MODES = ['open', 'tokens'] as const;

export const configSchema = z
  .object({
    http: z
      .object({
        /** Interface the api binds; anything but loopback needs AUTH_MODE=tokens. */
        host: z.string().min(1),
        /** HTTP port of the api (docs/architecture.md "Settings": default 3000). */
        port,
        /** Largest request body; larger ones are refused with 413. */
        bodyLimitBytes: positiveInt.max(64 * 1024 * 1024),
        /**
         * Largest body of POST /api/workshops/import: a workshop's export carries every run's
         * result (about 0.4 MB a run for Miyagi), far beyond an ordinary request.
         */
        importBodyLimitBytes: positiveInt.max(512 * 1024 * 1024),
      })
      .strict(),
    access: z
      .object({
        /**
         * open: every request acts as admin, allowed only when HOST is loopback (the api refuses to
         * start otherwise); tokens: every /api request needs `Authorization: Bearer <token>`.
         */
        mode: z.enum(AUTH_MODES, { error: 'must be open or tokens' }),
        /**
         * Origins (scheme://host[:port]) a browser may write from besides the api's own; a write
         * or socket.io handshake with any other Origin header is refused (403 FORBIDDEN).
         */
        allowedOrigins: z.preprocess(
          (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
          z.array(
            z
              .string()
              .regex(
                /^https?:\/\/[^/\s]+$/,
                'each origin is scheme://host[:port] (no path), e.g. https://twin.example.jp',
              ),
          ),
        ),
      })
      .strict(),
    /** SQLite store and a private Redis live here. */
    dataDir: z.string().min(1),
    redis: z
      .object({
        url: z
          .string()
          .min(1)
          .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://'),
        /** BullMQ key prefix; '' = derived from the data dir so deployments never share keys. */
        prefix: z
          .string()
          .refine((v) => !v.includes(':'), 'must not contain ":" (BullMQ separates keys with it)'),
        /** `npm start` starts a private redis-server when none answers (auto) or never does. */
        startPrivate: z.enum(['auto', 'never']),
      })
      .strict(),
    scenarios: z
      .object({
        shippedDir: z.string().min(1),
        regionsDir: z.string().min(1),
        /** Threads of the api that resolve scenarios (parse, validate, evaluate), off its event loop. */
        resolveThreads: z.coerce.number().int().min(1).max(64),
        /** Longest one resolution may take (waiting for a thread included): then 422 SCENARIO_TIMEOUT. */
        resolveTimeoutMs: z.coerce.number().int().min(100).max(600_000),
        /** Most demand-expression node evaluations (nodes × simulated hours): over it, 422 SCENARIO_TOO_COSTLY. */
        expressionBudget: positiveInt.max(1e12),
        /** Resolved scenarios kept by content hash (LRU); 0 = none. */
        cacheEntries: z.coerce.number().int().min(0).max(10_000),
      })
      .strict(),
    runs: z
      .object({
        maxReplications: positiveInt.max(10_000),
        /** Replications per round of a precision run (decided on the index-ordered prefix). */
        roundSize: positiveInt.max(1000),
        /** Tries per replication job on transient faults (a bad input is never retried). */
        attempts: positiveInt.max(20),
        reconcileIntervalMs: milliseconds,
      })
      .strict(),
    worker: z
      .object({
        /** Replication threads per worker process; 0 = one per CPU core. */
        threads: z.coerce.number().int().min(0).max(256),
        /**
         * Scheduling priority (nice, 0–19) the model's replication threads lower themselves to, so
         * on a shared machine the api's sockets and the worker's event loop get a core first.
         */
        nice: z.coerce.number().int().min(0).max(19),
        lockDurationMs: milliseconds,
        stalledIntervalMs: milliseconds,
        maxStalledCount: z.coerce.number().int().min(0).max(100),
        progressIntervalMs: milliseconds,
        cancelPollMs: milliseconds,
        /** How often a worker writes its figures (replications, durations, events) to Redis for the api's /metrics. */
        statsIntervalMs: milliseconds,
      })
      .strict(),
    live: z
      .object({
        /** Least time between two socket.io messages of one run: ≥ 100 ms, so at most 10 per second. */
        minIntervalMs: z.coerce.number().int().min(100).max(60_000),
        /** Largest socket.io message; bands are cut (progress) or downsampled (snapshot) to fit. */
        maxMessageBytes: z.coerce.number().int().min(8192).max(65536),
        /** How long a run's live state stays in Redis after its last update (snapshots of finished runs). */
        retentionS: z.coerce
          .number()
          .int()
          .min(60)
          .max(30 * 24 * 3600),
      })
      .strict(),
    limits: z
      .object({
        /** Length of a rate-limit window (fixed windows per token, counted in Redis for every api instance). */
        rateWindowMs: milliseconds,
        /** Requests per window per token on /api (health, ready, metrics and the dashboard's files are never limited). */
        rateRequests: positiveInt.max(10_000_000),
        /** POST /api/runs per window per token (on top of rateRequests). */
        rateRuns: positiveInt.max(10_000_000),
        /** POST /api/scenarios/validate per window per token (on top of rateRequests). */
        rateValidations: positiveInt.max(10_000_000),
        /**
         * Workshop join requests (the join page's lookup and the join itself, no token) per window
         * per client address: a room behind one address joins in two requests a participant, while
         * guessing a join code needs millions.
         */
        rateJoins: positiveInt.max(10_000_000),
        /** Queued + running runs one token may have; one more is refused with 429 TOO_MANY_ACTIVE_RUNS. */
        maxActiveRunsPerToken: positiveInt.max(1_000_000),
        /** Queued + running runs in all (queue depth); one more is refused with 503 QUEUE_FULL. */
        maxQueueDepth: positiveInt.max(1_000_000),
        /** Largest run cost in million person-years × demand multiplier (libs/model runCost); more is 422 RUN_TOO_COSTLY. */
        maxRunCost: z.coerce.number().positive().max(1e12),
        /** Retry-After (seconds) of TOO_MANY_ACTIVE_RUNS and QUEUE_FULL. */
        retryAfterS: positiveInt.max(3600),
      })
      .strict(),
    retention: z
      .object({
        /** Finished runs older than this lose their per-replication results and daily series (summary and provenance stay); 0 = keep all. */
        days: z.coerce.number().int().min(0).max(36_500),
        /** How often the api prunes (it also prunes once at start). */
        intervalMs: milliseconds,
      })
      .strict(),
    /** The live census twin (apps/api/README.md "Census"). */
    census: z
      .object({
        /** The scenario whose region (hospitals, areas, 医療機関コード) the census reports are about. */
        scenario: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a scenario id (lowercase letters, digits, -)'),
      })
      .strict(),
    /** Forecasts of the next fortnight from the census (docs/forecasting.md "Service"). */
    forecast: z
      .object({
        /** The scenario whose model carries the census forward; its region must be the census's. */
        scenario: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a scenario id (lowercase letters, digits, -)'),
        /** Replications per forecast (the intervals' resolution against the time a forecast takes). */
        replications: positiveInt.max(1000),
        /**
         * Time of the Japanese day ("HH:MM") after which the latest census is forecast from what
         * arrived, complete or not (one hospital that never reports must not stop the forecasts); off: never.
         */
        cutoff: z
          .string()
          .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'a time of day in Japan, HH:MM (00:00–23:59), or off'),
      })
      .strict(),
    /**
     * `npm start` on a store without census reports posts a synthetic history (`caretwin feed`,
     * docs/forecasting.md "Synthetic feed") so the Now view is alive; off: never.
     */
    feed: z
      .object({
        /** auto: backfill a fresh store (AUTH_MODE=open, not under NODE_ENV=test); off: never */
        mode: z.enum(['auto', 'off'], { error: 'must be auto or off' }),
        /** days of synthetic history backfilled, ending yesterday in Japan */
        days: positiveInt.max(3650),
      })
      .strict(),
    /** What /api/version reports about the build (empty: read from the checkout's .git when there is one). */
    build: z
      .object({
        gitCommit: z.string().regex(/^([0-9a-f]{7,40})?$/, 'a git commit hash (7 to 40 hex digits) or empty'),
      })
      .strict(),
    shutdown: z.object({ deadlineMs: milliseconds }).strict(),
    log: z
      .object({
        level: z.enum(LOG_LEVELS),
        /** pretty: one readable line per entry (pino-pretty); json: one JSON object per line (pino). */
        format: z.enum(LOG_FORMATS, {
          error: 'must be pretty, json or auto (auto: pretty when standard output is a terminal, else json)',
        }),
      })
      .strict(),
    nodeEnv: z.enum(['production', 'development', 'test']),
    /** Test-only fault injection (fault tests); refused unless NODE_ENV=test. */
    faults: z
      .object({
        /** a replication index that fails deterministically, without retry; -1 = none */
        failReplication: z.coerce.number().int().min(-1),
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.limits.maxActiveRunsPerToken > config.limits.maxQueueDepth)
      ctx.addIssue({
        code: 'custom',
        path: ['limits', 'maxActiveRunsPerToken'],
        message: `${config.limits.maxActiveRunsPerToken} is more than the queue depth cap (MAX_QUEUE_DEPTH ${config.limits.maxQueueDepth}); one token could never reach it`,
      });
    if (config.faults.failReplication >= 0 && config.nodeEnv !== 'test')
      ctx.addIssue({
        code: 'custom',
        path: ['faults', 'failReplication'],
        message: 'a test-only fault; refused unless NODE_ENV=test',
      });
  });

/** The settings as written (before paths are made absolute and the prefix derived). */
export type ConfigInput = z.infer<typeof configSchema>;

/** Environment variable → dotted setting path. The only place that knows variable names. */
export const ENV_VARIABLES: Readonly<Record<string, string>> = {
  HOST: 'http.host',
  PORT: 'http.port',
  BODY_LIMIT_BYTES: 'http.bodyLimitBytes',
  IMPORT_BODY_LIMIT_BYTES: 'http.importBodyLimitBytes',
  AUTH_MODE: 'access.mode',
  ALLOWED_ORIGINS: 'access.allowedOrigins',
  DATA_DIR: 'dataDir',
  REDIS_URL: 'redis.url',
  BULLMQ_PREFIX: 'redis.prefix',
  REDIS_START_PRIVATE: 'redis.startPrivate',
  SCENARIOS_DIR: 'scenarios.shippedDir',
  REGIONS_DIR: 'scenarios.regionsDir',
  SCENARIO_RESOLVE_THREADS: 'scenarios.resolveThreads',
  SCENARIO_RESOLVE_TIMEOUT_MS: 'scenarios.resolveTimeoutMs',
  SCENARIO_EXPRESSION_BUDGET: 'scenarios.expressionBudget',
  SCENARIO_CACHE_ENTRIES: 'scenarios.cacheEntries',
  MAX_REPLICATIONS: 'runs.maxReplications',
  PRECISION_ROUND_SIZE: 'runs.roundSize',
  JOB_ATTEMPTS: 'runs.attempts',
  RECONCILE_INTERVAL_MS: 'runs.reconcileIntervalMs',
  WORKER_THREADS: 'worker.threads',
  WORKER_NICE: 'worker.nice',
  WORKER_LOCK_DURATION_MS: 'worker.lockDurationMs',
  WORKER_STALLED_INTERVAL_MS: 'worker.stalledIntervalMs',
  WORKER_MAX_STALLED_COUNT: 'worker.maxStalledCount',
  PROGRESS_INTERVAL_MS: 'worker.progressIntervalMs',
  CANCEL_POLL_MS: 'worker.cancelPollMs',
  WORKER_STATS_INTERVAL_MS: 'worker.statsIntervalMs',
  LIVE_MIN_INTERVAL_MS: 'live.minIntervalMs',
  LIVE_MAX_MESSAGE_BYTES: 'live.maxMessageBytes',
  LIVE_RETENTION_S: 'live.retentionS',
  RATE_LIMIT_WINDOW_MS: 'limits.rateWindowMs',
  RATE_LIMIT_REQUESTS: 'limits.rateRequests',
  RATE_LIMIT_RUNS: 'limits.rateRuns',
  RATE_LIMIT_VALIDATIONS: 'limits.rateValidations',
  RATE_LIMIT_JOINS: 'limits.rateJoins',
  MAX_ACTIVE_RUNS_PER_TOKEN: 'limits.maxActiveRunsPerToken',
  MAX_QUEUE_DEPTH: 'limits.maxQueueDepth',
  MAX_RUN_COST: 'limits.maxRunCost',
  LIMITS_RETRY_AFTER_S: 'limits.retryAfterS',
  RETENTION_DAYS: 'retention.days',
  RETENTION_INTERVAL_MS: 'retention.intervalMs',
  CENSUS_SCENARIO: 'census.scenario',
  FORECAST_SCENARIO: 'forecast.scenario',
  FORECAST_REPLICATIONS: 'forecast.replications',
  FORECAST_CUTOFF: 'forecast.cutoff',
  FEED: 'feed.mode',
  FEED_DAYS: 'feed.days',
  GIT_COMMIT: 'build.gitCommit',
  SHUTDOWN_DEADLINE_MS: 'shutdown.deadlineMs',
  LOG_LEVEL: 'log.level',
  LOG_FORMAT: 'log.format',
  NODE_ENV: 'nodeEnv',
  FAULTS_FAIL_REPLICATION: 'faults.failReplication',
};
