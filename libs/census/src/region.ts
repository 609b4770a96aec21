// What the census needs of a region: its areas and, per hospital, the 医療機関コード reports name
// it by (the region's own, or a derived one: deriveInstitutionCodes of @caretwin/scenario), its
// area and its beds by function (which hospital × function is expected to report).
import { BED_FUNCTIONS, type BedFunction } from '@caretwin/contracts';
import { deriveInstitutionCodes } from '@caretwin/scenario';

export interface CensusHospital {
  id: string;
  institutionCode: string;
  area: string;
  beds: Record<BedFunction, number>;
}

export interface CensusRegion {
  id: string;
  areas: string[];
  hospitals: CensusHospital[];
  byId: ReadonlyMap<string, CensusHospital>;
  byCode: ReadonlyMap<string, CensusHospital>;
}

/** The region as the census sees it (structurally a resolved `Region` of @caretwin/scenario). */
export interface RegionLike {
  id: string;
  areas: ReadonlyArray<{ id: string }>;
  hospitals: ReadonlyArray<{
    id: string;
    area: string;
    municipality: string;
    institutionCode?: string;
    beds: Partial<Record<BedFunction, number>>;
  }>;
}

export function censusRegion(region: RegionLike): CensusRegion {
  const codes = deriveInstitutionCodes(region.hospitals);
  const hospitals = region.hospitals.map((h): CensusHospital => ({
    id: h.id,
    institutionCode: codes.get(h.id) ?? '',
    area: h.area,
    beds: Object.fromEntries(BED_FUNCTIONS.map((f) => [f, h.beds[f] ?? 0])) as Record<BedFunction, number>,
  }));
  return {
    id: region.id,
    areas: region.areas.map((a) => a.id),
    hospitals,
    byId: new Map(hospitals.map((h) => [h.id, h])),
    byCode: new Map(hospitals.map((h) => [h.institutionCode, h])),
  };
}

/** Hospital × function pairs expected to report every day: those with beds in the region. */
export function expectedReporters(
  region: CensusRegion,
): Array<{ hospital: CensusHospital; function: BedFunction }> {
  return region.hospitals.flatMap((hospital) =>
    BED_FUNCTIONS.filter((f) => hospital.beds[f] > 0).map((f) => ({ hospital, function: f })),
  );
}

const JAPAN_OFFSET_MS = 9 * 3600 * 1000;

/** The calendar day (YYYY-MM-DD) in Japan (UTC+9, no daylight saving) at `at`. */
export function japanDate(at: Date): string {
  return new Date(at.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time of day ("HH:MM") in Japan at `at`. */
export function japanTime(at: Date): string {
  return new Date(at.getTime() + JAPAN_OFFSET_MS).toISOString().slice(11, 16);
}
