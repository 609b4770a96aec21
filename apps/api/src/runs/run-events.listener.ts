// The queue's event stream, seen by the api: which replication started, what it returned, what
// failed. (Progress travels apart, through the live state in Redis: see the live module.)
// Decorated as a @QueueEventsListener at boot (RunsModule.forRoot).
import { Inject, Injectable } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost } from '@nestjs/bullmq';
import type { Logger } from '@caretwin/config';
import { parseJobId, type ReplicationJobResult } from '@caretwin/runner';
import { APP_LOGGER } from '../config/config.tokens';
import { ServiceMetrics } from '../metrics/service-metrics';
import { RunLifecycleService } from './run-lifecycle.service';

function isReplicationValue(value: unknown): value is ReplicationJobResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { replication?: unknown }).replication === 'number' &&
    'result' in value
  );
}

@Injectable()
export class RunEventsListener extends QueueEventsHost {
  constructor(
    private readonly lifecycle: RunLifecycleService,
    private readonly metrics: ServiceMetrics,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  @OnQueueEvent('active')
  onActive({ jobId }: { jobId: string }): void {
    const parsed = parseJobId(jobId);
    if (parsed?.kind === 'replication') this.lifecycle.onActive(parsed.runId);
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void {
    const parsed = parseJobId(jobId);
    if (!parsed) return;
    const value: unknown = typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue;
    if (parsed.kind === 'replication' && isReplicationValue(value)) {
      // The worker's own figures travel in the job's return value (it may run on another machine).
      this.metrics.observeReplication(value.execution?.durationMs, value.events);
      this.lifecycle.onReplicationCompleted(parsed.runId, value);
    }
    // The run's outcome is read back from its parent job by the same sync the reconciler uses,
    // so an event and a reconcile pass can never both act on one run.
    else if (parsed.kind === 'aggregate') void this.lifecycle.sync(parsed.runId);
  }

  @OnQueueEvent('failed')
  onFailed({ jobId }: { jobId: string }): void {
    const parsed = parseJobId(jobId);
    if (parsed?.kind === 'aggregate') void this.lifecycle.sync(parsed.runId);
  }

  @OnQueueEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'queue events connection error');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
