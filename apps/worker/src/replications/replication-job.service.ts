// One replication job: fetch the run's input from the parent, run the model on the shared
// thread pool, publish every simulated day as live progress (batched, through Redis), stop at
// the next simulated day when the run is cancelled (flag in Redis) or this worker shuts down
// (job handed back to the queue).
import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { AppConfig, Logger } from '@caretwin/config';
import {
  ReplicationFailedError,
  ReplicationPool,
  ReplicationStoppedError,
  jobExecution,
  packJson,
  type ReplicationJobResult,
  type ReplicationProgress,
} from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { CancelFlags } from './cancel-flags';
import { parseReplicationJobData } from './job-data';
import { RunCancelledError } from './job-errors';
import { LiveProgressPublisher } from './live-progress.publisher';
import { RunInputCache } from './run-input.cache';
import { WorkerLifecycle } from './worker-lifecycle';
import { WorkerStatsReporter } from './worker-stats.reporter';

@Injectable()
export class ReplicationJobService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly pool: ReplicationPool,
    private readonly inputs: RunInputCache,
    private readonly cancelFlags: CancelFlags,
    private readonly lifecycle: WorkerLifecycle,
    private readonly live: LiveProgressPublisher,
    private readonly stats: WorkerStatsReporter,
  ) {}

  async run(job: Job, token: string | undefined): Promise<ReplicationJobResult> {
    const { runId, replicationIndex } = parseReplicationJobData(job.data);
    const log = this.logger.child({ runId, replication: replicationIndex, jobId: job.id });
    const parentId = job.parent?.id;
    if (!parentId) throw new UnrecoverableError(`replication job ${job.id} has no parent run job`);
    if (await this.cancelFlags.isCancelled(runId)) throw new RunCancelledError();
    if (this.config.faults.failReplication === replicationIndex)
      throw new UnrecoverableError('injected test fault (FAULTS_FAIL_REPLICATION)'); // refused by config unless NODE_ENV=test
    const { input, inputKey } = await this.inputs.get(parentId);

    const startedAt = new Date();
    const controller = new AbortController();
    const onShutdown = (): void => controller.abort(this.lifecycle.stopping.reason);
    if (this.lifecycle.stopping.aborted) onShutdown();
    this.lifecycle.stopping.addEventListener('abort', onShutdown, { once: true });
    // The model reads a shared flag once per simulated day; this mirrors the Redis flag into it.
    const poll = setInterval(() => {
      this.cancelFlags.isCancelled(runId).then(
        (cancelled) => cancelled && controller.abort(new RunCancelledError()),
        () => undefined, // Redis away: keep running; the lock decides whether the job stays ours
      );
    }, this.config.worker.cancelPollMs);

    // The pool batches days at PROGRESS_INTERVAL_MS; the publisher folds them into the run's band.
    const onProgress = (progress: ReplicationProgress): void => this.live.report(runId, progress);

    log.info('replication started');
    try {
      const { result, threadId } = await this.pool.runDetailed(
        { input, inputKey, replicationIndex },
        { signal: controller.signal, onProgress },
      );
      const execution = jobExecution(job, this.lifecycle.workerId, startedAt, new Date(), threadId);
      const events = result.kpis.events ?? 0;
      await this.live.finish(runId, replicationIndex, result.warmupDays + result.horizonDays);
      this.stats.recordReplication(execution.durationMs, events);
      log.info({ durationMs: execution.durationMs, events }, 'replication finished');
      return { replication: replicationIndex, result: packJson(result), execution, events };
    } catch (error) {
      this.live.discard(runId, replicationIndex);
      const translated = await this.translate(error, job, token, controller.signal, log);
      // A cancelled run is no failure of this worker (nor is a job handed back or to be retried).
      if (translated instanceof UnrecoverableError && !(translated instanceof RunCancelledError))
        this.stats.recordFailure();
      throw translated;
    } finally {
      clearInterval(poll);
      this.lifecycle.stopping.removeEventListener('abort', onShutdown);
    }
  }

  /** Maps a pool failure onto BullMQ's meaning: never retry bad input, retry transient faults. */
  private async translate(
    error: unknown,
    job: Job,
    token: string | undefined,
    signal: AbortSignal,
    log: Logger,
  ): Promise<Error> {
    if (error instanceof ReplicationFailedError) {
      log.error({ err: error, stack: error.threadStack }, 'replication failed in the model');
      return new UnrecoverableError(error.reason);
    }
    if (error instanceof ReplicationStoppedError) {
      if (signal.reason instanceof RunCancelledError) {
        log.info('replication stopped: run cancelled');
        return signal.reason;
      }
      // Shutting down: give the job back so another worker runs it now, not after the lock expires.
      try {
        await job.moveToWait(token);
        log.info('replication handed back to the queue (worker shutting down)');
        return new WaitingError();
      } catch (moveError) {
        log.warn({ err: moveError }, 'could not hand the replication back; its lock will expire');
        return error;
      }
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}
