import { describe, expect, it } from 'vitest';
import { runDelaySystem } from './delay-system';

describe('runDelaySystem (M/M/c with a FIFO waiting line)', () => {
  // 5 beds, 4 patients a day, stays of 1 day: Erlang-C P(wait) = 0.5541, mean wait 0.5541 days.
  const r = runDelaySystem({
    servers: 5,
    arrivalsPerDay: 4,
    meanServiceDays: 1,
    horizonDays: 40_000,
    warmupDays: 100,
    batches: 20,
    seed: 5,
  });

  it('matches the Erlang-C probability of waiting within 3 standard errors', () => {
    expect(r.analytic.waitProbability).toBeCloseTo(0.554113, 6);
    expect(Math.abs(r.waitProbability.mean - r.analytic.waitProbability)).toBeLessThan(
      3 * r.waitProbability.standardError,
    );
  });

  it('matches the Erlang-C mean wait within 3 standard errors', () => {
    expect(Math.abs(r.meanWaitDays.mean - r.analytic.meanWaitDays)).toBeLessThan(
      3 * r.meanWaitDays.standardError,
    );
  });

  it("satisfies Little's law on the same run: time-average census = arrival rate × mean time in system", () => {
    const { meanInSystem, arrivalRatePerDay, meanTimeInSystemDays } = r.little;
    expect(Math.abs(meanInSystem / (arrivalRatePerDay * meanTimeInSystemDays) - 1)).toBeLessThan(0.005);
    expect(Math.abs(meanInSystem / r.analytic.meanInSystem - 1)).toBeLessThan(0.05);
  });
});
