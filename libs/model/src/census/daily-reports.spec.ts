import { describe, expect, it } from 'vitest';
import type { DaySnapshot } from '@caretwin/contracts';
import { runReplication } from '../replication/replication';
import { resolvedScenario } from '../testing/region-builder';
import { STRESS_POLICIES, stressRegion } from '../testing/stress-region';
import { simulateDailyCensus } from './daily-reports';

const scenario = (warmupDays = 5, policies = STRESS_POLICIES) =>
  resolvedScenario(stressRegion(), {
    seed: 3,
    horizonDays: 30,
    warmupDays,
    initialCensus: { mode: 'expected' },
    policies,
  });

describe('simulateDailyCensus', () => {
  it('records every hospital × function × horizon day, and the occupied beds follow admissions − discharges exactly', () => {
    const h = simulateDailyCensus(scenario(), 0);
    const pools = h.hospitals.length * 4;
    expect(h.occupied).toHaveLength(pools * 30);
    expect(h.hospitalAreas).toHaveLength(h.hospitals.length);
    let flow = 0;
    for (let pool = 0; pool < pools; pool++) {
      for (let d = 1; d < h.days; d++) {
        const at = pool * h.days + d;
        expect(h.occupied[at]).toBe(h.occupied[at - 1] + h.admissions[at] - h.discharges[at]);
        expect(h.occupied[at]).toBeLessThanOrEqual(h.beds[at]);
        flow += h.admissions[at];
      }
    }
    expect(flow).toBeGreaterThan(100);
  });

  it('is the same for the same seed and replication; without a warm-up day 0 starts from the initial census', () => {
    const h = simulateDailyCensus(scenario(0, []), 0);
    expect(simulateDailyCensus(scenario(0, []), 0).occupied).toEqual(h.occupied);
    let seeded = 0;
    for (let pool = 0; pool < h.hospitals.length * 4; pool++) {
      const start = pool * h.days;
      const before = h.occupied[start] - h.admissions[start] + h.discharges[start];
      expect(before).toBeGreaterThanOrEqual(0);
      expect(before).toBeLessThanOrEqual(h.beds[start]);
      seeded += before;
      for (let d = 1; d < h.days; d++)
        expect(h.occupied[start + d]).toBe(
          h.occupied[start + d - 1] + h.admissions[start + d] - h.discharges[start + d],
        );
    }
    expect(seeded).toBeGreaterThan(0);
  });

  it('leaves the run itself unchanged: the same result as runReplication, and the day hook still called', () => {
    const days: number[] = [];
    const h = simulateDailyCensus(scenario(), 2, { onDay: (day: number, _s: DaySnapshot) => days.push(day) });
    const plain = runReplication(scenario(), 2);
    expect(JSON.stringify(h.result.kpis)).toBe(JSON.stringify(plain.kpis));
    expect(days).toHaveLength(35);
  });

  it('ends each day at the area occupancy the day snapshot shows', () => {
    const last = new Map<number, DaySnapshot>();
    const h = simulateDailyCensus(scenario(), 1, { onDay: (day, s) => last.set(day, s) });
    const snapshot = last.get(5 + 10 + 1)!;
    for (const point of snapshot.occupancy) {
      let sum = 0;
      h.hospitals.forEach((_, i) => {
        if (h.hospitalAreas[i] === point.area)
          sum += h.occupied[(i * 4 + h.functions.indexOf(point.function)) * h.days + 10];
      });
      expect(sum).toBe(point.inUse);
    }
  });
});
