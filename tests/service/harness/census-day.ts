// A day of census reports for tests: every hospital × function with beds reporting `share` of
// its beds occupied, optional figures not reported (null).
import type { CensusRegion } from '@caretwin/census';
import type { CensusRow } from '@caretwin/contracts';

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
