import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import { runReplication } from '../replication/replication';
import { resolvedScenario } from '../testing/region-builder';
import { stressRegion } from '../testing/stress-region';
import { aggregate } from './aggregate';
import { compareResults } from './compare';

const REPLICATIONS = 6;
const runAll = (policies: Policy[], seed = 1): ReplicationResult[] => {
  const s = resolvedScenario(stressRegion(), {
    seed,
    horizonDays: 45,
    warmupDays: 5,
    initialCensus: { mode: 'expected' },
    policies,
  });
  return Array.from({ length: REPLICATIONS }, (_, i) => runReplication(s, i));
};
const baseline = runAll([]);
const moreBeds = runAll([{ kind: 'setBeds', hospital: 'n-core', beds: { acute: 45 } }]);

describe('aggregate', () => {
  it('sorts replications by index first, so the order they finished in does not matter', () => {
    const shuffled = [baseline[3], baseline[0], baseline[5], baseline[1], baseline[4], baseline[2]];
    expect(JSON.stringify(aggregate(shuffled))).toBe(JSON.stringify(aggregate(baseline)));
  });

  it('gives the mean and a 95 % CI per KPI and a band per series point', () => {
    const agg = aggregate(baseline);
    const values = baseline.map((r) => r.kpis['inquiries.refused']);
    expect(agg.kpis['inquiries.refused'].mean).toBeCloseTo(
      values.reduce((s, x) => s + x, 0) / REPLICATIONS,
      9,
    );
    expect(agg.kpis['inquiries.refused'].lo).toBeLessThan(agg.kpis['inquiries.refused'].mean);
    expect(agg.replicationIndices).toEqual([0, 1, 2, 3, 4, 5]);
    const series = agg.dailyOccupancy[0];
    expect(series.inUse.mean).toHaveLength(45);
    series.inUse.mean.forEach((m, d) => expect(series.inUse.lo[d]).toBeLessThanOrEqual(m));
    expect(agg.conservationConsistent).toBe(true);
  });

  it('refuses to mix replications of different runs or the same replication twice', () => {
    expect(() => aggregate([...baseline, baseline[0]])).toThrow(/appears twice/);
    const other = { ...moreBeds[0], scenarioId: 'other', replication: 99 };
    expect(() => aggregate([...baseline, other])).toThrow(/different runs/);
  });
});

describe('compareResults', () => {
  it('pairs runs with the same seed and replications, with a narrower CI than an unpaired comparison', () => {
    const paired = compareResults(baseline, moreBeds);
    const unpaired = compareResults(
      baseline,
      moreBeds.map((r) => ({ ...r, seed: 7 })),
    );
    expect(paired.paired).toBe(true);
    expect(unpaired.method).toBe('welch');
    expect(unpaired.note).toMatch(/different seeds/);
    for (const key of ['inquiries.refused', 'overflow', 'admissions']) {
      expect(paired.kpis[key].difference).toBeCloseTo(unpaired.kpis[key].difference, 9);
      expect(paired.kpis[key].halfWidth, key).toBeLessThan(unpaired.kpis[key].halfWidth);
    }
  });

  it('finds that more beds mean fewer refused inquiries, significantly', () => {
    const c = compareResults(baseline, moreBeds);
    expect(c.kpis['inquiries.refused'].difference).toBeLessThan(0);
    expect(c.kpis['inquiries.refused'].significant).toBe(true);
  });

  it('falls back to Welch when the replication counts differ, and says so', () => {
    const c = compareResults(baseline, moreBeds.slice(0, 4));
    expect(c.paired).toBe(false);
    expect(c.note).toMatch(/different replications/);
  });
});
