import { describe, expect, it } from 'vitest';
import type { AggregateResult, Comparison, Estimate } from '@caretwin/contracts';
import { areaDifferencesTable, areasTable } from './area-table';

const est = (mean: number): Estimate => ({ n: 2, mean, sd: 0, halfWidth: 0, lo: mean, hi: mean });

const aggregate = {
  replications: 2,
  horizonDays: 100,
  flow: { areas: ['north', 'south'], admissions: [], leftRegion: [], selfSufficiency: [] },
  kpis: {
    'area.north.callToHospital.mean': est(44.94),
    'bedBlocking.days.north': est(250),
    'occupancy.north.general': est(0.987),
    'area.south.callToHospital.mean': est(38),
  },
} as unknown as AggregateResult;

describe('the CLI table of local KPIs by area', () => {
  it('prints one row per area with minutes, shares in %, and bed blocking with ≈ patients a day', () => {
    const lines = areasTable(aggregate).join('\n');
    expect(lines).toMatch(/^north\s+–\s+44\.9\b/m);
    expect(lines).toContain('250 (≈2.5/day)');
    expect(lines).toContain('98.7');
    expect(lines).toMatch(/^south\s/m);
  });

  it('keeps one area with --area, and says so when the area is unknown', () => {
    const one = areasTable(aggregate, { area: 'south' }).join('\n');
    expect(one).not.toMatch(/^north/m);
    expect(areasTable(aggregate, { area: 'west' })[0]).toMatch(
      /--area west: no such area \(the region has north, south\)/,
    );
  });

  it('marks a difference only when its CI excludes 0 and it reaches the practical threshold', () => {
    const d = (a: number, difference: number, significant: boolean) => ({
      a,
      b: a + difference,
      difference,
      halfWidth: 0.1,
      lo: difference - 0.1,
      hi: difference + 0.1,
      significant,
    });
    const comparison = {
      kpis: {
        'area.north.callToHospital.mean': d(44, 0.23, true),
        'area.south.callToHospital.mean': d(38, 2.5, true),
      },
    } as unknown as Comparison;
    const lines = areaDifferencesTable(comparison, ['north', 'south']).join('\n');
    expect(lines).toMatch(/^north\s+–\s+\+0\.2\s/m);
    expect(lines).toMatch(/^south\s+–\s+\+2\.5\*/m);
  });
});
