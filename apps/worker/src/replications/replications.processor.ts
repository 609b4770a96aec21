// The one processor of the replications queue (official @nestjs/bullmq WorkerHost): parse the
// job name, hand the job to the service for it. Options (concurrency, locks) are applied from
// the parsed config when the module is built (ReplicationsModule.forRoot).
import { Inject, Injectable } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import {
  JOB_AGGREGATE,
  JOB_REPLICATION,
  type AggregateJobResult,
  type ReplicationJobResult,
  type RunJobName,
} from '@caretwin/runner';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { AggregateJobService } from './aggregate-job.service';
import { ReplicationJobService } from './replication-job.service';

function isRunJobName(name: string): name is RunJobName {
  return name === JOB_REPLICATION || name === JOB_AGGREGATE;
}

@Injectable()
export class ReplicationsProcessor extends WorkerHost {
  constructor(
    private readonly replications: ReplicationJobService,
    private readonly aggregates: AggregateJobService,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  /** Connection trouble (Redis away): logged; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'worker connection error');
  }

  async process(job: Job, token?: string): Promise<ReplicationJobResult | AggregateJobResult> {
    if (!isRunJobName(job.name)) throw new UnrecoverableError(`unknown job name "${job.name}"`);
    const name: RunJobName = job.name;
    switch (name) {
      case JOB_REPLICATION:
        return this.replications.run(job, token);
      case JOB_AGGREGATE:
        return this.aggregates.run(job, token);
      default: {
        const unreachable: never = name;
        throw new UnrecoverableError(`unhandled job name "${String(unreachable)}"`);
      }
    }
  }
}
