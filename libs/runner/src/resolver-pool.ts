// Resolves scenarios on worker threads so the api's event loop never parses, validates or
// evaluates one: a 500-character demand expression over 20 years takes seconds of CPU, a
// large YAML document hundreds of milliseconds. Each resolution has a time limit (the thread is
// terminated when it passes) and the expression a cost budget; answers are cached by content
// hash in a bounded LRU, checked against the saved scenarios they were built from.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Piscina from 'piscina';
import type { StaticNeed } from '@caretwin/contracts';
import {
  ScenarioValidationError,
  type Region,
  type ResolvedScenario,
  type SavedScenario,
  type ScenarioSource,
} from '@caretwin/scenario';
import {
  parseSavedKey,
  type ResolveOutcome,
  type ResolveRequest,
  type ResolveTask,
  type SavedUsage,
} from './resolver/protocol';

export type { ResolveRequest } from './resolver/protocol';

export interface ScenarioResolverPoolOptions {
  shippedDir: string;
  regionsDir: string;
  /** Saved scenarios (the api's store); read on the calling thread only. */
  saved?: ScenarioSource;
  /** Worker threads. */
  threads: number;
  /**
   * Longest a resolution may take, waiting for a thread included (a new thread loads mathjs and
   * the default region first: seconds on a busy machine); the thread is then terminated.
   */
  timeoutMs: number;
  /** Most expression node evaluations (nodes × simulated hours) of one scenario. */
  expressionBudget: number;
  /** Resolutions kept (LRU); 0 = no cache. */
  cacheEntries: number;
  /** Resolutions waiting for a thread before new ones are refused (SCENARIO_RESOLVER_BUSY). */
  maxQueue?: number;
}

export interface Resolution {
  resolved: ResolvedScenario;
  staticNeed?: StaticNeed;
  /** The `id` the document writes (when asked with `writtenId`). */
  writtenId?: string;
}

export interface ResolverStats {
  resolutions: number;
  cacheHits: number;
  timeouts: number;
  cacheEntries: number;
}

type Answer = { ok: true; resolution: Resolution } | { ok: false; error: ScenarioValidationError };

interface CacheEntry {
  answer: Answer;
  /** savedKey → the version it resolved to then (null: there was none) */
  saved: Array<[string, number | null]>;
  /** the saved listing then, when the answer used it (did-you-mean) */
  list?: string;
  bytes: number;
}

/** Whatever else a cache holds beside the hourly series (scenario, issues): a rough allowance. */
const ENTRY_OVERHEAD_BYTES = 16 * 1024;
/** The cache never holds more than this, whatever the entry count (a 20-year series is 1.4 MB). */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
/** Round trips for saved scenarios: an extends chain is at most 16 long, plus the listing. */
const MAX_ROUND_TRIPS = 40;

function workerFile(): string {
  const compiled = join(__dirname, 'resolve.worker.js');
  if (existsSync(compiled)) return compiled;
  const built = join(__dirname, '..', 'dist', 'resolve.worker.js');
  if (existsSync(built)) return built;
  throw new Error(`resolver thread entry not found at ${compiled}: run \`npm run build\` first`);
}

const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

export class ScenarioResolverPool {
  private readonly piscina: Piscina<ResolveTask, ResolveOutcome>;
  private readonly regions = new Map<string, Region>();
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<{ answer: Answer; usage: SavedUsage }>>();
  private cacheBytes = 0;
  private readonly counts = { resolutions: 0, cacheHits: 0, timeouts: 0 };
  private destroyed = false;

  constructor(private readonly options: ScenarioResolverPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`threads must be a positive integer, got ${options.threads}`);
    this.piscina = new Piscina<ResolveTask, ResolveOutcome>({
      filename: workerFile(),
      minThreads: options.threads,
      maxThreads: options.threads,
      maxQueue: options.maxQueue ?? 64,
      idleTimeout: 10 * 60_000,
      workerData: { shippedDir: options.shippedDir, regionsDir: options.regionsDir },
      // A hostile document that still gets through every cap ends its thread, not the api.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  }

  get stats(): ResolverStats {
    return { ...this.counts, cacheEntries: this.cache.size };
  }

  /** Loads mathjs and the default region in every thread (and the region here) before the first request. */
  async warm(): Promise<void> {
    await Promise.all(
      Array.from({ length: this.options.threads }, () =>
        // No time limit: a thread killed while loading would only start loading again.
        this.compute({ scenario: {}, file: '<warm-up>' }, undefined).catch(() => undefined),
      ),
    );
  }

  /** Resolves a request; throws ScenarioValidationError (including SCENARIO_TIMEOUT, SCENARIO_TOO_COSTLY). */
  async resolve(request: ResolveRequest, cache = true): Promise<Resolution> {
    if (this.destroyed) throw new Error('ScenarioResolverPool is destroyed');
    this.counts.resolutions++;
    const key = cache && this.options.cacheEntries > 0 ? this.keyOf(request) : undefined;
    const hit = key === undefined ? undefined : this.lookup(key);
    if (hit) {
      this.counts.cacheHits++;
      if (hit.answer.ok) return hit.answer.resolution;
      throw hit.answer.error;
    }
    // Identical requests in flight share one resolution (a hundred clients posting the same run).
    let pending = key === undefined ? undefined : this.inFlight.get(key);
    if (!pending) {
      pending = this.compute(request, this.options.timeoutMs);
      if (key !== undefined) {
        const settled = pending.then(({ answer, usage }) => this.store(key, answer, usage));
        this.inFlight.set(key, pending);
        void settled.finally(() => this.inFlight.delete(key)).catch(() => undefined);
      }
    }
    const { answer } = await pending;
    if (answer.ok) return answer.resolution;
    throw answer.error;
  }

  private keyOf(request: ResolveRequest): string {
    return createHash('sha256').update(JSON.stringify(request)).digest('hex');
  }

  private savedVersion(key: string): number | null {
    const { id, version } = parseSavedKey(key);
    return this.options.saved?.get(id, version)?.version ?? null;
  }

  private listing(): string {
    return JSON.stringify(this.options.saved?.list() ?? []);
  }

  private lookup(key: string): CacheEntry | undefined {
    const entry = this.cache.get(key);
    if (!entry) return undefined;
    const stale =
      entry.saved.some(([k, version]) => this.savedVersion(k) !== version) ||
      (entry.list !== undefined && entry.list !== this.listing());
    this.cache.delete(key);
    if (stale) {
      this.cacheBytes -= entry.bytes;
      return undefined;
    }
    this.cache.set(key, entry); // most recently used last
    return entry;
  }

  private store(key: string, answer: Answer, usage: SavedUsage): void {
    // A timeout or a busy pool says nothing about the scenario: asked again, it may pass.
    if (
      !answer.ok &&
      (answer.error.code === 'SCENARIO_TIMEOUT' || answer.error.code === 'SCENARIO_RESOLVER_BUSY')
    )
      return;
    const bytes =
      ENTRY_OVERHEAD_BYTES + (answer.ok ? answer.resolution.resolved.demandMultiplierByHour.byteLength : 0);
    const entry: CacheEntry = {
      answer,
      saved: usage.keys.map((k) => [k, this.savedVersion(k)]),
      list: usage.list ? this.listing() : undefined,
      bytes,
    };
    const old = this.cache.get(key);
    if (old) {
      this.cache.delete(key);
      this.cacheBytes -= old.bytes;
    }
    this.cache.set(key, entry);
    this.cacheBytes += bytes;
    while (this.cache.size > this.options.cacheEntries || this.cacheBytes > CACHE_MAX_BYTES) {
      const [oldest, evicted] = this.cache.entries().next().value as [string, CacheEntry];
      this.cache.delete(oldest);
      this.cacheBytes -= evicted.bytes;
    }
  }

  private refusal(
    code: 'SCENARIO_TIMEOUT' | 'SCENARIO_TOO_COSTLY' | 'SCENARIO_RESOLVER_BUSY',
    message: string,
    request: ResolveRequest,
  ): Answer {
    return {
      ok: false,
      error: new ScenarioValidationError(code, message, [
        { file: request.file ?? '<request>', path: '', line: null, column: null, message },
      ]),
    };
  }

  private async compute(
    request: ResolveRequest,
    timeoutMs: number | undefined,
  ): Promise<{ answer: Answer; usage: SavedUsage }> {
    const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const saved = new Map<string, SavedScenario | null>();
    let savedList: ResolveTask['savedList'] = null;
    const none: SavedUsage = { keys: [], list: false };
    for (let trip = 0; trip < MAX_ROUND_TRIPS; trip++) {
      let outcome: ResolveOutcome;
      try {
        outcome = await this.piscina.run(
          {
            request,
            shippedDir: this.options.shippedDir,
            regionsDir: this.options.regionsDir,
            expressionBudget: this.options.expressionBudget,
            saved: [...saved],
            savedList,
            knownRegions: [...this.regions.keys()],
          },
          { signal },
        );
      } catch (error) {
        if (isAbort(error) || signal?.aborted) {
          this.counts.timeouts++;
          return {
            answer: this.refusal(
              'SCENARIO_TIMEOUT',
              `resolving the scenario took longer than ${this.options.timeoutMs} ms (SCENARIO_RESOLVE_TIMEOUT_MS); simplify demand.multiplier, simulate fewer days or send a smaller document`,
              request,
            ),
            usage: none,
          };
        }
        const message = error instanceof Error ? error.message : String(error);
        if (/queue is at limit/i.test(message))
          return {
            answer: this.refusal(
              'SCENARIO_RESOLVER_BUSY',
              'every scenario resolver thread is busy and the queue is full; try again shortly',
              request,
            ),
            usage: none,
          };
        if (
          /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(
            `${message} ${(error as { code?: string }).code ?? ''}`,
          )
        )
          return {
            answer: this.refusal(
              'SCENARIO_TOO_COSTLY',
              'resolving the scenario needed more memory than a resolver thread may use',
              request,
            ),
            usage: none,
          };
        throw error;
      }
      if (outcome.kind === 'need') {
        for (const key of outcome.keys) {
          const { id, version } = parseSavedKey(key);
          saved.set(key, this.options.saved?.get(id, version) ?? null);
        }
        if (outcome.list) savedList = this.options.saved?.list() ?? [];
        continue;
      }
      if (outcome.kind === 'refused')
        return {
          answer: {
            ok: false,
            error: new ScenarioValidationError(outcome.code, outcome.message, outcome.issues),
          },
          usage: outcome.usage,
        };
      if (outcome.region) this.regions.set(outcome.regionId, outcome.region);
      const region = this.regions.get(outcome.regionId);
      if (!region) throw new Error(`resolver thread did not send region ${outcome.regionId}`);
      return {
        answer: {
          ok: true,
          resolution: {
            resolved: { scenario: outcome.scenario, region, demandMultiplierByHour: outcome.byHour },
            staticNeed: outcome.staticNeed,
            writtenId: outcome.writtenId,
          },
        },
        usage: outcome.usage,
      };
    }
    throw new Error('scenario resolution asked for saved scenarios too many times');
  }

  /** Stops every thread; resolutions still running are abandoned. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.piscina.destroy();
  }
}
