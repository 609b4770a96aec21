import { describe, expect, it } from 'vitest';
import { AliasTable } from './alias-table';
import { streamFor } from './random-stream';

describe('AliasTable', () => {
  it('draws categories in proportion to unnormalised weights, never a zero-weight one', () => {
    const weights = [5, 0, 1, 3, 0.5, 0.5];
    const table = new AliasTable(weights);
    expect(table.size).toBe(6);
    const rng = streamFor(1, 0, 'alias');
    const n = 200_000;
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < n; i++) counts[table.sample(rng)]++;
    expect(counts[1]).toBe(0);
    weights.forEach((w, i) => expect(Math.abs(counts[i] / n - w / 10)).toBeLessThan(0.004));
  });

  it('refuses weights that cannot describe a distribution', () => {
    expect(() => new AliasTable([])).toThrow(/at least one/);
    expect(() => new AliasTable([0, 0])).toThrow(/sum to 0/);
    expect(() => new AliasTable([1, -1])).toThrow(/weight 1/);
  });
});
