// The live-progress contract between workers and the api, through Redis (no Redis client here:
// key names, the fold and read scripts and their encodings). Workers fold each simulated day of
// each replication into a per-run band in Redis (atomically, once per (replication, day) even
// when a replication is retried), then publish the run id; the api reads what changed in one
// script call and fans it out, throttled, over socket.io. The state lives in Redis, so an api
// restart loses nothing.
import type {
  BandColumns,
  BandPoint,
  BandSeries,
  DaySnapshot,
  ReplicationProgress,
  ResultBedFunction,
  RunCounters,
} from '@caretwin/contracts';

export interface LiveKeys {
  /** hash: day → JSON [n, sum₀, min₀, max₀, capacity₀, sum₁, …] over the replications that reached it */
  band: string;
  /** hash: replication → last day folded into the band (days are folded in order, without gaps) */
  reached: string;
  /** hash: replication → "day|totalDays|done" of its latest report (the current attempt) */
  reps: string;
  /** hash: replication → JSON RunCounters of its latest report */
  counters: string;
  /** JSON ["area|function", …]: the order of the series in `band` */
  series: string;
  /** the run's event sequence number (INCR) */
  seq: string;
}

export function liveKeys(prefix: string, runId: string): LiveKeys {
  const base = `${prefix}:caretwin:live:${runId}`;
  return {
    band: `${base}:band`,
    reached: `${base}:reached`,
    reps: `${base}:reps`,
    counters: `${base}:counters`,
    series: `${base}:series`,
    seq: `${base}:seq`,
  };
}

/** Pub/sub channel on which workers announce "run <id> has news" (the message is the run id). */
export function liveChannel(prefix: string): string {
  return `${prefix}:caretwin:live`;
}

/** Hash of one worker process's figures (heartbeat with a TTL), for the api's /metrics. */
export function workerStatsKey(prefix: string, workerId: string): string {
  return `${prefix}:caretwin:workers:${workerId}`;
}

/** Sorted set: worker id → time of its last heartbeat (ms). */
export function workersIndexKey(prefix: string): string {
  return `${prefix}:caretwin:workers`;
}

/**
 * Folds days of one replication into the band. KEYS: band, reached, reps, counters, series.
 * ARGV: replication, series JSON, rows JSON ([[day, inUse₀, capacity₀, inUse₁, …], …] ascending),
 * "day|totalDays|done", counters JSON or '', TTL seconds. Only the day right after the last one
 * folded is taken, so a retried replication (same days, same values: the model is
 * deterministic) adds nothing twice and a band day never misses a replication in between.
 * Answers the last day folded.
 */
export const FOLD_DAYS_LUA = `
local rep = ARGV[1]
local reached = tonumber(redis.call('HGET', KEYS[2], rep) or '0')
redis.call('SET', KEYS[5], ARGV[2], 'NX')
local rows = cjson.decode(ARGV[3])
local top = reached
for _, row in ipairs(rows) do
  local day = row[1]
  if day == top + 1 then
    local field = tostring(day)
    local cur = redis.call('HGET', KEYS[1], field)
    local k = (#row - 1) / 2
    local acc
    if cur then
      acc = cjson.decode(cur)
      acc[1] = acc[1] + 1
      for i = 0, k - 1 do
        local v = row[2 + 2 * i]
        local b = 2 + 4 * i
        acc[b] = acc[b] + v
        if v < acc[b + 1] then acc[b + 1] = v end
        if v > acc[b + 2] then acc[b + 2] = v end
        acc[b + 3] = row[3 + 2 * i]
      end
    else
      acc = { 1 }
      for i = 0, k - 1 do
        local v = row[2 + 2 * i]
        local n = #acc
        acc[n + 1] = v
        acc[n + 2] = v
        acc[n + 3] = v
        acc[n + 4] = row[3 + 2 * i]
      end
    end
    redis.call('HSET', KEYS[1], field, cjson.encode(acc))
    top = day
  end
end
if top > reached then redis.call('HSET', KEYS[2], rep, top) end
redis.call('HSET', KEYS[3], rep, ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[4], rep, ARGV[5]) end
for i = 1, 5 do redis.call('EXPIRE', KEYS[i], ARGV[6]) end
return top
`;

/**
 * Next sequence number of a run. KEYS: seq. ARGV: floor, TTL seconds. A missing counter (first
 * event, or lost with Redis) starts at the floor — the api passes 1000 × now in ms — so numbers
 * keep increasing even across a Redis that forgot the key (far fewer than 1000 events per ms).
 */
export const NEXT_SEQ_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local seq = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return seq
`;

/**
 * One read of a run's live state for the api's fan-out, in a single round trip (it was four
 * calls and a store write per message). KEYS: reached, reps, counters, series, band, seq. ARGV:
 * mode 'all' (a snapshot: every band day) or 'delta'; the cursor JSON {replication: last day
 * taken}; JSON [days left over from the previous message]; the most band days to return; the
 * seq floor; TTL seconds. In 'delta' mode the pending days are every day a replication reached
 * past the cursor, plus the left-over ones, ascending. Answers [reached, reps, counters (flat
 * field/value lists), series JSON or false, pending days (all: every band day), accumulators of
 * the first `most` pending days (all: of every day), the next seq (NEXT_SEQ_LUA's rule)].
 */
export const LIVE_READ_LUA = `
local reached = redis.call('HGETALL', KEYS[1])
local reps = redis.call('HGETALL', KEYS[2])
local counters = redis.call('HGETALL', KEYS[3])
local series = redis.call('GET', KEYS[4])
local days = {}
local values = {}
if ARGV[1] == 'all' then
  local band = redis.call('HGETALL', KEYS[5])
  for i = 1, #band, 2 do
    days[#days + 1] = band[i]
    values[#values + 1] = band[i + 1]
  end
else
  local cursor = cjson.decode(ARGV[2])
  local wanted = {}
  for _, d in ipairs(cjson.decode(ARGV[3])) do wanted[tonumber(d)] = true end
  for i = 1, #reached, 2 do
    local from = tonumber(cursor[reached[i]] or 0)
    for d = from + 1, tonumber(reached[i + 1]) do wanted[d] = true end
  end
  local list = {}
  for d in pairs(wanted) do list[#list + 1] = d end
  table.sort(list)
  local take = {}
  for i = 1, math.min(tonumber(ARGV[4]), #list) do take[i] = tostring(list[i]) end
  if #take > 0 then values = redis.call('HMGET', KEYS[5], unpack(take)) end
  for i = 1, #list do days[i] = tostring(list[i]) end
end
if redis.call('EXISTS', KEYS[6]) == 0 then redis.call('SET', KEYS[6], ARGV[5]) end
local seq = redis.call('INCR', KEYS[6])
redis.call('EXPIRE', KEYS[6], ARGV[6])
return { reached, reps, counters, series, days, values, seq }
`;

/** Band accumulators of some days: [day, [n, sum₀, min₀, max₀, capacity₀, …]] ascending. */
export type BandDays = Array<[number, number[]]>;

export interface SeriesId {
  area: string;
  function: ResultBedFunction;
}

const seriesName = (s: SeriesId): string => `${s.area}|${s.function}`;

export function encodeLiveSeries(series: SeriesId[]): string {
  return JSON.stringify(series.map(seriesName));
}

export function decodeLiveSeries(text: string | null): SeriesId[] {
  if (!text) return [];
  return (JSON.parse(text) as string[]).map((name) => {
    const bar = name.lastIndexOf('|');
    return { area: name.slice(0, bar), function: name.slice(bar + 1) as ResultBedFunction };
  });
}

/** The series of a day snapshot, in its order (the same for every day and replication of a run). */
export function seriesOf(snapshot: DaySnapshot): SeriesId[] {
  return snapshot.occupancy.map((o) => ({ area: o.area, function: o.function }));
}

/** Rows for FOLD_DAYS_LUA, values in the order of `series`. */
export function foldRows(series: SeriesId[], snapshots: DaySnapshot[]): number[][] {
  const index = new Map(series.map((s, i) => [seriesName(s), i]));
  return snapshots.map((snapshot) => {
    const row = new Array<number>(1 + 2 * series.length).fill(0);
    row[0] = snapshot.day;
    for (const o of snapshot.occupancy) {
      const i = index.get(seriesName(o));
      if (i === undefined) continue;
      row[1 + 2 * i] = o.inUse;
      row[2 + 2 * i] = o.capacity;
    }
    return row;
  });
}

export function encodeReplicationState(p: Pick<ReplicationProgress, 'day' | 'totalDays' | 'done'>): string {
  return `${p.day}|${p.totalDays}|${p.done ? 1 : 0}`;
}

export function decodeReplicationState(index: number, text: string): ReplicationProgress {
  const [day, totalDays, done] = text.split('|').map(Number);
  return { index, day: day || 0, totalDays: totalDays || 0, done: done === 1 };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** One band point of series `i` from a day's accumulator ([n, sum, min, max, capacity, …]). */
export function bandPoint(day: number, acc: number[], i: number): BandPoint {
  const n = acc[0];
  const b = 1 + 4 * i;
  return { day, n, mean: round2(acc[b] / n), min: acc[b + 1], max: acc[b + 2], capacity: acc[b + 3] };
}

/** Band series from day accumulators (days ascending); days whose accumulator is missing are skipped. */
export function bandSeries(
  series: SeriesId[],
  days: Array<[day: number, acc: number[] | null]>,
): BandSeries[] {
  return series.map((s, i) => ({
    area: s.area,
    function: s.function,
    points: days
      .filter((d): d is [number, number[]] => d[1] !== null && d[1].length >= 5 + 4 * i)
      .map(([day, acc]) => bandPoint(day, acc, i)),
  }));
}

/**
 * Band columns (what socket.io carries) from day accumulators, days ascending; a day whose
 * accumulator does not cover every series is left out.
 */
export function bandColumnsOf(series: SeriesId[], days: BandDays): BandColumns {
  const kept = days.filter(([, acc]) => acc.length >= 1 + 4 * series.length && acc[0] > 0);
  return {
    days: kept.map(([day]) => day),
    n: kept.map(([, acc]) => acc[0]),
    series: series.map((s, i) => {
      const b = 1 + 4 * i;
      return {
        area: s.area,
        function: s.function,
        mean: kept.map(([, acc]) => round2(acc[b] / acc[0])),
        min: kept.map(([, acc]) => acc[b + 1]),
        max: kept.map(([, acc]) => acc[b + 2]),
        capacity: kept.map(([, acc]) => acc[b + 3]),
      };
    }),
  };
}

/** The mean over replications of their running counters (what run.progress carries). */
export function meanCounters(all: RunCounters[]): RunCounters {
  const out: RunCounters = { admissions: 0, refusals: 0, difficultTransports: 0, overflow: 0, leftRegion: 0 };
  if (all.length === 0) return out;
  for (const c of all)
    for (const key of Object.keys(out) as Array<keyof RunCounters>) out[key] += c[key] ?? 0;
  for (const key of Object.keys(out) as Array<keyof RunCounters>) out[key] = round2(out[key] / all.length);
  return out;
}
