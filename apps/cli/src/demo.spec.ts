import { describe, expect, it } from 'vitest';
import { runDemo } from './demo';

describe('caretwin demo', () => {
  it('reports the events it simulated and sets occupancy and blocking beside Erlang-B', () => {
    const lines = runDemo({ seed: 1, clock: () => 0 });
    const text = lines.join('\n');
    expect(lines).toHaveLength(6);
    expect(text).toMatch(/simulated [\d,]+ events \(admissions and discharges\) in 0\.00 s/);
    expect(text).toContain('analytic λ·(1−B)·stay = 106.9');
    expect(text).toContain('Erlang-B = 2.78 %');
  });

  it('prints the same figures for the same seed', () => {
    const clock = () => 0;
    expect(runDemo({ seed: 3, clock })).toEqual(runDemo({ seed: 3, clock }));
    expect(runDemo({ seed: 3, clock })).not.toEqual(runDemo({ seed: 4, clock }));
  });
});
