// Population by age band per municipality for the census year and the projection years.
// Only municipal totals (2020) and per-area totals (2025, 2040) are given; the age split and the
// 2030/2035 totals are estimates built as follows (docs/data.md, "Population"):
//  1. 2020 area shares: the area's 65+ share of 2015 shifted by one prefecture-wide Δ so the
//     population-weighted prefecture share is Miyagi's 28.1 % of 2020; 65+ split into 65–74 /
//     75+ and under-65 into 0–14 / 15–64 in Miyagi's 2020 proportions.
//  2. Prefecture shares per year: the national IPSS path (which carries the 2025–30 dip in
//     65–74 as the baby boomers turn 75) plus an offset moving linearly from Miyagi−national in
//     2020 to Miyagi−national in 2040, renormalised.
//  3. Area shares per year: the 2020 area share plus one prefecture-wide shift per band, chosen
//     so the population-weighted area shares reproduce step 2.
//  4. Area totals 2030/2035 interpolate 2025→2040 along the prefecture's own IPSS path;
//     municipalities keep their 2020 share of the area total.
import { AGE_BANDS, type AgeBand, type ByAgeBand, type Municipality } from '../../../libs/scenario/src/types';
import { apportion } from './apportion';
import { municipalityEn } from './names';
import type { Reference, ReferenceArea } from './reference';
import { cityOf } from './wards';

const isWard = (code: string): boolean => cityOf(code) !== code;

export const YEARS = [2020, 2025, 2030, 2035, 2040] as const;
type Year = (typeof YEARS)[number];

type Shares = Record<AgeBand, number>;

/** National shares, IPSS 2023 medium variant (age-shares.md; 2020 census [V], later years partly [?]). */
const NATIONAL: Record<Year, Shares> = {
  2020: { age0to14: 11.9, age15to64: 59.5, age65to74: 13.8, age75plus: 14.7 },
  2025: { age0to14: 11.1, age15to64: 59.3, age65to74: 12.2, age75plus: 17.5 },
  2030: { age0to14: 10.3, age15to64: 58.9, age65to74: 11.9, age75plus: 18.8 },
  2035: { age0to14: 10.0, age15to64: 57.6, age65to74: 12.7, age75plus: 19.6 },
  2040: { age0to14: 10.1, age15to64: 55.1, age65to74: 15.1, age75plus: 19.7 },
};

/** Miyagi shares (age-shares.md): 2020 65+ = 28.1 [V7], other 2020 bands [?]; 2040 derived [?d]. */
const MIYAGI_2020: Shares = { age0to14: 11.9, age15to64: 60.0, age65to74: 14.1, age75plus: 14.0 };
const MIYAGI_2040: Shares = { age0to14: 9.2, age15to64: 55.1, age65to74: 14.9, age75plus: 20.8 };

function normalise(shares: Shares): Shares {
  const total = AGE_BANDS.reduce((sum, band) => sum + shares[band], 0);
  return Object.fromEntries(AGE_BANDS.map((band) => [band, shares[band] / total])) as Shares;
}

/** Step 2: Miyagi's prefecture-level shares per year (fractions summing to 1). */
export function prefectureShares(year: Year): Shares {
  const lambda = (year - 2020) / 20;
  const shifted = Object.fromEntries(
    AGE_BANDS.map((band) => {
      const offset2020 = MIYAGI_2020[band] - NATIONAL[2020][band];
      const offset2040 = MIYAGI_2040[band] - NATIONAL[2040][band];
      return [band, NATIONAL[year][band] + offset2020 * (1 - lambda) + offset2040 * lambda];
    }),
  ) as Shares;
  return normalise(shifted);
}

/** Step 4: per-area totals for every year. */
export function areaTotals(reference: Reference): Record<string, Record<Year, number>> {
  const pref = reference.prefectureProjection;
  const along = (year: Year) => (pref[String(year)] - pref['2025']) / (pref['2040'] - pref['2025']);
  return Object.fromEntries(
    reference.areas.map((area) => {
      const at = (year: Year) =>
        Math.round(area.projection2025 + (area.projection2040 - area.projection2025) * along(year));
      return [
        area.id,
        {
          2020: area.municipalities.reduce((sum, m) => sum + m.population2020, 0),
          2025: area.projection2025,
          2030: at(2030),
          2035: at(2035),
          2040: area.projection2040,
        },
      ];
    }),
  );
}

/** Steps 1 and 3: shares per area and year. */
export function areaShares(reference: Reference): Record<string, Record<Year, Shares>> {
  const totals = areaTotals(reference);
  const miyagi2020 = normalise(MIYAGI_2020);
  const target65 = miyagi2020.age65to74 + miyagi2020.age75plus;
  const pop2020 = reference.areas.map((a) => totals[a.id][2020]);
  const prefecture2020 = pop2020.reduce((s, p) => s + p, 0);
  const share2015 = (area: ReferenceArea) => {
    const s = reference.shares65plus2015[area.id];
    if (s === undefined) throw new Error(`no 2015 65+ share for area ${area.id}`);
    return s;
  };
  const delta =
    target65 -
    reference.areas.reduce((sum, area, i) => sum + (pop2020[i] / prefecture2020) * share2015(area), 0);
  const base: Record<string, Shares> = Object.fromEntries(
    reference.areas.map((area) => {
      const s65 = share2015(area) + delta;
      const under65 = 1 - s65;
      const old = miyagi2020.age65to74 / target65;
      const young = miyagi2020.age0to14 / (1 - target65);
      return [
        area.id,
        {
          age0to14: under65 * young,
          age15to64: under65 * (1 - young),
          age65to74: s65 * old,
          age75plus: s65 * (1 - old),
        },
      ];
    }),
  );
  const result: Record<string, Partial<Record<Year, Shares>>> = Object.fromEntries(
    reference.areas.map((a) => [a.id, {}]),
  );
  for (const year of YEARS) {
    const total = reference.areas.reduce((sum, a) => sum + totals[a.id][year], 0);
    const target = prefectureShares(year);
    const shift = Object.fromEntries(
      AGE_BANDS.map((band) => [
        band,
        target[band] -
          reference.areas.reduce((sum, a) => sum + (totals[a.id][year] / total) * base[a.id][band], 0),
      ]),
    ) as Shares;
    for (const area of reference.areas) {
      const shares = Object.fromEntries(
        AGE_BANDS.map((band) => [band, base[area.id][band] + shift[band]]),
      ) as Shares;
      if (AGE_BANDS.some((band) => shares[band] <= 0))
        throw new Error(`negative age share in ${area.id} ${year}`);
      result[area.id][year] = shares;
    }
  }
  return result as Record<string, Record<Year, Shares>>;
}

function splitByAge(total: number, shares: Shares): ByAgeBand {
  const parts = apportion(
    total,
    AGE_BANDS.map((band) => shares[band]),
  );
  return Object.fromEntries(AGE_BANDS.map((band, i) => [band, parts[i]])) as ByAgeBand;
}

export function buildMunicipalities(reference: Reference): Municipality[] {
  const totals = areaTotals(reference);
  const shares = areaShares(reference);
  return reference.areas.flatMap((area) => {
    const weights = area.municipalities.map((m) => m.population2020);
    const byYear = Object.fromEntries(
      YEARS.map((year) => [year, year === 2020 ? weights : apportion(totals[area.id][year], weights)]),
    ) as Record<Year, number[]>;
    return area.municipalities.map((m, i) => ({
      id: m.code,
      name: { ja: m.name, en: municipalityEn(m.code) },
      area: area.id,
      lat: m.lat,
      lng: m.lng,
      population: Object.fromEntries(
        YEARS.map((year) => [String(year), splitByAge(byYear[year][i], shares[area.id][year])]),
      ),
      provenance: isWard(m.code)
        ? {
            estimated: true,
            source: 'sendaiWards, projection',
            note:
              'ward of Sendai city: 2020 total as published, point an approximate population centre; age bands and 2025–2040 figures ' +
              "estimated as for every municipality (area's 65+ share, IPSS age path, area projection × 2020 share of the area)",
          }
        : {
            estimated: true,
            source: 'population2020, centroids, projection',
            note:
              '2020 total and centroid as published; age bands and 2025–2040 figures estimated: ' +
              "area's 65+ share (2015) shifted to Miyagi 2020, IPSS age path, area projection × 2020 share of the area",
          },
    }));
  });
}
