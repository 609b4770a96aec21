// Live progress over socket.io (docs/architecture.md "Socket events"): one event map shared by the api's
// gateway, the dashboard and the tests. Every acknowledgement is `{ data } | { error }`.
// Every run event carries a per-run sequence number `seq` and `prev`, the seq its delta builds on:
// the subscribe acknowledgement holds the full snapshot, each `run.progress` only the band points
// that changed since the previous event. A client drops anything whose seq is not newer than
// what it applied, subscribes again (for a snapshot) when an event's `prev` is newer than what it
// holds (it missed one: a gap), and re-subscribes on every reconnect. Each message stays under
// 64 KiB; the api sends at most 10 run events per second per run.
// `applyEvent` / `applySnapshot` (live-run.ts) merge them; `createRunClient` (run-client.ts)
// does the subscribing for a socket.io client.

import type { RunState } from './domain';
import type { ResultBedFunction } from './result';

/** The run states of domain.ts, under the name the event map has used. */
export type RunStateName = RunState;

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

/**
 * Band points on the wire, by column (a point as `BandPoint` objects costs about four times the
 * bytes): `days` ascending, `n[i]` the replications that reached `days[i]` (the same for every
 * series: a replication folds all series of a day at once), and per series one value per day in
 * each column. `bandPoints` (live-run.ts) turns it back into `BandSeries`.
 */
export interface BandColumns {
  days: number[];
  n: number[];
  series: Array<{
    area: string;
    function: ResultBedFunction;
    mean: number[];
    min: number[];
    max: number[];
    capacity: number[];
  }>;
}

/**
 * What `run.progress` carries: a delta. `band` holds only the points that changed since the
 * previous event of the run (a day's point changes each time another replication reaches that
 * day): merge them by (area, function, day), replacing. `replications` likewise holds only the
 * replications whose progress changed (merge by `index`); the snapshot holds all of them.
 */
export interface RunProgressEvent {
  runId: string;
  seq: number;
  /**
   * The seq this delta builds on (the run's previous event, or the snapshot the api started
   * from): a client holding less than `prev` missed an event and subscribes again.
   */
  prev: number;
  state: RunState;
  /** 0–100 over the planned replications (100 only once completed) */
  percent: number;
  replications: ReplicationProgress[];
  /** the mean over the replications that reported of their running counters (after warm-up) */
  counters: RunCounters;
  band: BandColumns;
  /** when the api sent it (ms since the epoch); added to the original map for rate checks */
  at: number;
}

/** The latest state of a run, sent in the subscribe acknowledgement (full band, downsampled to fit). */
export interface RunSnapshot extends Omit<RunProgressEvent, 'prev'> {
  /** true when `band` holds every point so far */
  complete: boolean;
  /** band days kept: every day (1), or every k-th day when the full band would not fit in a message */
  bandStride: number;
  /** warm-up days of the run's scenario (band days 1..warmupDays are warm-up) */
  warmupDays: number;
  /** warm-up + horizon days */
  totalDays: number;
  /** why a failed or cancelled run ended */
  reason?: string;
}

export interface RunEndEvent {
  runId: string;
  seq: number;
  /** the seq of the run's last progress event (or snapshot) before it: as `RunProgressEvent.prev` */
  prev: number;
  state: Exclude<RunState, 'queued' | 'running'>;
  reason?: string;
  /** when the api sent it (ms since the epoch) */
  at: number;
}

export const RUN_EVENT_NAMES = ['run.progress', 'run.completed', 'run.failed', 'run.cancelled'] as const;
export type RunEventName = (typeof RUN_EVENT_NAMES)[number];

/**
 * Error codes of an acknowledgement: REQUEST_INVALID (payload did not parse), NOT_FOUND (no such
 * run), LIVE_UNAVAILABLE (Redis away: subscribe again shortly), INTERNAL.
 */
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
