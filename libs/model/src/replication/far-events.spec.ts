import { MINUTES_PER_DAY as DAY } from '@caretwin/contracts';
import { Simulation } from '@caretwin/engine';
import { describe, expect, it } from 'vitest';
import { FarEvents } from './far-events';

describe('FarEvents', () => {
  it('fires events scheduled days ahead at their exact times, in time order, like the heap would', () => {
    const sim = new Simulation();
    const far = new FarEvents(sim, 7, 30 * DAY);
    const times = [5, 3000, 2 * DAY + 1, 10 * DAY + 0.5, 10 * DAY + 0.25, 30 * DAY - 1, 31 * DAY];
    times.forEach((t, id) => far.schedule(t, id));
    const fired: Array<[number, number]> = [];
    sim.run(
      (kind, a) => fired.push([kind, a]),
      30 * DAY,
      (day) => far.flush(day),
    );
    expect(fired.map(([, id]) => times[id])).toEqual(times.filter((t) => t < 30 * DAY).sort((a, b) => a - b));
    expect(fired.every(([kind]) => kind === 7)).toBe(true);
  });

  it('keeps only the next two days of events in the heap', () => {
    const sim = new Simulation();
    const far = new FarEvents(sim, 1, 100 * DAY);
    for (let i = 0; i < 100; i++) far.schedule(i * DAY + 60, i);
    expect(sim.pending).toBe(2);
  });
});
