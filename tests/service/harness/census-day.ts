// A day of census reports for tests: every hospital × function with beds reporting `share` of
// its beds occupied, optional figures not reported (null); and the region the api's census takes.
import { join } from 'node:path';
import { censusRegion, type CensusRegion } from '@caretwin/census';
import type { CensusRow } from '@caretwin/contracts';
import { ScenarioCatalog } from '@caretwin/scenario';
import { ROOT } from './build';

/** Miyagi as the api's census sees it (the default CENSUS_SCENARIO, miyagi-2025-baseline). */
export function miyagiCensusRegion(): CensusRegion {
  const catalog = new ScenarioCatalog({
    shippedDir: join(ROOT, 'scenarios'),
    regionsDir: join(ROOT, 'scenarios', 'data'),
  });
  return censusRegion(catalog.resolve('miyagi-2025-baseline').region);
}

export function reportedDay(hospitals: CensusRegion['hospitals'], date: string, share: number): CensusRow[] {
  return hospitals.flatMap((h) =>
    Object.entries(h.beds)
      .filter(([, beds]) => beds > 0)
      .map(([f, beds]) => ({
        date,
        hospital: h.id,
        institutionCode: h.institutionCode,
        area: h.area,
        function: f as CensusRow['function'],
        beds,
        occupied: Math.round(beds * share),
        icuBeds: null,
        icuOccupied: null,
        vents: null,
        ventsInUse: null,
        admissions: null,
        discharges: null,
      })),
  );
}
