// The live state of one run as a client sees it, and the one way to change it: a snapshot (from
// the subscribe acknowledgement) or a run event, each applied only when its `seq` is newer than
// the last one applied and its `prev` (the seq its delta builds on) is not newer than that: an
// event whose `prev` is newer is a gap (an event was missed) and the client needs a snapshot.
// Shared by the dashboard, the typed client and the tests, so they all merge alike. Pure
// functions: the state passed in is never modified.
import type {
  BandColumns,
  BandPoint,
  BandSeries,
  ReplicationProgress,
  RunCounters,
  RunEndEvent,
  RunEventName,
  RunProgressEvent,
  RunSnapshot,
} from './socket';
import { FINISHED_STATES, type RunState } from './domain';

export interface LiveRunState {
  runId: string;
  /** seq of the last snapshot or event applied */
  seq: number;
  state: RunState;
  percent: number;
  /** every replication that reported, ascending index */
  replications: ReplicationProgress[];
  counters: RunCounters;
  /** one entry per area × function, points ascending by day */
  band: BandSeries[];
  /** true when `band` holds every day reached so far (false after a downsampled snapshot until the gaps fill) */
  complete: boolean;
  /** band stride of the snapshot the state started from (1: every day; see RunSnapshot) */
  bandStride: number;
  warmupDays: number;
  totalDays: number;
  reason?: string;
  /** `at` of the last message applied (ms since the epoch, the api's clock) */
  at: number;
}

export type RunEventMessage =
  | { name: 'run.progress'; event: RunProgressEvent }
  | { name: Exclude<RunEventName, 'run.progress'>; event: RunEndEvent };

/**
 * Why a message was not applied: not newer than the state, another run, the run is over, no
 * snapshot yet, or a gap (the event builds on a seq the state has not reached: subscribe again).
 */
export type Outcome = 'applied' | 'stale' | 'other-run' | 'finished' | 'no-snapshot' | 'gap';

export interface Applied {
  state: LiveRunState;
  outcome: Outcome;
}

export function isFinished(state: Pick<LiveRunState, 'state'>): boolean {
  return FINISHED_STATES.has(state.state);
}

const seriesKey = (s: Pick<BandSeries, 'area' | 'function'>): string => `${s.area}\u0000${s.function}`;

/** The band series of points on the wire (`BandColumns`); a series keeps the order of the columns. */
export function bandPoints(columns: BandColumns): BandSeries[] {
  return columns.series.map((s) => ({
    area: s.area,
    function: s.function,
    points: columns.days.map((day, i) => ({
      day,
      n: columns.n[i],
      mean: s.mean[i],
      min: s.min[i],
      max: s.max[i],
      capacity: s.capacity[i],
    })),
  }));
}

/**
 * The wire form of band series whose points are on the same days (as the api sends them); days
 * a series lacks are left out of every series.
 */
export function bandColumns(band: BandSeries[]): BandColumns {
  const first = band[0]?.points ?? [];
  const days = first
    .map((p) => p.day)
    .filter((day) => band.every((s) => s.points.some((p) => p.day === day)));
  const at = (s: BandSeries): BandPoint[] =>
    days.map((day) => s.points.find((p) => p.day === day) as BandPoint);
  return {
    days,
    n: at(band[0] ?? { area: '', function: 'acute', points: [] }).map((p) => p.n),
    series: band.map((s) => {
      const points = at(s);
      return {
        area: s.area,
        function: s.function,
        mean: points.map((p) => p.mean),
        min: points.map((p) => p.min),
        max: points.map((p) => p.max),
        capacity: points.map((p) => p.capacity),
      };
    }),
  };
}

/** Points merged by day, the incoming one replacing a known day; both inputs ascending. */
function mergePoints(known: BandPoint[], incoming: BandPoint[]): BandPoint[] {
  if (incoming.length === 0) return known;
  const out: BandPoint[] = [];
  let i = 0;
  let j = 0;
  const sorted = [...incoming].sort((a, b) => a.day - b.day);
  while (i < known.length || j < sorted.length) {
    if (j >= sorted.length || (i < known.length && known[i].day < sorted[j].day)) out.push(known[i++]);
    else {
      if (i < known.length && known[i].day === sorted[j].day) i++;
      out.push(sorted[j++]);
    }
  }
  return out;
}

/** The band with `incoming` points merged in; series the state has not seen are added in order. */
export function mergeBand(band: BandSeries[], incoming: BandSeries[]): BandSeries[] {
  if (incoming.length === 0) return band;
  const byKey = new Map(band.map((s) => [seriesKey(s), s]));
  const out = [...band];
  for (const series of incoming) {
    const key = seriesKey(series);
    const known = byKey.get(key);
    if (!known) {
      const added = { area: series.area, function: series.function, points: mergePoints([], series.points) };
      byKey.set(key, added);
      out.push(added);
    } else {
      const merged = { ...known, points: mergePoints(known.points, series.points) };
      byKey.set(key, merged);
      out[out.indexOf(known)] = merged;
    }
  }
  return out;
}

function mergeReplications(
  known: ReplicationProgress[],
  incoming: ReplicationProgress[],
): ReplicationProgress[] {
  if (incoming.length === 0) return known;
  const byIndex = new Map(known.map((r) => [r.index, r]));
  for (const r of incoming) byIndex.set(r.index, r);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Every series holds days 1..its last day, and all series end on the same day. */
export function bandIsContiguous(band: BandSeries[]): boolean {
  let last: number | undefined;
  for (const series of band) {
    const n = series.points.length;
    const end = n === 0 ? 0 : series.points[n - 1].day;
    if (end !== n || (n > 0 && series.points[0].day !== 1)) return false;
    if (last !== undefined && end !== last) return false;
    last = end;
  }
  return true;
}

export function fromSnapshot(snapshot: RunSnapshot): LiveRunState {
  return {
    runId: snapshot.runId,
    seq: snapshot.seq,
    state: snapshot.state,
    percent: snapshot.percent,
    replications: [...snapshot.replications].sort((a, b) => a.index - b.index),
    counters: snapshot.counters,
    band: mergeBand([], bandPoints(snapshot.band)),
    complete: snapshot.complete,
    bandStride: snapshot.bandStride,
    warmupDays: snapshot.warmupDays,
    totalDays: snapshot.totalDays,
    ...(snapshot.reason !== undefined ? { reason: snapshot.reason } : {}),
    at: snapshot.at,
  };
}

/** A snapshot replaces the state when it is newer (or there is none yet). */
export function applySnapshot(
  state: LiveRunState | undefined,
  snapshot: RunSnapshot,
): Applied | { state: undefined; outcome: Outcome } {
  if (state && state.runId !== snapshot.runId) return { state, outcome: 'other-run' };
  if (state && snapshot.seq <= state.seq) return { state, outcome: 'stale' };
  return { state: fromSnapshot(snapshot), outcome: 'applied' };
}

/**
 * Applies a run event when its seq is newer than the state's and the seq it builds on (`prev`)
 * is not: an event with a newer `prev` is a 'gap' (the state missed the delta before it) and is
 * not applied — the client subscribes again for a snapshot. A run that ended takes no more
 * progress (the api sends none after the end event; this guards against a stale reorder).
 */
export function applyEvent(state: LiveRunState, message: RunEventMessage): Applied {
  const { event } = message;
  if (event.runId !== state.runId) return { state, outcome: 'other-run' };
  if (event.seq <= state.seq) return { state, outcome: 'stale' };
  if (isFinished(state)) return { state, outcome: 'finished' };
  if (event.prev > state.seq) return { state, outcome: 'gap' };
  if (message.name === 'run.progress') {
    const progress = message.event;
    const band = mergeBand(state.band, bandPoints(progress.band));
    return {
      outcome: 'applied',
      state: {
        ...state,
        seq: progress.seq,
        state: progress.state,
        percent: progress.percent,
        replications: mergeReplications(state.replications, progress.replications),
        counters: progress.counters,
        band,
        complete: state.complete || bandIsContiguous(band),
        at: progress.at,
      },
    };
  }
  const end = message.event;
  return {
    outcome: 'applied',
    state: {
      ...state,
      seq: end.seq,
      state: end.state,
      percent: end.state === 'completed' ? 100 : state.percent,
      ...(end.reason !== undefined ? { reason: end.reason } : {}),
      at: end.at,
    },
  };
}
