// The parent job of a run. It runs when every replication enqueued so far has finished: a
// precision run then decides on the index-ordered prefix whether to add another round of
// children (and waits for them again); otherwise it aggregates. The api persists the results.
import { Inject, Injectable } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { InjectQueue } from '@nestjs/bullmq';
import type { AppConfig, Logger } from '@caretwin/config';
import { aggregate } from '@caretwin/model';
import type { ReplicationResult } from '@caretwin/contracts';
import {
  REPLICATIONS_QUEUE,
  UnknownPrecisionKpiError,
  decideAfterRound,
  jobExecution,
  packJson,
  replicationJob,
  unpackJson,
  type AggregateJobData,
  type AggregateJobResult,
  type ReplicationJobResult,
} from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { CancelFlags } from './cancel-flags';
import { parseAggregateJobData } from './job-data';
import { RunCancelledError } from './job-errors';
import { WorkerLifecycle } from './worker-lifecycle';

@Injectable()
export class AggregateJobService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @InjectQueue(REPLICATIONS_QUEUE) private readonly queue: Queue,
    private readonly cancelFlags: CancelFlags,
    private readonly lifecycle: WorkerLifecycle,
  ) {}

  async run(job: Job, token: string | undefined): Promise<AggregateJobResult> {
    const data = parseAggregateJobData(job.data);
    const log = this.logger.child({ runId: data.runId, jobId: job.id });
    if (await this.cancelFlags.isCancelled(data.runId)) throw new RunCancelledError();
    const startedAt = new Date();

    let enqueued = data.enqueued;
    const roundsFor = (n: number): number =>
      data.plan.mode === 'fixed' ? 1 : Math.ceil(n / data.plan.roundSize);
    for (;;) {
      const results = await this.childResults(job, enqueued.length);
      let decision;
      try {
        decision = decideAfterRound(data.plan, results);
      } catch (error) {
        if (error instanceof UnknownPrecisionKpiError) throw new UnrecoverableError(error.message);
        throw error;
      }
      if (decision.done) {
        const sorted = results.sort((a, b) => a.replication - b.replication);
        const packed = packJson(aggregate(sorted));
        const rounds = roundsFor(sorted.length);
        log.info({ replications: sorted.length, rounds }, 'run aggregated');
        return {
          aggregate: packed,
          replicationIndices: sorted.map((r) => r.replication),
          rounds,
          execution: jobExecution(job, this.lifecycle.workerId, startedAt, new Date()),
        };
      }
      // Adding a child whose id exists is a no-op, so a retry after a crash here is harmless.
      for (const replicationIndex of decision.next) {
        const child = replicationJob(data.runId, replicationIndex, this.config.runs.attempts);
        await this.queue.add(child.name, child.data, {
          ...child.opts,
          parent: { id: job.id as string, queue: job.queueQualifiedName },
        });
      }
      enqueued = [...enqueued, ...decision.next];
      const next: AggregateJobData = { ...data, enqueued };
      await job.updateData(next);
      log.info(
        { next: decision.next.length, total: enqueued.length },
        'precision not reached: another round',
      );
      if (await job.moveToWaitingChildren(token ?? '')) throw new WaitingChildrenError();
      // The new children finished already (fast workers): decide again right away.
    }
  }

  /** Results of replications 0..n-1 (the index-ordered prefix the decision is made on). */
  private async childResults(job: Job, n: number): Promise<ReplicationResult[]> {
    const values = await job.getChildrenValues<ReplicationJobResult>();
    const results = Object.values(values)
      .filter((v) => v.replication < n)
      .map((v) => unpackJson(v.result));
    if (results.length !== n)
      throw new Error(`expected ${n} replication results, found ${results.length}; retrying`);
    return results;
  }
}
