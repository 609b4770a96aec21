import { describe, expect, it } from 'vitest';
import type { BySexAge } from '@caretwin/scenario';
import { RegionIndex } from '../region/region-index';
import { Replication } from '../replication/replication';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import {
  AGES,
  Sex,
  arrivalProcesses,
  cellAgeBand,
  cellSex,
  cellsPerMunicipality,
  yearlyAdmissions,
  yearlyByMunicipality,
} from './rates';

/** 19 bands per sex with the given (band → persons) entries, the rest 0. */
function bands(entries: Record<number, number>): number[] {
  return Array.from({ length: 19 }, (_, k) => entries[k] ?? 0);
}
const cells = (male: Record<number, number>, female: Record<number, number>): BySexAge => ({
  male: bands(male),
  female: bands(female),
});

// Two municipalities: a young town and an ageing village whose old bands grow by 2040 while
// the young leave. Rates rise steeply with age (per 100,000 of that sex and band).
const youngTown = { '2020': cells({ 6: 5000, 15: 500 }, { 6: 5000, 15: 600 }) };
const village = {
  '2020': cells({ 3: 2000, 15: 1000, 18: 100 }, { 3: 2000, 15: 1200, 18: 300 }),
  '2040': cells({ 3: 800, 15: 1200, 18: 300 }, { 3: 800, 15: 1500, 18: 700 }),
};
const rates = cells({ 3: 100, 6: 200, 15: 5000, 18: 20_000 }, { 3: 50, 6: 150, 15: 4000, 18: 15_000 });

const region = buildRegion({
  areas: [{ id: 'A' }],
  municipalities: [
    {
      id: 'town',
      area: 'A',
      lat: 38.3,
      lng: 140.9,
      populationBySexAge: { ...youngTown, '2040': youngTown['2020'] },
    },
    { id: 'village', area: 'A', lat: 38.4, lng: 140.8, populationBySexAge: village },
  ],
  hospitals: [{ id: 'h', area: 'A', municipality: 'town', lat: 38.3, lng: 140.9, beds: { acute: 400 } }],
  conditions: [
    condition({
      id: 'detailed',
      ratePer100k: 1,
      ratesBySexAge: rates,
      phases: [{ id: 'ward', function: 'acute', meanDays: 5 }],
    }),
    condition({ id: 'banded', ratePer100k: 1000, phases: [{ id: 'ward', function: 'acute', meanDays: 5 }] }),
  ],
});
const index = new RegionIndex(region, []);

/** Σ population × rate ÷ 100,000 over sex × 5-year band, by hand. */
function byHand(pop: BySexAge): number {
  let n = 0;
  for (let k = 0; k < 19; k++) n += pop.male[k] * rates.male[k] + pop.female[k] * rates.female[k];
  return n / 100_000;
}

describe('demand from population × rates', () => {
  it("gives a municipality's yearly admissions as Σ population × rate ÷ 100,000 over sex × 5-year band", () => {
    const yearly = yearlyByMunicipality(index, 0, 2020);
    expect(yearly[0]).toBeCloseTo(byHand(youngTown['2020']), 9);
    expect(yearly[1]).toBeCloseTo(byHand(village['2020']), 9);
    // (2000 × 100 + 1000 × 5000 + 100 × 20,000 + 2000 × 50 + 1200 × 4000 + 300 × 15,000) ÷ 100,000
    expect(yearly[1]).toBeCloseTo(166, 9);
    // The cells keep sex and band: the village's women of 90+ alone.
    const perCell = yearlyAdmissions(index, 0, 2020);
    expect(cellsPerMunicipality(index, 0)).toBe(38);
    expect(perCell[38 + 19 + 18]).toBeCloseTo((300 * 15_000) / 100_000, 9);
  });

  it('interpolates the population linearly between given years', () => {
    const mid = yearlyByMunicipality(index, 0, 2030)[1];
    expect(mid).toBeCloseTo((byHand(village['2020']) + byHand(village['2040'])) / 2, 9);
  });

  it('uses the four bands for a condition without rates by sex and band (the bands are the cells’ sums)', () => {
    expect(cellsPerMunicipality(index, 1)).toBe(AGES);
    expect(yearlyByMunicipality(index, 1, 2020)[1]).toBeCloseTo((6600 * 1000) / 100_000, 9);
    // And sums a detailed condition into the four bands when asked to.
    const four = yearlyAdmissions(index, 0, 2020, AGES);
    expect(four[AGES + 3]).toBeCloseTo(
      (1000 * 5000 + 1200 * 4000 + 100 * 20_000 + 300 * 15_000) / 100_000,
      9,
    );
  });

  it('raises admissions per 100,000 in a later projection year for the ageing village', () => {
    const per100k = (year: number) => {
      const pop = year === 2020 ? village['2020'] : village['2040'];
      const people = [...pop.male, ...pop.female].reduce((s, x) => s + x, 0);
      return (yearlyByMunicipality(index, 0, year)[1] * 100_000) / people;
    };
    expect(per100k(2040)).toBeGreaterThan(per100k(2020) * 1.3);
  });

  it('admits more per 100,000 residents in a run of the later projection year (admissions.perYearPer100k)', () => {
    const villageOnly = buildRegion({
      areas: [{ id: 'A' }],
      municipalities: [{ id: 'village', area: 'A', lat: 38.4, lng: 140.8, populationBySexAge: village }],
      hospitals: [
        { id: 'h', area: 'A', municipality: 'village', lat: 38.4, lng: 140.8, beds: { acute: 400 } },
      ],
      conditions: [region.conditions[0]],
    });
    const per100k = (year: 2020 | 2040) =>
      new Replication(resolvedScenario(villageOnly, { year, horizonDays: 730 }), 0).run().kpis[
        'admissions.perYearPer100k'
      ];
    // 166 a year among 6,600 in 2020 (2,515 per 100k); 2040: 286.2 among 5,300 (5,400 per 100k).
    expect(per100k(2020)).toBeGreaterThan(2200);
    expect(per100k(2020)).toBeLessThan(2850);
    expect(per100k(2040)).toBeGreaterThan(per100k(2020) * 1.3);
  });

  it('decodes the sex and four-band age band of a cell', () => {
    expect(cellSex(38 + 18, 38)).toBe(Sex.MALE);
    expect(cellSex(38 + 19 + 18, 38)).toBe(Sex.FEMALE);
    expect(cellAgeBand(38 + 19 + 18, 38)).toBe(3); // 90+ → 75+
    expect(cellAgeBand(38 + 13, 38)).toBe(2); // 65–69 → 65–74
    expect(cellAgeBand(4 + 1, AGES)).toBe(1);
    expect(cellSex(5, AGES)).toBe(Sex.UNKNOWN);
  });

  it('splits a condition into an emergency and a scheduled process that carry their shares', () => {
    const split = buildRegion({
      ...{ areas: [{ id: 'A' }], hospitals: region.hospitals.map((h) => ({ ...h, beds: h.beds })) },
      municipalities: [{ id: 'town', area: 'A', lat: 38.3, lng: 140.9, population: 100_000 }],
      conditions: [
        condition({
          id: 'c',
          ratePer100k: 3650,
          ambulanceShare: 0.2,
          scheduledShare: 0.6,
          phases: [{ id: 'ward', function: 'acute', meanDays: 5 }],
        }),
      ],
    });
    const processes = arrivalProcesses(
      resolvedScenario(split, { horizonDays: 7 }),
      new RegionIndex(split, []),
    );
    const emergency = processes.find((p) => p.purpose === 'c')!;
    const scheduled = processes.find((p) => p.purpose === 'c:scheduled')!;
    const perDay = (p: typeof emergency) =>
      (p.ratePerHour.reduce((s, x) => s + x, 0) * 60) / (p.ratePerHour.length / 24);
    // 3,650 a year = 10 a day: 4 emergencies (half of them by ambulance) and 6 bookings.
    expect(perDay(emergency)).toBeCloseTo(4, 6);
    expect(emergency.ambulanceShare).toBeCloseTo(0.5, 12);
    expect(perDay(scheduled)).toBeCloseTo(6, 6);
    // Bookings come evenly (the slots, not the booking hour, set when a patient comes in), and
    // the thinning bound is no higher than the demand multiplier's headroom requires.
    for (const r of scheduled.ratePerHour) expect(r).toBeCloseTo(6 / 1440, 12);
    expect(scheduled.maxRate).toBeCloseTo((2 * 6) / 1440, 12);
  });

  it('gives arriving patients the sex and band of their cell, in proportion to the cells’ admissions', () => {
    const replication = new Replication(resolvedScenario(region, { horizonDays: 1500 }), 0);
    const seen = { male: 0, female: 0, old: 0, all: 0 };
    const state = replication.state;
    const admit = replication.admissions.chooseAndAdmit.bind(replication.admissions);
    replication.admissions.chooseAndAdmit = (pid: number) => {
      if (state.patients.condition[pid] === 0) {
        seen.all++;
        if (state.patients.sex[pid] === Sex.MALE) seen.male++;
        if (state.patients.sex[pid] === Sex.FEMALE) seen.female++;
        if (state.patients.ageBand[pid] === 3) seen.old++;
      }
      admit(pid);
    };
    replication.run();
    const expected = yearlyAdmissions(index, 0, 2020);
    let male = 0;
    let old = 0;
    let all = 0;
    expected.forEach((n, i) => {
      all += n;
      if (cellSex(i, 38) === Sex.MALE) male += n;
      if (cellAgeBand(i, 38) === 3) old += n;
    });
    expect(seen.male + seen.female).toBe(seen.all);
    expect(seen.all).toBeGreaterThan(300);
    // Binomial: within four standard errors.
    const close = (k: number, p: number) =>
      expect(Math.abs(k / seen.all - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / seen.all));
    close(seen.male, male / all);
    close(seen.old, old / all);
  });
});
