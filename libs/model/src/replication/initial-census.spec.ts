// The initial census of mode `given`: listed hospitals × functions start with their counts; what
// is not listed starts empty, or — with `missing: expected` (a forecast's start) — at the model's
// expected census. Stays of 300 days and 100 admissions a year per area keep day 1 at the start.
import { describe, expect, it } from 'vitest';
import type { InitialCensus } from '@caretwin/scenario';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { runReplication } from './replication';

const region = buildRegion({
  areas: [
    { id: 'north', adjacent: ['south'] },
    { id: 'south', adjacent: ['north'] },
  ],
  municipalities: [
    { id: 'mn', area: 'north', lat: 38.5, lng: 140.9, population: 10_000 },
    { id: 'ms', area: 'south', lat: 38.0, lng: 140.8, population: 10_000 },
  ],
  hospitals: [
    { id: 'hn', area: 'north', municipality: 'mn', lat: 38.5, lng: 140.9, beds: { acute: 200 } },
    { id: 'hs', area: 'south', municipality: 'ms', lat: 38.0, lng: 140.8, beds: { acute: 200 } },
  ],
  conditions: [
    condition({ id: 'long', ratePer100k: 1000, phases: [{ id: 'stay', function: 'acute', meanDays: 300 }] }),
  ],
});

/** Acute beds in use per area at the first midnight. */
function dayOne(initialCensus: InitialCensus): Record<string, number> {
  const out: Record<string, number> = {};
  runReplication(resolvedScenario(region, { horizonDays: 1, warmupDays: 0, initialCensus }), 0, {
    onDay: (day, snapshot) => {
      if (day === 1) for (const o of snapshot.occupancy) if (o.function === 'acute') out[o.area] = o.inUse;
    },
  });
  return out;
}

describe('an initial census given per hospital', () => {
  // 100 admissions a year × 300 days ÷ 365 ≈ 82 patients per area
  const expected = dayOne({ mode: 'expected' });

  it('starts the listed hospital × function with its count and the rest empty by default', () => {
    const day = dayOne({ mode: 'given', hospitals: { hn: { acute: 120 } } });
    expect(day.north).toBeGreaterThanOrEqual(118);
    expect(day.north).toBeLessThanOrEqual(122);
    expect(day.south).toBeLessThanOrEqual(2);
  });

  it('starts what is not listed at the expected census with missing: expected', () => {
    expect(expected.south).toBeGreaterThan(70);
    expect(expected.south).toBeLessThan(95);
    const day = dayOne({ mode: 'given', hospitals: { hn: { acute: 120 } }, missing: 'expected' });
    expect(day.north).toBeGreaterThanOrEqual(118);
    expect(day.north).toBeLessThanOrEqual(122);
    expect(Math.abs(day.south - expected.south)).toBeLessThanOrEqual(3);
  });

  it('gives a listed count of 0 as empty, not as expected', () => {
    const day = dayOne({ mode: 'given', hospitals: { hs: { acute: 0 } }, missing: 'expected' });
    expect(day.south).toBeLessThanOrEqual(2);
    expect(Math.abs(day.north - expected.north)).toBeLessThanOrEqual(3);
  });
});

describe('an initial census drawn from a measured mix (a forecast’s start)', () => {
  // Two acute conditions: one stays 300 days, the other 2. The mix decides which the census holds.
  const mixed = buildRegion({
    areas: [{ id: 'north', adjacent: [] }],
    municipalities: [{ id: 'mn', area: 'north', lat: 38.5, lng: 140.9, population: 10_000 }],
    hospitals: [{ id: 'hn', area: 'north', municipality: 'mn', lat: 38.5, lng: 140.9, beds: { acute: 200 } }],
    conditions: [
      condition({ id: 'long', ratePer100k: 10, phases: [{ id: 'stay', function: 'acute', meanDays: 300 }] }),
      condition({ id: 'short', ratePer100k: 10, phases: [{ id: 'stay', function: 'acute', meanDays: 2 }] }),
    ],
  });

  /** Acute beds in use at the end of day 10, starting from 100 patients drawn from `mix`. */
  function dayTen(weights: [number, number] | null): number {
    const resolved = resolvedScenario(mixed, {
      horizonDays: 10,
      warmupDays: 0,
      initialCensus: { mode: 'given', hospitals: { hn: { acute: 100 } } },
    });
    // pool hn × acute is 1; phases 0 (long) and 1 (short), tails after them
    if (weights) {
      resolved.censusMix = new Float64Array(4 * 2 * 2);
      resolved.censusMix.set(weights, 1 * 4);
    }
    let inUse = -1;
    runReplication(resolved, 0, {
      onDay: (day, snapshot) => {
        if (day === 10) inUse = snapshot.occupancy.find((o) => o.function === 'acute')!.inUse;
      },
    });
    return inUse;
  }

  it('keeps the long stays of a mix of long stays, and empties a ward whose mix is short stays', () => {
    expect(dayTen([1, 0])).toBeGreaterThanOrEqual(90);
    expect(dayTen([0, 1])).toBeLessThanOrEqual(10);
  });
});
