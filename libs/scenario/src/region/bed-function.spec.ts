import { describe, expect, it } from 'vitest';
import type { ResourceIntensity } from '../types';
import {
  DEFAULT_RESOURCE_POINT_THRESHOLDS as T,
  dayFunction,
  phaseFunction,
  wardFunction,
} from './bed-function';

const flat = (points: number, rule: ResourceIntensity['rule'] = null): ResourceIntensity => ({
  segments: [{ until: null, points }],
  rule,
});

describe('bed functions from 医療資源投入量 (MHLW thresholds 3,000 / 600 / 225, 175)', () => {
  it('gives a day the function of its points, the 175–225 band counting as recovery (退院調整)', () => {
    expect(dayFunction(3000, null, T)).toBe('highAcute');
    expect(dayFunction(2999, null, T)).toBe('acute');
    expect(dayFunction(600, null, T)).toBe('acute');
    expect(dayFunction(599, null, T)).toBe('recovery');
    expect(dayFunction(225, null, T)).toBe('recovery');
    expect(dayFunction(175, null, T)).toBe('recovery');
    expect(dayFunction(174, null, T)).toBeNull();
  });

  it('drops the discharge allowance when it equals C3', () => {
    expect(dayFunction(200, null, { ...T, dischargeAdjustment: 225 })).toBeNull();
  });

  it('lets the ward rules override the points: 回復期リハ/地域包括 recovery, 療養 chronic', () => {
    expect(dayFunction(5000, 'kaifukuki', T)).toBe('recovery');
    expect(dayFunction(120, 'ryoyo', T)).toBe('chronic');
    expect(wardFunction(flat(120, 'ryoyo'), 132, T)).toBe('chronic');
  });

  it('places a phase in the most acute function its points hold for two days, not for a one-day peak', () => {
    // Hip fracture's acute phase: work-up 1,200 for two days, the operation (15,000) on day 2, then 800.
    const hip: ResourceIntensity = {
      segments: [
        { until: 2, points: 1200 },
        { until: 3, points: 15_000 },
        { until: null, points: 800 },
      ],
      rule: null,
    };
    expect(wardFunction(hip, 25, T)).toBe('acute');
    // Two high-acute days make a high-acute ward (a stroke unit).
    const unit: ResourceIntensity = {
      segments: [
        { until: 2, points: 7000 },
        { until: null, points: 900 },
      ],
      rule: null,
    };
    expect(wardFunction(unit, 10, T)).toBe('highAcute');
    // A stay shorter than two days needs only its own length at that level.
    expect(wardFunction(unit, 1.5, T)).toBe('highAcute');
  });

  it('reads the points over the mean stay only: late low days do not move the ward', () => {
    const acute: ResourceIntensity = {
      segments: [
        { until: 3, points: 1000 },
        { until: null, points: 300 },
      ],
      rule: null,
    };
    expect(wardFunction(acute, 20, T)).toBe('acute');
    expect(wardFunction(flat(300), 20, T)).toBe('recovery');
    expect(wardFunction(flat(100), 20, T)).toBeNull();
  });

  it('keeps a phase without points at its given function, and derives one otherwise', () => {
    expect(phaseFunction({ function: 'chronic', stay: { meanDays: 10 } }, T)).toBe('chronic');
    expect(phaseFunction({ pointsPerDay: flat(4000), stay: { meanDays: 3 } }, T)).toBe('highAcute');
    expect(phaseFunction({ stay: { meanDays: 3 } }, T)).toBeNull();
  });
});
