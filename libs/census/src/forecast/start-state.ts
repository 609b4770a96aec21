// A forecast's start state: the census rows (the latest report of each hospital × function, at
// most a week old: the api's CensusService.startState) as the scenario's `initialCensus` of mode
// `given`, and the beds each area × function counts. Hospitals × functions without a row are
// filled from the model's expected census (`missing: 'expected'`), docs/forecasting.md "Method".
import { BED_FUNCTIONS, type BedFunction, type CensusRow } from '@caretwin/contracts';

/** What the forecast needs of a region's hospital (structurally the scenario's `Hospital`). */
export interface ForecastHospital {
  id: string;
  area: string;
  beds: Partial<Record<BedFunction, number>>;
}

/** `initialCensus` as the scenario schema takes it (mode given). */
export interface GivenCensus {
  mode: 'given';
  hospitals: Record<string, Partial<Record<BedFunction, number>>>;
  missing: 'expected';
  /** days of bookings on the lists at the start (set by the forecast runner from the model's mean wait) */
  bookedDays?: number;
}

export interface StartState {
  initialCensus: GivenCensus;
  /** beds per area × function: the reported beds, the region's where a hospital × function did not report */
  beds: Array<{ area: string; function: BedFunction; beds: number }>;
  /** hospital × function with beds in the region and no row (filled from the expected census) */
  filled: number;
  /** hospital × function rows given */
  given: number;
}

/**
 * The start state from census rows. Rows of hospitals the region does not know are ignored (the
 * api refuses them on the way in); a hospital × function without beds in the region is given
 * only when reported. Of two rows of one hospital × function the later date wins.
 */
export function startStateFrom(
  rows: readonly CensusRow[],
  hospitals: readonly ForecastHospital[],
): StartState {
  const known = new Map(hospitals.map((h) => [h.id, h]));
  const latest = new Map<string, CensusRow>();
  for (const row of rows) {
    if (!known.has(row.hospital)) continue;
    const key = `${row.hospital}\u0000${row.function}`;
    const seen = latest.get(key);
    if (!seen || seen.date < row.date) latest.set(key, row);
  }
  const given: GivenCensus['hospitals'] = {};
  const beds = new Map<string, number>();
  const addBeds = (area: string, f: BedFunction, n: number): void => {
    const key = `${area}\u0000${f}`;
    beds.set(key, (beds.get(key) ?? 0) + n);
  };
  let filled = 0;
  for (const h of hospitals) {
    for (const f of BED_FUNCTIONS) {
      const row = latest.get(`${h.id}\u0000${f}`);
      if (row) {
        (given[h.id] ??= {})[f] = row.occupied;
        addBeds(h.area, f, row.beds);
      } else if ((h.beds[f] ?? 0) > 0) {
        filled++;
        addBeds(h.area, f, h.beds[f] ?? 0);
      }
    }
  }
  const areas = [...new Set(hospitals.map((h) => h.area))];
  return {
    initialCensus: { mode: 'given', hospitals: given, missing: 'expected' },
    beds: areas.flatMap((area) =>
      BED_FUNCTIONS.map((f) => ({ area, function: f, beds: beds.get(`${area}\u0000${f}`) ?? 0 })),
    ),
    filled,
    given: latest.size,
  };
}
