// Population per municipality (Sendai city as its five wards) for the census year and the
// projection years, by sex × 5-year band and in the four age bands the rest of the model uses
// (their sums). From demand-inputs.json (docs/data.md, "Population"; demand-inputs.md §1):
// IPSS 令和5年推計 totals and broad groups (0–14, 15–64, 65+) per unit and year, split by sex
// and 5-year band in the shape of the unit's IPSS 平成30年推計 for the same year (the wards take
// the city's shape). The 2020 totals equal the census figure of each municipality.
import {
  AGE_BANDS,
  FIVE_YEAR_BAND_AGE_BAND,
  type ByAgeBand,
  type BySexAge,
  type Municipality,
} from '../../../libs/scenario/src/types';
import type { DemandInputs } from './demand-inputs';
import { municipalityEn } from './names';
import type { Reference } from './reference';
import { cityOf } from './wards';

const isWard = (code: string): boolean => cityOf(code) !== code;

export const YEARS = [2020, 2025, 2030, 2035, 2040] as const;

/** The four age bands as sums of the 5-year bands of both sexes. */
export function fourBands(x: BySexAge): ByAgeBand {
  const sums = [0, 0, 0, 0];
  FIVE_YEAR_BAND_AGE_BAND.forEach((b, k) => (sums[b] += x.male[k] + x.female[k]));
  return Object.fromEntries(AGE_BANDS.map((band, b) => [band, sums[b]])) as ByAgeBand;
}

const PROVENANCE_NOTE =
  "2020 total and centroid as published; every figure by sex and 5-year band [D]: the unit's IPSS 2023 (令和5年推計) broad groups " +
  '(0–14, 15–64, 65+) for the year split in the shape of its IPSS 2018 (平成30年推計) projection for that year; the four age bands ' +
  'are their sums (65–74 / 75+ inside 65+ from that shape). Shape error against the 2020 census a few per cent per cell where ' +
  'counts are not tiny (demand-inputs.md §1)';

export function buildMunicipalities(reference: Reference, demand: DemandInputs): Municipality[] {
  const units = new Map(demand.units.map((u) => [u.id, u]));
  const years = YEARS.map(String);
  if (demand.years.map(String).join() !== years.join())
    throw new Error(`demand inputs cover ${demand.years.join(', ')}, not ${years.join(', ')}`);
  const out = reference.areas.flatMap((area) =>
    area.municipalities.map((m): Municipality => {
      const unit = units.get(m.code);
      if (unit === undefined) throw new Error(`demand inputs have no population for ${m.code} ${m.name}`);
      if (unit.area !== area.id)
        throw new Error(`${m.code}: demand inputs place it in ${unit.area}, not ${area.id}`);
      const population = Object.fromEntries(years.map((y) => [y, fourBands(unit.bySexAge[y])]));
      for (const y of years) {
        const total = AGE_BANDS.reduce((s, b) => s + population[y][b], 0);
        if (total !== unit.ipss2023[y][0])
          throw new Error(`${m.code} ${y}: 5-year bands sum to ${total}, IPSS gives ${unit.ipss2023[y][0]}`);
      }
      const census = AGE_BANDS.reduce((s, b) => s + population['2020'][b], 0);
      if (census !== m.population2020)
        throw new Error(`${m.code}: 2020 population ${census} differs from the census ${m.population2020}`);
      return {
        id: m.code,
        name: { ja: m.name, en: municipalityEn(m.code) },
        area: area.id,
        lat: m.lat,
        lng: m.lng,
        population,
        populationBySexAge: Object.fromEntries(years.map((y) => [y, unit.bySexAge[y]])),
        provenance: {
          estimated: true,
          source: isWard(m.code)
            ? 'sendaiWards, ipss2023, ipss2018Shapes'
            : 'population2020, centroids, ipss2023, ipss2018Shapes',
          note: isWard(m.code)
            ? `ward of Sendai city: 2020 total as published, point an approximate population centre; the IPSS 2023 groups are the ward's own, its shape is the city's [E]. ${PROVENANCE_NOTE}`
            : PROVENANCE_NOTE,
        },
      };
    }),
  );
  if (out.length !== demand.units.length)
    throw new Error(
      `${demand.units.length} units in the demand inputs, ${out.length} municipalities in the reference`,
    );
  return out;
}
