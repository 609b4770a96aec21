// Persists each active run's progress to the store on its own cadence, whoever watches: on the
// workers' notices it reads the replications' progress from Redis and writes progress.percent
// (and the replications planned) at most once a second per run, the last report of a burst when
// the second is up. When a run ends it keeps the run's live state in Redis for
// LIVE_RETENTION_S (snapshots of finished runs). Its one job is the store; fanning progress out
// to sockets is the LiveFanout's, which never writes.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@caretwin/config';
import { FINISHED_STATES } from '@caretwin/contracts';
import { APP_LOGGER } from '../config/config.tokens';
import { LiveStateStore } from '../queue/live-state.store';
import { RunLifecycleService } from '../runs/run-lifecycle.service';
import { RunOutcomes } from '../runs/run-outcomes';
import { RunsRepository } from '../store/runs.repository';
import { LiveNotices } from './live-notices';

/** The store's progress.percent is written at most this often per run (the fan-out is faster). */
export const PROGRESS_WRITE_INTERVAL_MS = 1000;

interface Recording {
  lastAt: number;
  timer?: NodeJS.Timeout;
  /** a write is reading Redis: news meanwhile asks for one more */
  busy: boolean;
  again: boolean;
}

@Injectable()
export class ProgressRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly recordings = new Map<string, Recording>();
  private readonly stops: Array<() => void> = [];

  constructor(
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly runs: RunsRepository,
    private readonly live: LiveStateStore,
    private readonly lifecycle: RunLifecycleService,
    private readonly notices: LiveNotices,
    private readonly outcomes: RunOutcomes,
  ) {}

  onApplicationBootstrap(): void {
    this.stops.push(
      this.notices.onNews((runId) => this.touch(runId)),
      this.outcomes.onEnded(({ runId }) => {
        this.forget(runId);
        void this.live.retain(runId).catch(() => undefined);
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const runId of [...this.recordings.keys()]) this.forget(runId);
  }

  /** News of a run: its progress is written now, or when its second is up. */
  touch(runId: string): void {
    let recording = this.recordings.get(runId);
    if (!recording) {
      recording = { lastAt: 0, busy: false, again: false };
      this.recordings.set(runId, recording);
    }
    const entry = recording;
    if (entry.busy) entry.again = true;
    if (entry.timer || entry.busy) return;
    const wait = Math.max(0, entry.lastAt + PROGRESS_WRITE_INTERVAL_MS - Date.now());
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.busy = true;
      entry.lastAt = Date.now();
      void this.record(runId).finally(() => {
        entry.busy = false;
        if (entry.again && this.recordings.get(runId) === entry) {
          entry.again = false;
          this.touch(runId);
        }
      });
    }, wait);
    entry.timer.unref();
  }

  private forget(runId: string): void {
    clearTimeout(this.recordings.get(runId)?.timer);
    this.recordings.delete(runId);
  }

  private async record(runId: string): Promise<void> {
    if (!this.isActive(runId)) return this.forget(runId);
    const progress = await this.live.progress(runId).catch((error: Error) => {
      this.logger.debug({ runId, err: error.message }, 'progress not read (Redis away); next notice');
      return undefined;
    });
    // It may have ended while Redis answered: a finished run keeps the percent it ended with.
    const run = this.runs.summary(runId);
    if (!progress || !run || FINISHED_STATES.has(run.state)) return;
    const planned = Math.max(run.replicationsPlanned, ...progress.replications.map((r) => r.index + 1));
    this.runs.setProgress(
      runId,
      this.lifecycle.percentOf(run, progress.replications),
      planned,
      new Date().toISOString(),
    );
  }

  private isActive(runId: string): boolean {
    const run = this.runs.summary(runId);
    return run !== undefined && !FINISHED_STATES.has(run.state);
  }
}
