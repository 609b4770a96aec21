import { describe, expect, it } from 'vitest';
import type { DaySnapshot } from '@caretwin/contracts';
import { resolvedScenario } from '../testing/region-builder';
import { STRESS_POLICIES, stressRegion } from '../testing/stress-region';
import { runReplication } from './replication';

const scenario = (seed = 1) =>
  resolvedScenario(stressRegion(), {
    seed,
    horizonDays: 40,
    warmupDays: 5,
    initialCensus: { mode: 'expected' },
    policies: STRESS_POLICIES,
  });

describe('runReplication', () => {
  it('gives byte-identical JSON for the same scenario, seed and replication index', () => {
    const a = JSON.stringify(runReplication(scenario(), 3));
    const b = JSON.stringify(runReplication(scenario(), 3));
    expect(a).toBe(b);
  });

  it('gives different results for another seed or another replication index', () => {
    const base = runReplication(scenario(), 0).kpis;
    expect(runReplication(scenario(2), 0).kpis).not.toEqual(base);
    expect(runReplication(scenario(), 1).kpis).not.toEqual(base);
  });

  it('calls onDay once per simulated day, warm-up included, with occupancy per area and function', () => {
    const days: DaySnapshot[] = [];
    runReplication(scenario(), 0, { onDay: (_day, snapshot) => days.push(snapshot) });
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(days.filter((d) => d.warmup)).toHaveLength(5);
    expect(days[10].occupancy).toHaveLength(2 * 4);
    expect(days[44].counters.admissions).toBeGreaterThan(days[10].counters.admissions);
  });

  it('stops when shouldStop says so and reports the days it simulated', () => {
    let polls = 0;
    const result = runReplication(scenario(), 0, { shouldStop: () => ++polls >= 15 });
    expect(result.stoppedEarly).toBe(true);
    expect(result.daysSimulated).toBe(10);
    expect(result.dailyOccupancy[0].inUse).toHaveLength(10);
    expect(result.census.consistent).toBe(true);
  });

  it('keeps the daily series the horizon long and weekly hospital series in weeks', () => {
    const result = runReplication(scenario(), 0);
    expect(result.daysSimulated).toBe(40);
    for (const s of result.dailyOccupancy) expect(s.inUse).toHaveLength(40);
    for (const s of result.weeklyHospitalOccupancy) expect(s.inUse).toHaveLength(6);
    expect(result.hospitals.map((h) => h.hospital)).toEqual(['n-core', 'n-rehab', 's-core', 's-small']);
  });

  it('refuses a demand multiplier above the thinning bound', () => {
    const s = resolvedScenario(stressRegion(), {
      horizonDays: 5,
      demand: { maxMultiplier: 1.2 },
      multiplier: (h) => (h === 50 ? 1.5 : 1),
    });
    expect(() => runReplication(s, 0)).toThrow(/maxMultiplier/);
  });

  it('rejects a policy that names an unknown hospital', () => {
    const s = resolvedScenario(stressRegion(), {
      horizonDays: 5,
      policies: [{ kind: 'closeHospital', hospital: 'nowhere' }],
    });
    expect(() => runReplication(s, 0)).toThrow(/policies\[0\]\.hospital: unknown hospital "nowhere"/);
  });
});
