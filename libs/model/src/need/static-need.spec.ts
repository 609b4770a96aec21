import { describe, expect, it } from 'vitest';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { staticNeed } from './static-need';

// Hand-worked: two areas of 100,000 people, 365 admissions a year each (one a day). Every
// patient spends 2 days in high-acute, then 4 in acute, then half of them 10 days in recovery.
// Area A's hospital has the high-acute and acute beds; area B's has only recovery beds, so all
// acute care happens in A and all recovery in B (A has none, so it borrows its neighbour's).
const region = buildRegion({
  areas: [
    { id: 'A', adjacent: ['B'] },
    { id: 'B', adjacent: ['A'] },
  ],
  municipalities: [
    { id: 'mA', area: 'A', lat: 38.3, lng: 140.9, population: 100_000 },
    { id: 'mB', area: 'B', lat: 38.6, lng: 141.1, population: 100_000 },
  ],
  hospitals: [
    { id: 'hA', area: 'A', municipality: 'mA', lat: 38.3, lng: 140.9, beds: { highAcute: 10, acute: 20 } },
    { id: 'hB', area: 'B', municipality: 'mB', lat: 38.6, lng: 141.1, beds: { recovery: 30 } },
  ],
  conditions: [
    condition({
      id: 'c',
      ratePer100k: 365,
      phases: [
        { id: 'icu', function: 'highAcute', meanDays: 2, next: [['ward', 1]] },
        {
          id: 'ward',
          function: 'acute',
          meanDays: 4,
          next: [
            ['rehab', 0.5],
            ['home', 0.5],
          ],
        },
        { id: 'rehab', function: 'recovery', meanDays: 10 },
      ],
    }),
  ],
});

const row = (rows: ReturnType<typeof staticNeed>['byHomeArea'], area: string, fn: string) => {
  const r = rows.find((x) => x.area === area && x.function === fn);
  if (!r) throw new Error(`no row ${area}/${fn}`);
  return r;
};

describe('the MHLW static bed need', () => {
  const need = staticNeed(resolvedScenario(region, { horizonDays: 365 }));

  it('by home area (患者住所地): census = admissions × expected days ÷ 365, need = census ÷ target', () => {
    for (const area of ['A', 'B']) {
      expect(row(need.byHomeArea, area, 'highAcute').census).toBeCloseTo(2, 9);
      expect(row(need.byHomeArea, area, 'highAcute').need).toBeCloseTo(2 / 0.75, 9);
      expect(row(need.byHomeArea, area, 'acute').census).toBeCloseTo(4, 9);
      expect(row(need.byHomeArea, area, 'acute').need).toBeCloseTo(4 / 0.78, 9);
      expect(row(need.byHomeArea, area, 'recovery').census).toBeCloseTo(5, 9);
      expect(row(need.byHomeArea, area, 'recovery').need).toBeCloseTo(5 / 0.9, 9);
      expect(row(need.byHomeArea, area, 'chronic').census).toBe(0);
    }
  });

  it('by treating area (医療機関所在地): where the beds of each function are', () => {
    expect(row(need.byTreatingArea, 'A', 'highAcute').census).toBeCloseTo(4, 9);
    expect(row(need.byTreatingArea, 'A', 'acute').census).toBeCloseTo(8, 9);
    expect(row(need.byTreatingArea, 'A', 'recovery').census).toBe(0);
    expect(row(need.byTreatingArea, 'B', 'highAcute').census).toBe(0);
    expect(row(need.byTreatingArea, 'B', 'recovery').census).toBeCloseTo(10, 9);
    expect(row(need.byTreatingArea, 'B', 'recovery').beds).toBe(30);
  });

  it('adds up to the same prefecture totals either way', () => {
    expect(row(need.prefecture, 'prefecture', 'acute').census).toBeCloseTo(8, 9);
    expect(row(need.prefecture, 'prefecture', 'recovery').need).toBeCloseTo(10 / 0.9, 9);
    expect(row(need.prefecture, 'prefecture', 'highAcute').beds).toBe(10);
    expect(need.treatingAreaMethod).toMatch(/routing tables/);
  });

  it('uses the length-of-stay and demand levers in force when the horizon starts', () => {
    const shorter = staticNeed(
      resolvedScenario(region, {
        horizonDays: 365,
        policies: [{ kind: 'lengthOfStay', multiplier: 0.5, function: 'recovery' }],
        multiplier: () => 2,
      }),
    );
    expect(row(shorter.byHomeArea, 'A', 'recovery').census).toBeCloseTo(5, 9);
    expect(row(shorter.byHomeArea, 'A', 'acute').census).toBeCloseTo(8, 9);
  });
});

// Hand-worked with 医療資源投入量: one area of 100,000, 365 admissions a year, fixed stays (cv 0).
// Half enter a 2-day ICU (5,000 points: high-acute), half the ward directly. The ward (10 days)
// is an acute ward by its points, but its days count by their own points: entered directly,
// 4 days at 1,000 (acute), 4 at 400 (recovery), 2 at 150 (home care, no bed need); after the
// ICU, 1 day at 700 (acute) and 9 at 300 (recovery). Half then spend 20 days in a 療養 bed.
describe('the static need by 医療資源投入量 (each day in the function of its points)', () => {
  const points = buildRegion({
    areas: [{ id: 'A' }],
    municipalities: [{ id: 'm', area: 'A', lat: 38.3, lng: 140.9, population: 100_000 }],
    hospitals: [
      {
        id: 'h',
        area: 'A',
        municipality: 'm',
        lat: 38.3,
        lng: 140.9,
        beds: { highAcute: 5, acute: 20, recovery: 10, chronic: 12 },
      },
    ],
    conditions: [
      condition({
        id: 'c',
        ratePer100k: 365,
        entry: [
          ['icu', 0.5],
          ['ward', 0.5],
        ],
        phases: [
          {
            id: 'icu',
            pointsPerDay: { segments: [{ until: null, points: 5000 }], rule: null },
            meanDays: 2,
            cv: 0,
            next: [['ward', 1]],
          },
          {
            id: 'ward',
            pointsPerDay: {
              segments: [
                { until: 4, points: 1000 },
                { until: 8, points: 400 },
                { until: null, points: 150 },
              ],
              afterHighAcute: [
                { until: 1, points: 700 },
                { until: null, points: 300 },
              ],
              rule: null,
            },
            meanDays: 10,
            cv: 0,
            next: [
              ['ltc', 0.5],
              ['home', 0.5],
            ],
          },
          {
            id: 'ltc',
            pointsPerDay: { segments: [{ until: null, points: 120 }], rule: 'ryoyo' },
            meanDays: 20,
            cv: 0,
          },
        ],
      }),
    ],
  });
  const byPoints = staticNeed(resolvedScenario(points, { horizonDays: 365 }));

  it('counts each day in the function of its points, not of the ward the phase occupies', () => {
    const census = (fn: string) => row(byPoints.byHomeArea, 'A', fn).census;
    expect(census('highAcute')).toBeCloseTo(1, 9);
    expect(census('acute')).toBeCloseTo(0.5 * 4 + 0.5 * 1, 9);
    expect(census('recovery')).toBeCloseTo(0.5 * 4 + 0.5 * 9, 9);
    expect(census('chronic')).toBeCloseTo(0.5 * 20, 9);
    expect(row(byPoints.byHomeArea, 'A', 'recovery').need).toBeCloseTo(6.5 / 0.9, 9);
    // The same days by the hospital's area, and beside the beds of the bed table.
    expect(row(byPoints.byTreatingArea, 'A', 'acute').census).toBeCloseTo(2.5, 9);
    expect(row(byPoints.byTreatingArea, 'A', 'recovery').beds).toBe(10);
  });

  it('shortens the need of the days a length-of-stay lever shortens (by the ward’s function)', () => {
    const shorter = staticNeed(
      resolvedScenario(points, {
        horizonDays: 365,
        policies: [{ kind: 'lengthOfStay', multiplier: 0.5, function: 'acute' }],
      }),
    );
    // The ward lasts 5 days: direct 4 acute + 1 recovery; after the ICU 1 acute + 4 recovery.
    expect(row(shorter.byHomeArea, 'A', 'acute').census).toBeCloseTo(2.5, 9);
    expect(row(shorter.byHomeArea, 'A', 'recovery').census).toBeCloseTo(0.5 * 1 + 0.5 * 4, 9);
    expect(row(shorter.byHomeArea, 'A', 'highAcute').census).toBeCloseTo(1, 9);
  });
});
