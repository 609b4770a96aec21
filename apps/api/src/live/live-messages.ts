// Building the socket.io messages of a run so each fits in LIVE_MAX_MESSAGE_BYTES: a progress
// event (a delta) takes as many of the pending band days as fit (oldest first; the rest go in
// the next one), a snapshot keeps every k-th day when the whole band would not fit. The band
// travels by column (`BandColumns`). Pure functions.
import type { ReplicationProgress, RunProgressEvent, RunSnapshot } from '@caretwin/contracts';
import { bandColumnsOf, type BandDays, type SeriesId } from '@caretwin/runner';

/** Room left for socket.io's framing (`42["run.progress",…]`, `43<id>[{"data":…}]`). */
export const FRAMING_BYTES = 512;

/** Bytes of the JSON text of a value (what socket.io puts on the wire, framing aside). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export type ProgressBase = Omit<RunProgressEvent, 'band'>;

/**
 * The progress event with the longest prefix of `days` whose message fits in `budget` bytes
 * (binary search on the count; bytes grow with it). `sent` says how many days it holds, `bytes`
 * the event's JSON size.
 */
export function fitProgress(
  base: ProgressBase,
  series: SeriesId[],
  days: BandDays,
  budget: number,
): { event: RunProgressEvent; sent: number; bytes: number } {
  const build = (count: number): RunProgressEvent => ({
    ...base,
    band: bandColumnsOf(series, days.slice(0, count)),
  });
  let event = build(days.length);
  let bytes = jsonBytes(event);
  if (bytes <= budget) return { event, sent: days.length, bytes };
  let lo = 0; // fits
  let hi = days.length; // does not fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (jsonBytes(build(mid)) <= budget) lo = mid;
    else hi = mid;
  }
  event = build(lo);
  bytes = jsonBytes(event);
  return { event, sent: lo, bytes };
}

export type SnapshotBase = Omit<RunSnapshot, 'band' | 'complete' | 'bandStride'>;

/** Days 1, 1+k, 1+2k, … and the last one. */
export function strided(days: BandDays, stride: number): BandDays {
  if (stride <= 1) return days;
  const last = days.length - 1;
  return days.filter(([day], i) => (day - 1) % stride === 0 || i === last);
}

/**
 * The snapshot with the full band when it fits, else the smallest stride that fits (complete =
 * false); with no band at all when not even two days fit. A snapshot whose replications alone
 * overflow keeps only those still running (the finished ones are in `percent`).
 */
export function fitSnapshot(
  base: SnapshotBase,
  series: SeriesId[],
  days: BandDays,
  budget: number,
): RunSnapshot {
  let replications: ReplicationProgress[] = base.replications;
  const empty = (): RunSnapshot => ({
    ...base,
    replications,
    band: bandColumnsOf(series, []),
    complete: days.length === 0,
    bandStride: days.length === 0 ? 1 : 0,
  });
  if (jsonBytes(empty()) > budget) replications = base.replications.filter((r) => !r.done);
  const withBand = (kept: BandDays, stride: number): RunSnapshot => ({
    ...base,
    replications,
    band: bandColumnsOf(series, kept),
    complete: stride === 1,
    bandStride: stride,
  });
  const full = withBand(days, 1);
  const fullBytes = jsonBytes(full);
  if (fullBytes <= budget) return full;
  const room = Math.max(1, budget - jsonBytes(empty()));
  const perDay = Math.max(1, (fullBytes - jsonBytes(empty())) / Math.max(1, days.length));
  // Start from the stride the average day size suggests, then widen until it fits.
  for (
    let stride = Math.max(2, Math.ceil(days.length / Math.max(1, Math.floor(room / perDay))));
    stride < days.length;
    stride++
  ) {
    const snapshot = withBand(strided(days, stride), stride);
    if (jsonBytes(snapshot) <= budget) return snapshot;
  }
  return empty();
}
