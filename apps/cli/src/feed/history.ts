// A seeded "true" census history (docs/forecasting.md "Synthetic feed"): one replication of a
// scenario (warm-up first) recorded as the daily report every hospital × function with beds
// would send, dated so that its last day is a given date. `caretwin feed` posts it; the
// backtest forecasts against it in memory (apps/cli/src/backtest).
import { BED_FUNCTIONS, type CensusRow } from '@caretwin/contracts';
import { addDays } from '@caretwin/census';
import { simulateDailyCensus, type DailyCensusHistory } from '@caretwin/model';
import { demandMultiplierByHour, deriveInstitutionCodes, type ResolvedScenario } from '@caretwin/scenario';

export interface SyntheticHistoryOptions {
  /** days of history (after the scenario's warm-up) */
  days: number;
  /** the date of the last day's report (YYYY-MM-DD, Japan time) */
  lastDate: string;
  /** the truth's seed (keep it apart from the seeds forecasts use: a forecast drawing the truth's own streams would look too good) */
  seed: number;
  /** called once per simulated day, warm-up included (progress) */
  onDay?: (day: number, totalDays: number) => void;
}

export interface SyntheticHistory {
  /** the report dates, ascending: lastDate − days + 1 … lastDate */
  dates: string[];
  /** every report, by date, then hospital (the region's order), then function */
  rows: CensusRow[];
  /** the reports of one date */
  byDate: Map<string, CensusRow[]>;
  /** the scenario as simulated (its startDate is the warm-up's first day) */
  resolved: ResolvedScenario;
}

/**
 * The scenario dated so that horizon day 0 is the history's first date: weekdays and seasons
 * (libs/model demand rates) fall on the dates the reports carry, and a forecast from one of those
 * dates (startDate = census date + 1) sees the same calendar.
 */
export function historyScenario(base: ResolvedScenario, options: SyntheticHistoryOptions): ResolvedScenario {
  if (!Number.isInteger(options.days) || options.days < 1)
    throw new RangeError(`days must be a whole number ≥ 1, got ${options.days}`);
  const warmupDays = base.scenario.warmupDays;
  const scenario = {
    ...base.scenario,
    seed: options.seed,
    replications: 1,
    horizonDays: options.days,
    startDate: addDays(options.lastDate, -(options.days - 1) - warmupDays),
    // the pathway and policies as the base has them; no day-0 policy changes the reporting
  };
  delete scenario.precision;
  const byHour = demandMultiplierByHour(
    scenario.demand.multiplier,
    warmupDays + options.days,
    scenario.demand.maxMultiplier,
  ).byHour;
  return { scenario, region: base.region, demandMultiplierByHour: byHour };
}

/** Simulates the history (one replication, about a second per 100 Miyagi days) and writes its reports. */
export function syntheticHistory(base: ResolvedScenario, options: SyntheticHistoryOptions): SyntheticHistory {
  const resolved = historyScenario(base, options);
  const total = resolved.scenario.warmupDays + options.days;
  const onDay = options.onDay;
  const census = simulateDailyCensus(resolved, 0, onDay ? { onDay: (d) => onDay(d, total) } : {});
  return historyRows(resolved, census, options);
}

function historyRows(
  resolved: ResolvedScenario,
  census: DailyCensusHistory,
  options: SyntheticHistoryOptions,
): SyntheticHistory {
  const hospitals = resolved.region.hospitals;
  const codes = deriveInstitutionCodes(hospitals);
  const index = new Map(census.hospitals.map((id, h) => [id, h]));
  const first = addDays(options.lastDate, -(options.days - 1));
  const dates = Array.from({ length: options.days }, (_, d) => addDays(first, d));
  const byDate = new Map<string, CensusRow[]>();
  const rows: CensusRow[] = [];
  dates.forEach((date, d) => {
    const day: CensusRow[] = [];
    for (const hospital of hospitals) {
      const h = index.get(hospital.id)!;
      BED_FUNCTIONS.forEach((f, fi) => {
        // Hospitals report the functions they have beds of (the api expects exactly those).
        if ((hospital.beds[f] ?? 0) <= 0) return;
        const at = (h * BED_FUNCTIONS.length + fi) * census.days + d;
        day.push({
          date,
          hospital: hospital.id,
          institutionCode: codes.get(hospital.id)!,
          area: hospital.area,
          function: f,
          beds: census.beds[at],
          occupied: census.occupied[at],
          icuBeds: null,
          icuOccupied: null,
          vents: null,
          ventsInUse: null,
          admissions: census.admissions[at],
          discharges: census.discharges[at],
        });
      });
    }
    byDate.set(date, day);
    rows.push(...day);
  });
  return { dates, rows, byDate, resolved };
}

/** Today's date in Japan (UTC+9, no daylight saving), YYYY-MM-DD. */
export function todayInJapan(now: number = Date.now()): string {
  return new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
}
