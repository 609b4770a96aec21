// Keeps the store (the source of truth) and the queue in step for each run: enqueues accepted
// runs, persists results when a run's parent job completes, and cleans Redis once a run is
// finished. (The percent the workers' progress amounts to is written by the live module's
// ProgressRecorder, with `percentOf` from here.) The api is the only writer of the store.
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { FINISHED_STATES, type ReplicationProgress, type RunState } from '@caretwin/contracts';
import {
  unpackJsonText,
  type AggregateJobResult,
  type ReplicationJobResult,
  type RunInput,
  type RunPlan,
} from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { RunQueue } from '../queue/run-queue';
import { RunsRepository, type RunSummary } from '../store/runs.repository';
import { RunOutcomes } from './run-outcomes';
import { runPercent } from './run-progress';

@Injectable()
export class RunLifecycleService {
  /** One Redis operation per run at a time (a slow call must not race its own retry). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly runs: RunsRepository,
    private readonly queue: RunQueue,
    private readonly outcomes: RunOutcomes,
  ) {}

  /** A run's percent from what the workers reported (the live fan-out sends the same figure). */
  percentOf(run: RunSummary, replications: ReplicationProgress[]): number {
    if (run.state === 'completed') return 100;
    return runPercent(run.replicationsPlanned, new Set(this.runs.storedReplications(run.id)), replications);
  }

  /** Stores the transition and tells the live module (RunOutcomes) when the run has ended. */
  private transition(runId: string, to: RunState, reason: string | null): boolean {
    const moved = this.runs.transition(runId, to, new Date().toISOString(), reason);
    if (moved && (to === 'completed' || to === 'failed' || to === 'cancelled'))
      this.outcomes.ended({ runId, state: to, ...(reason ? { reason } : {}) });
    return moved;
  }

  /**
   * Brings one run's Redis side in line with the store; never throws (logged, retried later).
   * One sync per run at a time; a sync asked for meanwhile runs right after (it may carry news,
   * e.g. the parent job just completed).
   */
  sync(runId: string): Promise<void> {
    const running = this.inFlight.get(runId);
    if (running) {
      this.again.add(runId);
      return running;
    }
    const task = this.syncOnce(runId)
      .catch((error: Error) =>
        this.logger.warn({ runId, err: error.message }, 'run not in sync with the queue yet; will retry'),
      )
      .finally(() => {
        this.inFlight.delete(runId);
        if (this.again.delete(runId)) void this.sync(runId);
      });
    this.inFlight.set(runId, task);
    return task;
  }

  private async syncOnce(runId: string): Promise<void> {
    const run = this.runs.summary(runId);
    if (!run) return;
    if (FINISHED_STATES.has(run.state)) return this.cleanUp(run);
    const status = await this.queue.parentStatus(runId);
    switch (status.kind) {
      case 'missing': {
        const full = this.runs.get(runId);
        if (!full) return;
        const added = await this.queue.enqueue({
          id: runId,
          input: JSON.parse(full.input) as RunInput,
          inputKey: full.inputKey,
          plan: JSON.parse(full.plan) as RunPlan,
        });
        if (added) this.logger.info({ runId }, 'run enqueued');
        this.runs.markSynced(runId, 'active');
        return;
      }
      case 'pending':
        this.runs.markSynced(runId, 'active');
        return;
      case 'completed':
        return this.finish(runId, status.value);
      case 'failed':
        await this.fail(runId, status.reason);
        return this.cleanUp(this.runs.summary(runId) ?? run);
    }
  }

  /** A finished run's jobs leave Redis (the workers of a cancelled or failed one are told to stop first). */
  private async cleanUp(run: RunSummary): Promise<void> {
    if (run.queueSynced) return;
    // Cancelled or failed: replications still running stop at their next simulated day.
    if (run.state !== 'completed') await this.queue.setCancelFlag(run.id);
    if (await this.queue.remove(run.id)) this.runs.markSynced(run.id, 'finished');
  }

  onActive(runId: string): void {
    if (this.transition(runId, 'running', null)) this.logger.info({ runId }, 'run running');
  }

  onReplicationCompleted(runId: string, value: ReplicationJobResult): void {
    const current = this.runs.summary(runId);
    if (!current || FINISHED_STATES.has(current.state)) return; // a cancelled run keeps what it had
    this.saveReplication(runId, value);
  }

  /** Stores the JSON text the worker produced, unchanged (no re-serialisation). */
  private saveReplication(runId: string, value: ReplicationJobResult): boolean {
    return this.runs.saveReplication(
      runId,
      value.replication,
      unpackJsonText(value.result),
      JSON.stringify(value.execution),
    );
  }

  /** The parent job aggregated: store the missing replication results and complete the run (from sync only). */
  private async finish(runId: string, value: AggregateJobResult): Promise<void> {
    const run = this.runs.summary(runId);
    if (!run) return;
    if (run.state === 'queued' || run.state === 'running') {
      const stored = new Set(this.runs.storedReplications(runId));
      const missing = value.replicationIndices.filter((i) => !stored.has(i));
      if (missing.length > 0) {
        const results = await this.queue.childResults(runId);
        for (const index of missing) {
          const child = results.get(index);
          if (!child) throw new Error(`run ${runId}: replication ${index} result not found in the queue`);
          this.saveReplication(runId, child);
        }
      }
      const aggregateExecution = { ...value.execution, rounds: value.rounds };
      if (
        this.runs.complete(
          runId,
          unpackJsonText(value.aggregate),
          JSON.stringify(aggregateExecution),
          new Date().toISOString(),
        )
      ) {
        this.logger.info({ runId, replications: value.replicationIndices.length }, 'run completed');
        this.outcomes.ended({ runId, state: 'completed' });
      }
    }
    const after = this.runs.summary(runId);
    if (after) await this.cleanUp(after);
  }

  /** The parent job failed (a replication failed for good, or aggregation did). */
  private async fail(runId: string, reason: string): Promise<void> {
    const run = this.runs.summary(runId);
    if (!run) return;
    if (FINISHED_STATES.has(run.state)) {
      void this.sync(runId); // e.g. cancelled: its jobs can leave Redis now that none is held
      return;
    }
    // Which replication failed is asked of BullMQ (a throw here leaves the run to the next sync);
    // the parent's own reason is what is left when no replication did (e.g. aggregation failed).
    const child = await this.queue.failedReplication(runId);
    const plain = child
      ? `replication ${child.replicationIndex} failed${child.reason ? `: ${child.reason.slice(0, 400)}` : ''}`
      : reason.slice(0, 500);
    if (this.transition(runId, 'failed', plain)) this.logger.warn({ runId, reason: plain }, 'run failed');
    void this.sync(runId);
  }

  /** Cancels in the store first (answering at once), then tells Redis. */
  cancel(runId: string): boolean {
    const moved = this.transition(runId, 'cancelled', 'cancelled by request');
    if (moved) {
      this.logger.info({ runId }, 'run cancelled');
      void this.sync(runId);
    }
    return moved;
  }

  /** Runs the reconciler should look at now. */
  toReconcile(all: boolean): RunSummary[] {
    if (!all) return this.runs.unsynced();
    const byId = new Map<string, RunSummary>();
    for (const run of [...this.runs.unsynced(), ...this.runs.active()]) byId.set(run.id, run);
    return [...byId.values()];
  }

  get reconcileIntervalMs(): number {
    return this.config.runs.reconcileIntervalMs;
  }
}
