import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { runReplication } from './replication';

// One town, no ambulances used (every patient walks in), two hospitals of 200 and 400 beds.
// When `filled`, the first one's beds are held for years by the given census. Gravity sends some
// walk-ins to each.
function walkIns(filled: boolean): ReplicationResult {
  const region = buildRegion({
    areas: [{ id: 'a' }],
    municipalities: [{ id: 'm', area: 'a', lat: 38, lng: 140.8, population: 100_000 }],
    hospitals: [
      { id: 'full', area: 'a', municipality: 'm', lat: 38.01, lng: 140.8, beds: { acute: 200 } },
      { id: 'roomy', area: 'a', municipality: 'm', lat: 38.03, lng: 140.8, beds: { acute: 400 } },
    ],
    bases: [{ id: 'b', area: 'a', municipality: 'm', lat: 38, lng: 140.8, vehicles: 5 }],
    conditions: [
      condition({
        id: 'fall',
        ratePer100k: 3650,
        phases: [{ id: 'ward', function: 'acute', meanDays: 3650, cv: 0.05 }],
      }),
    ],
  });
  return runReplication(
    resolvedScenario(region, {
      horizonDays: 10,
      initialCensus: filled ? { mode: 'given', hospitals: { full: { acute: 200 } } } : { mode: 'empty' },
    }),
    0,
  );
}

describe('walk-ins whose first choice is full', () => {
  it('are redirected to a hospital with a bed: counted as patients, not as refused inquiries', () => {
    const r = walkIns(true);
    expect(r.kpis['walkIns.redirected']).toBeGreaterThan(10);
    expect(r.kpis['walkIns.redirected']).toBe(r.kpis['area.a.walkInsRedirected']);
    expect(r.kpis['walkIns.redirectedShare']).toBeGreaterThan(0);
    expect(r.kpis['walkIns.redirectedShare']).toBeLessThan(1);
    expect(r.kpis['inquiries.total']).toBe(0);
    expect(r.kpis['inquiries.refused']).toBe(0);
    expect(r.kpis['overflow']).toBe(0);
    // Redirected walk-ins were admitted at the roomy hospital (a census bed that frees early at
    // the full one may take a few walk-ins there).
    expect(r.hospitals[1].admissions).toBeGreaterThanOrEqual(r.kpis['walkIns.redirected']);
    expect(r.hospitals[0].admissions).toBeLessThan(r.kpis['walkIns.redirected'] / 5);
  });

  it('are not redirected when the first choice has room', () => {
    const r = walkIns(false);
    expect(r.kpis['walkIns.redirected']).toBe(0);
    expect(r.kpis['walkIns.redirectedShare']).toBe(0);
  });
});
