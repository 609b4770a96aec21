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
