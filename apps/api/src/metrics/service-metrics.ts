// The api's Prometheus figures. Some are counted here (replication durations and engine events
// from the workers' job return values, live messages sent); the rest are read when scraped:
// runs per state from the store, queue depth from BullMQ, and each worker's own figures from
// the heartbeat it writes to Redis (workers may run on other machines: the api cannot scrape
// them). A scrape never hangs on Redis: each read is bounded and a failed one is left out.
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppConfig, Logger } from '@caretwin/config';
import { storeBytes } from '@caretwin/store';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { LiveStateStore } from '../queue/live-state.store';
import { RunQueue } from '../queue/run-queue';
import { RunsRepository } from '../store/runs.repository';

/** Heartbeat fields exposed per worker: field → metric name, help, counter or gauge. */
const WORKER_FIGURES = [
  [
    'replicationsCompleted',
    'caretwin_worker_replications_completed_total',
    'Replications this worker process completed',
    'counter',
  ],
  [
    'replicationsFailed',
    'caretwin_worker_replications_failed_total',
    'Replications the model refused on this worker process',
    'counter',
  ],
  [
    'replicationSeconds',
    'caretwin_worker_replication_seconds_total',
    'Wall seconds spent in completed replications',
    'counter',
  ],
  [
    'simulationEvents',
    'caretwin_worker_simulation_events_total',
    'Engine events processed by completed replications',
    'counter',
  ],
  ['progressMessages', 'caretwin_worker_progress_messages_total', 'Live-progress writes to Redis', 'counter'],
  ['active', 'caretwin_worker_active_replications', 'Replications running or waiting for a thread', 'gauge'],
  ['threads', 'caretwin_worker_threads', 'Replication threads', 'gauge'],
  ['uptimeSeconds', 'caretwin_worker_uptime_seconds', 'Seconds since the worker process started', 'gauge'],
] as const;

@Injectable()
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly replicationSeconds: Histogram<string>;
  private readonly simulationEvents: Counter<string>;
  private readonly eventsPerSecond: Gauge<string>;
  private readonly liveMessages: Counter<'event'>;
  private readonly liveBytes: Histogram<'event'>;

  constructor(
    private readonly runs: RunsRepository,
    private readonly queue: RunQueue,
    private readonly live: LiveStateStore,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'caretwin_api_' });

    const store = this.runs;
    new Gauge({
      name: 'caretwin_runs',
      help: 'Runs in the store by state',
      labelNames: ['state'],
      registers,
      collect() {
        for (const [state, n] of Object.entries(store.countByState())) this.set({ state }, n);
      },
    });

    const dataDir = config.dataDir;
    new Gauge({
      name: 'caretwin_store_bytes',
      help: 'Bytes of the SQLite store on disk: database file + write-ahead log + shared memory (RETENTION_DAYS prunes old runs)',
      registers,
      collect() {
        this.set(storeBytes(dataDir));
      },
    });

    // Read once per scrape, shared by the queue gauge and the Redis gauge.
    let counting: Promise<Record<string, number> | null> | undefined;
    const counts = (): Promise<Record<string, number> | null> => {
      counting ??= this.queue
        .jobCounts()
        .catch(() => null)
        .finally(() => setImmediate(() => (counting = undefined)));
      return counting;
    };
    new Gauge({
      name: 'caretwin_redis_up',
      help: '1 when the api read the queue from Redis during this scrape',
      registers,
      async collect() {
        this.set((await counts()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'caretwin_queue_jobs',
      help: 'Jobs of the replications queue by BullMQ state (queue depth: waiting + prioritized)',
      labelNames: ['state'],
      registers,
      async collect() {
        this.reset();
        for (const [state, n] of Object.entries((await counts()) ?? {})) this.set({ state }, n);
      },
    });

    this.replicationSeconds = new Histogram({
      name: 'caretwin_replication_duration_seconds',
      help: 'Wall time of completed replications, as reported by the worker that ran each',
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.simulationEvents = new Counter({
      name: 'caretwin_simulation_events_total',
      help: 'Engine events processed by completed replications (rate() gives events per second)',
      registers,
    });
    this.eventsPerSecond = new Gauge({
      name: 'caretwin_simulation_events_per_second',
      help: 'Engine events per wall second of the last completed replication',
      registers,
    });
    this.liveMessages = new Counter({
      name: 'caretwin_live_messages_total',
      help: 'socket.io run messages sent, by event',
      labelNames: ['event'],
      registers,
    });
    this.liveBytes = new Histogram({
      name: 'caretwin_live_message_bytes',
      help: 'Size of socket.io run messages (JSON), by event; bounded by LIVE_MAX_MESSAGE_BYTES',
      labelNames: ['event'],
      buckets: [256, 1024, 4096, 16384, 32768, 49152, 65536],
      registers,
    });
    this.registerWorkerFigures();
  }

  /** A replication's figures from its job's return value. */
  observeReplication(durationMs: number | undefined, events: number | undefined): void {
    if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) return;
    this.replicationSeconds.observe(durationMs / 1000);
    if (typeof events === 'number' && events >= 0) {
      this.simulationEvents.inc(events);
      if (durationMs > 0) this.eventsPerSecond.set(events / (durationMs / 1000));
    }
  }

  /** Connected socket.io clients, counted by whoever owns the socket server. */
  watchSockets(count: () => number): void {
    new Gauge({
      name: 'caretwin_socket_clients',
      help: 'Connected socket.io clients',
      registers: [this.registry],
      collect() {
        this.set(count());
      },
    });
  }

  liveMessage(event: string, bytes: number): void {
    this.liveMessages.inc({ event });
    this.liveBytes.observe({ event }, bytes);
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Workers' heartbeats, read once per scrape and shared by every worker metric. */
  private registerWorkerFigures(): void {
    let reading: Promise<Array<Record<string, string>>> | undefined;
    const read = (): Promise<Array<Record<string, string>>> => {
      reading ??= this.live
        .workerStats()
        .catch((error: Error) => {
          this.logger.debug({ err: error.message }, 'worker figures not read');
          return [];
        })
        .finally(() => setImmediate(() => (reading = undefined)));
      return reading;
    };
    const registers = [this.registry];
    new Gauge({
      name: 'caretwin_worker_up',
      help: 'Workers that wrote a heartbeat in the last three WORKER_STATS_INTERVAL_MS',
      labelNames: ['worker'],
      registers,
      async collect() {
        this.reset();
        for (const stats of await read()) this.set({ worker: stats.worker }, 1);
      },
    });
    for (const [field, name, help, kind] of WORKER_FIGURES) {
      const options = {
        name,
        help,
        labelNames: ['worker'] as const,
        registers,
        async collect(this: Counter<'worker'> | Gauge<'worker'>) {
          this.reset();
          for (const stats of await read()) {
            const value = Number(stats[field]);
            if (!Number.isFinite(value)) continue;
            if (this instanceof Counter) this.inc({ worker: stats.worker }, value);
            else this.set({ worker: stats.worker }, value);
          }
        },
      };
      if (kind === 'counter') new Counter(options);
      else new Gauge(options);
    }
  }
}
