// Day boundaries: phase ends of the next day go to the heap, long-waiting transfers widen, the
// warm-up ends, the daily (area × function) and weekly (hospital) series close, progress gets
// its snapshot and cancellation is polled.
import { BED_FUNCTIONS, MINUTES_PER_DAY } from '@caretwin/contracts';
import type { DaySnapshot } from '@caretwin/contracts';
import { FUNCTIONS } from '../region/region-index';
import type { BedRules } from './bed-rules';
import type { ReplicationState } from './state';

export interface RunOptions {
  /** Called once per simulated day (warm-up included) with a cheap snapshot for progress. */
  onDay?: (day: number, snapshot: DaySnapshot) => void;
  /** Polled once per simulated day; true stops the run (cancellation). */
  shouldStop?: () => boolean;
}

export class DayClock {
  private readonly state: ReplicationState;
  private readonly beds: BedRules;
  private readonly options: RunOptions;

  /** daily mean beds in use and capacity, [(area × 4 + f) × horizonDays + day] */
  readonly dailyInUse: Float64Array;
  readonly dailyCapacity: Float64Array;
  readonly weeks: number;
  /** weekly mean beds in use and capacity per hospital, [h × weeks + week] */
  readonly weeklyInUse: Float64Array;
  readonly weeklyCapacity: Float64Array;
  /** horizon days completed */
  daysDone = 0;
  stopped = false;

  constructor(state: ReplicationState, beds: BedRules, options: RunOptions) {
    this.state = state;
    this.beds = beds;
    this.options = options;
    const A = state.index.areaCount;
    const H = state.index.hospitalCount;
    const days = state.scenario.horizonDays;
    this.dailyInUse = new Float64Array(A * FUNCTIONS * days);
    this.dailyCapacity = new Float64Array(A * FUNCTIONS * days);
    this.weeks = Math.ceil(days / 7);
    this.weeklyInUse = new Float64Array(H * this.weeks);
    this.weeklyCapacity = new Float64Array(H * this.weeks);
  }

  /** The engine's day callback, at the start of day d (d × MINUTES_PER_DAY minutes). */
  readonly onDayBoundary = (d: number): void => {
    const s = this.state;
    s.phaseEnds.flush(d);
    this.beds.widenTransfers();
    const T = d * MINUTES_PER_DAY;
    const w = s.scenario.warmupDays;
    if (d === w && w > 0) s.startMeasuring(T);
    else if (d > w) this.closeDay(d - w - 1, T);
    const { onDay, shouldStop } = this.options;
    if (onDay) onDay(d, this.snapshot(d));
    if (shouldStop && shouldStop() && T < s.endMinutes) {
      this.stopped = true;
      s.sim.stop();
    }
  };

  /** Horizon day j ended at T: its daily means, and the week's when it completes one. */
  private closeDay(j: number, T: number): void {
    const s = this.state;
    const days = s.scenario.horizonDays;
    const n = s.index.areaCount * FUNCTIONS;
    for (let i = 0; i < n; i++) {
      this.dailyInUse[i * days + j] = s.areaLevel.take(i, T) / MINUTES_PER_DAY;
      this.dailyCapacity[i * days + j] = s.areaCapacity.take(i, T) / MINUTES_PER_DAY;
    }
    this.daysDone = j + 1;
    if (this.daysDone % 7 === 0) this.closeWeek(this.daysDone / 7 - 1, 7, T);
  }

  private closeWeek(week: number, days: number, T: number): void {
    const s = this.state;
    const H = s.index.hospitalCount;
    const minutes = days * MINUTES_PER_DAY;
    for (let h = 0; h < H; h++) {
      this.weeklyInUse[h * this.weeks + week] = s.hospitalLevel.take(h, T) / minutes;
      this.weeklyCapacity[h * this.weeks + week] = s.hospitalCapacity.take(h, T) / minutes;
    }
  }

  /** After the run: a last, shorter week (the horizon or a cancellation ended mid-week). */
  flushPartialWeek(): void {
    const rest = this.daysDone % 7;
    if (rest > 0)
      this.closeWeek(
        Math.floor(this.daysDone / 7),
        rest,
        (this.state.scenario.warmupDays + this.daysDone) * MINUTES_PER_DAY,
      );
  }

  private snapshot(d: number): DaySnapshot {
    const s = this.state;
    const occupancy: DaySnapshot['occupancy'] = [];
    for (let a = 0; a < s.index.areaCount; a++) {
      for (let f = 0; f < FUNCTIONS; f++) {
        occupancy.push({
          area: s.index.areaIds[a],
          function: BED_FUNCTIONS[f],
          inUse: s.areaLevel.value(a * FUNCTIONS + f),
          capacity: s.areaCapacity.value(a * FUNCTIONS + f),
        });
      }
    }
    const r = s.rec;
    let admissions = 0;
    for (let c = 0; c < r.admissions.length; c++) admissions += r.admissions[c];
    return {
      day: d,
      warmup: d <= s.scenario.warmupDays,
      occupancy,
      counters: {
        admissions,
        // Ambulance inquiries refused (per inquiry, every reason); walk-ins redirected are apart.
        refusals: r.inquiriesRefused.reduce((sum, n) => sum + n, 0),
        difficultTransports: r.difficultTransports,
        overflow: r.overflow,
        leftRegion: r.leftRegion,
      },
    };
  }
}
