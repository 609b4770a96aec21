// Use cases on runs: accept (validate, store, then enqueue — so a run is never lost while Redis
// is away), list, show, cancel. Reads come from the store only.
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { AppConfig, Logger } from '@caretwin/config';
import { FINISHED_STATES, type RunAccepted, type RunList, type RunView } from '@caretwin/contracts';
import { maxReplications, planFor, runInputKey, toRunInput } from '@caretwin/runner';
import { parseText, type ResolvedScenario } from '@caretwin/scenario';
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
import { applyChanges, requestedChanges } from './overrides';
import { RunLifecycleService } from './run-lifecycle.service';
import { toReplicationView, toRunView } from './run-view';
import type { CreateRunRequest, ListRunsQuery } from './runs.dto';

export interface AcceptedRun extends RunAccepted {
  /** true when an earlier request with the same Idempotency-Key created it */
  replayed: boolean;
}

/** Canonical JSON (sorted keys) so the same body always hashes alike. */
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
   * Everything up to the insert is synchronous, so two requests with one Idempotency-Key can
   * never both pass the check (nor both take the last place under a cap); a rejected request
   * stores nothing. `owner`: the principal id, counted against MAX_ACTIVE_RUNS_PER_TOKEN.
   */
  create(request: CreateRunRequest, key: string | null, owner: string | null = null): AcceptedRun {
    const bodyHash = createHash('sha256').update(canonical(request)).digest('hex');
    if (key) {
      const prior = this.runs.byIdempotencyKey(key);
      if (prior) {
        if (prior.bodyHash !== bodyHash) throw new IdempotencyConflictError(key);
        return { id: prior.id, state: prior.state, replayed: true };
      }
    }

    const resolved = this.resolve(request);
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

  private resolve(request: CreateRunRequest): ResolvedScenario {
    const changes = requestedChanges(request);
    const changed = Object.keys(changes).length > 0;
    if (request.scenarioId !== undefined) {
      if (!changed) return this.scenarios.resolve(request.scenarioId);
      // The named scenario becomes the baseline of a what-if that keeps its id and name.
      const base = this.scenarios.resolve(request.scenarioId).scenario;
      return this.scenarios.resolve({
        id: base.id,
        name: base.name,
        description: base.description,
        ...changes,
        extends: request.scenarioId,
      });
    }
    const scenario = request.scenario as string | Record<string, unknown>;
    if (!changed) return this.scenarios.resolve(scenario);
    const document = typeof scenario === 'string' ? this.documentOfText(scenario) : scenario;
    return this.scenarios.resolve(applyChanges(document, changes));
  }

  /** YAML/JSON scenario text as a mapping; text that does not parse is refused with its positions. */
  private documentOfText(text: string): Record<string, unknown> {
    const parsed = parseText(text, { file: '<request>' });
    const value = parsed.doc.value;
    if (parsed.issues.length === 0 && typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    this.scenarios.resolve(text); // throws the scenario library's own error for this text
    throw new RequestInvalidError('scenario text is not a mapping', [
      requestIssue('scenario', 'expected a scenario mapping'),
    ]);
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
