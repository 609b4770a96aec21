// Use cases on runs: accept (validate, store, then enqueue — so a run is never lost while Redis
// is away), list, show, cancel. Reads come from the store only.
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { AppConfig, Logger } from '@caretwin/config';
import { FINISHED_STATES, type RunAccepted, type RunList, type RunView } from '@caretwin/contracts';
import { maxReplications, planFor, runInputKey, toRunInput } from '@caretwin/runner';
import type { ResolvedScenario } from '@caretwin/scenario';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { ForbiddenError } from '../access/access-errors';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import {
  ApiError,
  IdempotencyConflictError,
  NotFoundError,
  RequestInvalidError,
  requestIssue,
} from '../errors/api-error';
import { ScenariosService } from '../scenarios/scenarios.service';
import { RunAdmission } from '../limits/run-admission';
import { RunRetention } from '../limits/run-retention.service';
import { LiveStateStore } from '../queue/live-state.store';
import { RunsRepository } from '../store/runs.repository';
import { requestedChanges } from './overrides';
import { RunLifecycleService } from './run-lifecycle.service';
import { toReplicationView, toRunView } from './run-view';
import type { CreateRunRequest, ListRunsQuery } from './runs.dto';

export interface AcceptedRun extends RunAccepted {
  /** true when an earlier request with the same Idempotency-Key created it */
  replayed: boolean;
}

/**
 * Canonical JSON (sorted keys) so the same body always hashes alike. Recursive: request bodies
 * nested deeper than MAX_BODY_DEPTH are refused at the edge (http/input-guards.ts) first.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

@Injectable()
export class RunsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly runs: RunsRepository,
    private readonly scenarios: ScenariosService,
    private readonly lifecycle: RunLifecycleService,
    private readonly live: LiveStateStore,
    private readonly admission: RunAdmission,
    private readonly retention: RunRetention,
  ) {}

  /**
   * Everything from the second Idempotency-Key check to the insert is synchronous, so two
   * requests with one Idempotency-Key can never both pass the check (nor both take the last place under a cap); a rejected request
   * stores nothing. `owner`: the principal id, counted against MAX_ACTIVE_RUNS_PER_TOKEN.
   */
  async create(
    request: CreateRunRequest,
    key: string | null,
    owner: string | null = null,
  ): Promise<AcceptedRun> {
    const bodyHash = createHash('sha256').update(canonical(request)).digest('hex');
    if (key) {
      const prior = this.runs.byIdempotencyKey(key);
      if (prior) {
        if (prior.bodyHash !== bodyHash) throw new IdempotencyConflictError(key);
        return { id: prior.id, state: prior.state, replayed: true };
      }
    }

    // Resolved on a resolver thread; from here to the insert everything is synchronous again,
    // so the Idempotency-Key is checked once more (another request may have used it meanwhile).
    const resolved = await this.resolve(request);
    if (key) {
      const prior = this.runs.byIdempotencyKey(key);
      if (prior) {
        if (prior.bodyHash !== bodyHash) throw new IdempotencyConflictError(key);
        return { id: prior.id, state: prior.state, replayed: true };
      }
    }
    const plan = planFor(resolved.scenario, this.config.runs.roundSize);
    const most = maxReplications(plan);
    if (most > this.config.runs.maxReplications)
      throw new RequestInvalidError(
        `a run may have at most ${this.config.runs.maxReplications} replications (MAX_REPLICATIONS)`,
        [
          requestIssue(
            resolved.scenario.precision ? 'precision.max' : 'replications',
            `${most} is more than ${this.config.runs.maxReplications}`,
          ),
        ],
      );

    this.admission.admit(owner, resolved, plan);
    const input = toRunInput(resolved);
    const id = randomUUID();
    this.runs.insert({
      id,
      scenarioId: resolved.scenario.id,
      regionId: resolved.region.id,
      request: JSON.stringify(request),
      input: JSON.stringify(input),
      inputKey: runInputKey(input),
      plan: JSON.stringify(plan),
      seed: resolved.scenario.seed,
      replicationsPlanned: plan.mode === 'fixed' ? plan.replications : Math.min(plan.max, plan.roundSize),
      replicationsMax: most,
      idempotencyKey: key,
      bodyHash,
      owner,
      at: new Date().toISOString(),
    });
    this.logger.info({ runId: id, scenarioId: resolved.scenario.id }, 'run accepted');
    void this.lifecycle.sync(id);
    return { id, state: 'queued', replayed: false };
  }

  /** The scenario a request names or carries, with its changes as a what-if (on a resolver thread). */
  private resolve(request: CreateRunRequest): Promise<ResolvedScenario> {
    const changes = requestedChanges(request);
    if (request.scenarioId !== undefined) return this.scenarios.resolve({ ref: request.scenarioId, changes });
    return this.scenarios.resolve({
      scenario: request.scenario as string | Record<string, unknown>,
      changes,
    });
  }

  list(q: ListRunsQuery): RunList {
    const { items, total } = this.runs.list({
      scenarioId: q.scenario,
      state: q.state,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map((row) => toRunView(row, [], [])), total, limit: q.limit, offset: q.offset };
  }

  /** The stored run with the replications' live progress from Redis (left out while Redis is away). */
  async get(id: string): Promise<RunView> {
    const row = this.runs.summary(id);
    if (!row) throw new NotFoundError('run', id);
    const history = this.runs.history(id);
    if (FINISHED_STATES.has(row.state)) return this.retention.withPruned(toRunView(row, history, []));
    const live = await this.live.progress(id).catch(() => undefined);
    if (!live) return toRunView(row, history, []);
    // It may have finished while Redis answered: re-read the row and its history together.
    const fresh = this.runs.summary(id) ?? row;
    const freshHistory = fresh.state === row.state ? history : this.runs.history(id);
    return toRunView(
      fresh,
      freshHistory,
      live.replications.map(toReplicationView),
      this.lifecycle.percentOf(fresh, live.replications),
    );
  }

  /**
   * Cancels a queued or running run (kept, as cancelled); a finished run answers as it is. A
   * planner cancels only the runs it started; an admin any.
   */
  cancel(id: string, principal: Principal = OPEN_PRINCIPAL): Promise<RunView> {
    const run = this.runs.summary(id);
    if (!run) throw new NotFoundError('run', id);
    if (principal.role !== 'admin' && run.owner !== principal.id)
      throw new ForbiddenError(
        `run "${id}" was started by another token; a planner cancels only its own runs`,
      );
    this.lifecycle.cancel(id);
    return this.get(id);
  }

  /**
   * Deletes a finished run and all that is stored of it (admin: DELETE /api/runs/:id/record). An
   * active run is refused (409): its workers still write to it, so it is cancelled first.
   */
  purge(id: string): { id: string; deleted: true } {
    const run = this.runs.summary(id);
    if (!run) throw new NotFoundError('run', id);
    if (!this.runs.purge(id))
      throw new ApiError(
        409,
        'RUN_ACTIVE',
        `run "${id}" is ${run.state}; cancel it first (DELETE /api/runs/${id}), then delete its record`,
      );
    this.logger.info({ runId: id }, 'run deleted');
    return { id, deleted: true };
  }
}
