// The queue's event stream, seen by the api: which replication started, how far it is, what it
// returned, what failed. Decorated as a @QueueEventsListener at boot (RunsModule.forRoot).
import { Inject, Injectable } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost } from '@nestjs/bullmq';
import type { Logger } from '@caretwin/config';
import { parseJobId, type ReplicationJobResult } from '@caretwin/runner';
import { APP_LOGGER } from '../config/config.tokens';
import { RunLifecycleService, type ReplicationProgressView } from './run-lifecycle.service';

function isProgress(data: unknown): data is ReplicationProgressView {
  if (typeof data !== 'object' || data === null) return false;
  const p = data as Record<string, unknown>;
  return typeof p.replication === 'number' && typeof p.day === 'number' && typeof p.totalDays === 'number' && typeof p.percent === 'number';
}

function isReplicationValue(value: unknown): value is ReplicationJobResult {
  return typeof value === 'object' && value !== null && typeof (value as { replication?: unknown }).replication === 'number' && 'result' in value;
}

@Injectable()
export class RunEventsListener extends QueueEventsHost {
  constructor(
    private readonly lifecycle: RunLifecycleService,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  @OnQueueEvent('active')
  onActive({ jobId }: { jobId: string }): void {
    const parsed = parseJobId(jobId);
    if (parsed?.kind === 'replication') this.lifecycle.onActive(parsed.runId);
  }

  @OnQueueEvent('progress')
  onProgress({ jobId, data }: { jobId: string; data: unknown }): void {
    const parsed = parseJobId(jobId);
    if (parsed?.kind === 'replication' && isProgress(data)) this.lifecycle.onProgress(parsed.runId, data);
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void {
    const parsed = parseJobId(jobId);
    if (!parsed) return;
    const value: unknown = typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue;
    if (parsed.kind === 'replication' && isReplicationValue(value)) this.lifecycle.onReplicationCompleted(parsed.runId, value);
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
