import { describe, expect, it } from 'vitest';
import { MINUTES_PER_DAY } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import { Facilities, Levers } from '../region/facilities';
import { Network, usedRouteKeys } from '../region/network';
import { RegionIndex } from '../region/region-index';
import { buildRegion, condition, resolvedScenario, type ScenarioSpec } from '../testing/region-builder';
import { SLOT_HEADROOM, SLOT_OPENING_MINUTE, expectedBookingsPerDay } from './bookings';
import { Replication } from './replication';

// One town of 100,000 and two hospitals; one booked condition: 3,650 bookings a year (10 a day
// over the year, all on weekdays), 3-day stays, no emergencies.
function region(beds: { near: number; far: number }) {
  return buildRegion({
    areas: [{ id: 'A' }],
    municipalities: [{ id: 'town', area: 'A', lat: 38.3, lng: 140.9, population: 100_000 }],
    hospitals: [
      { id: 'near', area: 'A', municipality: 'town', lat: 38.3, lng: 140.9, beds: { acute: beds.near } },
      { id: 'far', area: 'A', municipality: 'town', lat: 38.5, lng: 141.1, beds: { acute: beds.far } },
    ],
    conditions: [
      condition({
        id: 'operation',
        ratePer100k: 3650,
        scheduledShare: 1,
        phases: [{ id: 'ward', function: 'acute', meanDays: 3, cv: 0.5 }],
      }),
    ],
  });
}

interface Admitted {
  t: number;
  booked: number;
  h: number;
}

/** A run with every admission from a list and every day's slots logged. */
function run(beds: { near: number; far: number }, horizonDays: number, extra: ScenarioSpec = {}) {
  const replication = new Replication(
    resolvedScenario(region(beds), { horizonDays, warmupDays: 14, ...extra }),
    0,
  );
  const { bookings, admissions, state } = replication;
  const admitted: Admitted[] = [];
  const admit = admissions.admitFromList.bind(admissions);
  admissions.admitFromList = (pid, h, pool) => {
    admitted.push({ t: state.sim.now, booked: state.patients.tMark[pid], h });
    admit(pid, h, pool);
  };
  const slots: number[][] = [];
  const open = bookings.openSlots.bind(bookings);
  bookings.openSlots = (day) => {
    open(day);
    slots[day] = Array.from(bookings.slotsToday);
  };
  const result = replication.run();
  return { result, admitted, slots, replication };
}

const dayOf = (t: number) => Math.floor(t / MINUTES_PER_DAY);
const ACUTE = 1;

describe('scheduled admissions (予定入院): booking lists with daily slots', () => {
  it('admits a booked patient only on a later day that opened a slot at its hospital, never beyond the slots', () => {
    const { admitted, slots, result } = run({ near: 60, far: 60 }, 84);
    expect(admitted.length).toBeGreaterThan(500);
    const perDay = new Map<string, number>();
    for (const a of admitted) {
      const day = dayOf(a.t);
      expect(day).toBeGreaterThan(dayOf(a.booked));
      expect(a.t - day * MINUTES_PER_DAY).toBeGreaterThanOrEqual(SLOT_OPENING_MINUTE);
      const key = `${day}/${a.h}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    for (const [key, n] of perDay) {
      const [day, h] = key.split('/').map(Number);
      expect(n, key).toBeLessThanOrEqual(slots[day][h * 4 + ACUTE]);
    }
    // The start date is a Monday: Saturdays and Sundays open no slot and admit nobody from a list.
    for (let day = 5; day < slots.length; day += 7) {
      expect(slots[day].every((n) => n === 0)).toBe(true);
      expect(slots[day + 1]?.every((n) => n === 0) ?? true).toBe(true);
    }
    expect(admitted.some((a) => dayOf(a.t) % 7 >= 5)).toBe(false);
    expect(result.kpis['admissions.scheduled']).toBeGreaterThan(0);
    expect(result.kpis['admissions.emergency']).toBe(0);
    expect(result.kpis['scheduled.waitDays.mean']).toBeGreaterThanOrEqual(1);
  });

  it('opens per weekday slots for the expected bookings per bed, with the headroom, at each hospital', () => {
    const { slots, replication } = run({ near: 60, far: 30 }, 56);
    const index = new RegionIndex(replication.state.index.region, []);
    const facilities = new Facilities(index);
    const network = new Network(index, facilities, new Levers(index), usedRouteKeys(index));
    const expected = expectedBookingsPerDay(index, network, 2020);
    // 10 bookings a day split by the gravity shares (beds ÷ minutes²): the near hospital takes most.
    expect(expected[ACUTE] + expected[4 + ACUTE]).toBeCloseTo(10, 9);
    expect(expected[ACUTE]).toBeGreaterThan(expected[4 + ACUTE]);
    for (const h of [0, 1]) {
      const pool = h * 4 + ACUTE;
      let opened = 0;
      for (let day = 0; day < 56; day++) opened += slots[day][pool];
      // Eight weeks of slots = 56 days × expected × (1 + headroom), within one slot of rounding.
      expect(Math.abs(opened - 56 * expected[pool] * (1 + SLOT_HEADROOM))).toBeLessThanOrEqual(1);
    }
  });

  it('forms a list when bookings outrun the slots, and keeps booked patients waiting while beds are full', () => {
    const normal = run({ near: 200, far: 200 }, 84).result.kpis;
    // 40 % more bookings than the slots were sized for: the list grows.
    const surge = run({ near: 200, far: 200 }, 84, {
      multiplier: () => 1.4,
    }).result;
    expect(surge.kpis['scheduled.waiting.mean']).toBeGreaterThan(5 * normal['scheduled.waiting.mean']);
    expect(surge.kpis['scheduled.waitDays.mean']).toBeGreaterThan(3 * normal['scheduled.waitDays.mean']);
    expect(surge.census.inSystem.bookingList).toBeGreaterThan(100);
    // Too few beds: slots go unused, nobody is admitted outside occupancy, the rest stay listed.
    const full = run({ near: 6, far: 4 }, 84).result;
    expect(full.kpis['overflow']).toBe(0);
    expect(full.census.inSystem.bookingList).toBeGreaterThan(100);
    expect(full.kpis['admissions.scheduled']).toBeLessThan(0.5 * normal['admissions.scheduled']);
  });

  it('books the patients of a closed hospital again elsewhere, keeping their first booking time', () => {
    const close: Policy[] = [{ kind: 'closeHospital', hospital: 'near', fromDay: 30 }];
    const { admitted, result } = run({ near: 60, far: 60 }, 60, { policies: close });
    expect(admitted.filter((a) => a.t >= 30 * MINUTES_PER_DAY).every((a) => a.h === 1)).toBe(true);
    // Patients booked at `near` before the closure are admitted at `far`, their wait counted from then.
    expect(
      admitted.some((a) => a.h === 1 && a.t >= 30 * MINUTES_PER_DAY && a.booked < 29 * MINUTES_PER_DAY),
    ).toBe(true);
    expect(result.census.consistent).toBe(true);
  });
});
