// A replication job carries only (run id, index); the run's input sits once on its parent job.
// The worker keeps the last few inputs so the replications of one run fetch it once.
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { REPLICATIONS_QUEUE, type AggregateJobData } from '@caretwin/runner';
import { parseAggregateJobData } from './job-data';

const KEEP = 4;

@Injectable()
export class RunInputCache {
  private readonly entries = new Map<string, Promise<AggregateJobData>>();

  constructor(@InjectQueue(REPLICATIONS_QUEUE) private readonly queue: Queue) {}

  /** The parent's data for `parentJobId`; a missing parent means the run was removed (cancelled). */
  get(parentJobId: string): Promise<AggregateJobData> {
    const hit = this.entries.get(parentJobId);
    if (hit) return hit;
    const loading = this.load(parentJobId);
    this.entries.set(parentJobId, loading);
    // A failed load (Redis away) must not stay cached.
    loading.catch(() => this.entries.delete(parentJobId));
    while (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }

  private async load(parentJobId: string): Promise<AggregateJobData> {
    const parent = await Job.fromId(this.queue, parentJobId);
    if (!parent)
      throw new UnrecoverableError(
        `run input missing: parent job ${parentJobId} no longer exists (run removed or cancelled)`,
      );
    return parseAggregateJobData(parent.data);
  }
}
