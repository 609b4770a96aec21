import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from './erlang';

describe('Erlang formulas', () => {
  it('match textbook values', () => {
    expect(erlangB(5, 4)).toBeCloseTo(0.199067, 6);
    expect(erlangB(1, 1)).toBe(0.5);
    expect(erlangC(5, 4)).toBeCloseTo(0.554113, 6);
    expect(erlangC(2, 2)).toBe(1);
  });

  it('stay finite and accurate for hundreds of beds, where Aᶜ/c! would overflow', () => {
    const b = erlangB(450, 400);
    expect(b).toBeGreaterThan(0.0009);
    expect(b).toBeLessThan(0.001);
    // Direct sum in logs as an independent check.
    let logTerm = 0;
    let sum = 1;
    for (let k = 1; k <= 450; k++) {
      logTerm += Math.log(400 / k);
      sum += Math.exp(logTerm);
    }
    expect(b).toBeCloseTo(Math.exp(logTerm) / sum, 15);
  });
});
