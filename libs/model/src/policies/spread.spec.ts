import { describe, expect, it } from 'vitest';
import { spreadCut, spreadInteger } from './spread';

describe('spreadInteger', () => {
  it('shares a total in proportion to the weights, adding up exactly', () => {
    expect(spreadInteger(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(spreadInteger(7, [100, 50, 25]).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('breaks equal remainders towards the lower index, so reruns agree', () => {
    expect(spreadInteger(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(spreadInteger(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('shares equally when every weight is zero', () => {
    expect(spreadInteger(4, [0, 0])).toEqual([2, 2]);
  });

  it('never gives a part more than its weight when the total does not exceed their sum', () => {
    const weights = [3, 1, 7, 2, 9];
    for (let total = 0; total <= 22; total++)
      spreadInteger(total, weights).forEach((n, i) => expect(n).toBeLessThanOrEqual(weights[i]));
  });
});

describe('spreadCut', () => {
  it('takes a cut in proportion to what each part may give, never more than that', () => {
    expect(spreadCut(10, [0, 15, 5])).toEqual([0, 8, 2]);
  });

  it('stops at what the parts may give together', () => {
    expect(spreadCut(50, [0, 9, 3])).toEqual([0, 9, 3]);
    expect(spreadCut(5, [0, 0])).toEqual([0, 0]);
  });
});
