// Live progress over socket.io (DESIGN.md "The service"): one event map shared by the api's
// gateway, the dashboard and the tests. Every acknowledgement is `{ data } | { error }`.
// Every run event carries a per-run sequence number `seq`; a client drops anything whose seq
// is not newer than what it applied, and re-subscribes on every reconnect. Each message
// stays under 64 KiB.

import type { ResultBedFunction } from './result';

export type RunStateName = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** Progress of one replication. */
export interface ReplicationProgress {
  index: number;
  /** simulated days completed (warm-up included) */
  day: number;
  totalDays: number;
  done: boolean;
}

/**
 * One point of the live occupancy band of an area × function: over the `n` replications that
 * have reached `day`, the mean, min and max of beds in use (utilisation = inUse / capacity).
 */
export interface BandPoint {
  day: number;
  n: number;
  mean: number;
  min: number;
  max: number;
  capacity: number;
}

export interface BandSeries {
  area: string;
  function: ResultBedFunction;
  points: BandPoint[];
}

export interface RunCounters {
  admissions: number;
  refusals: number;
  difficultTransports: number;
  overflow: number;
  leftRegion: number;
}

/** What `run.progress` carries; `band` holds only points newer than the previous event. */
export interface RunProgressEvent {
  runId: string;
  seq: number;
  state: RunStateName;
  percent: number;
  replications: ReplicationProgress[];
  /** summed over replications that reported (means of running counters) */
  counters: RunCounters;
  band: BandSeries[];
}

/** The latest state of a run, sent in the subscribe acknowledgement (full band, downsampled to fit). */
export interface RunSnapshot extends RunProgressEvent {
  /** true when `band` holds every point so far */
  complete: boolean;
}

export interface RunEndEvent {
  runId: string;
  seq: number;
  state: Exclude<RunStateName, 'queued' | 'running'>;
  reason?: string;
}

export type Ack<T> = { data: T } | { error: { code: string; message: string } };

export interface ServerToClientEvents {
  'run.progress': (event: RunProgressEvent) => void;
  'run.completed': (event: RunEndEvent) => void;
  'run.failed': (event: RunEndEvent) => void;
  'run.cancelled': (event: RunEndEvent) => void;
}

export interface ClientToServerEvents {
  'run.subscribe': (payload: { runId: string }, ack: (reply: Ack<RunSnapshot>) => void) => void;
  'run.unsubscribe': (payload: { runId: string }, ack: (reply: Ack<{ runId: string }>) => void) => void;
}
