import { describe, expect, it } from 'vitest';
import { MINUTES_PER_DAY } from '@caretwin/contracts';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { Replication } from './replication';

// One town of 100,000, one hospital; one booked condition of 3,650 a year: 10 bookings a day
// (the slots open on weekdays only), 3-day stays. A census start (initialCensus given) must
// have the census day's bookings on its lists, as any midnight of a running region does.
const region = buildRegion({
  areas: [{ id: 'A' }],
  municipalities: [{ id: 'town', area: 'A', lat: 38.3, lng: 140.9, population: 100_000 }],
  hospitals: [{ id: 'h', area: 'A', municipality: 'town', lat: 38.3, lng: 140.9, beds: { acute: 200 } }],
  conditions: [
    condition({
      id: 'operation',
      ratePer100k: 3650,
      scheduledShare: 1,
      phases: [{ id: 'ward', function: 'acute', meanDays: 3, cv: 0.5 }],
    }),
  ],
});

/** Admissions from a list on the first day (2024-04-02 is a Tuesday: its slots open). */
function firstDayAdmissions(initialCensus: object, seed: number): number {
  const replication = new Replication(
    resolvedScenario(region, {
      seed,
      startDate: '2024-04-02',
      horizonDays: 2,
      warmupDays: 0,
      initialCensus: initialCensus as never,
    }),
    0,
  );
  let n = 0;
  const admit = replication.admissions.admitFromList.bind(replication.admissions);
  replication.admissions.admitFromList = (pid, h, pool) => {
    if (replication.state.sim.now < MINUTES_PER_DAY) n++;
    admit(pid, h, pool);
  };
  replication.run();
  return n;
}

describe('a census start (initialCensus given)', () => {
  it("begins with the census day's bookings on the lists, so the first day's slots admit about a day of them", () => {
    let given = 0;
    let expected = 0;
    for (let seed = 1; seed <= 10; seed++) {
      given += firstDayAdmissions({ mode: 'given', hospitals: { h: { acute: 30 } } }, seed);
      expected += firstDayAdmissions({ mode: 'expected' }, seed);
    }
    // the census day's 10 bookings (Poisson), within the day's slots
    expect(given / 10).toBeGreaterThan(7);
    expect(given / 10).toBeLessThan(16);
    // an ordinary start has none yet: nobody is admitted on the day they booked
    expect(expected).toBe(0);
  });
});

/** Bookings put on the lists before day 0 (prebook), averaged over 10 seeds. */
function prebooked(bookedDays: number | undefined): number {
  let total = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const replication = new Replication(
      resolvedScenario(region, {
        seed,
        startDate: '2024-04-02',
        horizonDays: 1,
        warmupDays: 0,
        initialCensus: { mode: 'given', hospitals: { h: { acute: 30 } }, bookedDays } as never,
      }),
      0,
    );
    const prebook = replication.arrivals.prebook.bind(replication.arrivals);
    replication.arrivals.prebook = (days) => {
      const before = replication.state.generatedArrivals;
      prebook(days);
      total += replication.state.generatedArrivals - before;
    };
    replication.run();
  }
  return total / 10;
}

describe('the booking lists of a census start (bookedDays: booking rate × mean wait)', () => {
  it('hold bookedDays days of bookings: about 10 a day here, three times as many for 3 days as for 1', () => {
    const one = prebooked(undefined);
    const three = prebooked(3);
    expect(one).toBeGreaterThan(7);
    expect(one).toBeLessThan(13);
    expect(three).toBeGreaterThan(2.5 * one);
    expect(three).toBeLessThan(3.5 * one);
  });
});
