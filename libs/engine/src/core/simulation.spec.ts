import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import { MINUTES_PER_DAY } from './time';

interface Pending {
  id: number;
  time: number;
  priority: number;
  seq: number;
  handle: number;
}

const before = (x: Pending, y: Pending): boolean =>
  x.time < y.time ||
  (x.time === y.time && (x.priority < y.priority || (x.priority === y.priority && x.seq < y.seq)));

// Small integer times and priorities make ties common, which is what the order rule is about.
const scheduleOp = fc.record({
  time: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 400 })),
  priority: fc.integer({ min: -2, max: 2 }),
});
const reaction = fc.record({
  children: fc.array(
    fc.record({
      delay: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })),
      priority: fc.integer({ min: -2, max: 2 }),
      withHandle: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  cancels: fc.array(fc.nat(), { maxLength: 2 }),
});

describe('Simulation', () => {
  it('fires events in (time, priority, insertion) order, whatever is scheduled or cancelled along the way', () => {
    fc.assert(
      fc.property(
        fc.array(scheduleOp, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(reaction, { maxLength: 80 }),
        // Bucket widths from "everything is far" to "nothing is", and a ring of 8 buckets so
        // that events beyond it take the direct path to the heap.
        fc.constantFrom(1, 7, 30, 1440),
        fc.integer({ min: 0, max: 300 }),
        (initial, initialCancels, reactions, bucketMinutes, pause) => {
          const sim = new Simulation({ initialCapacity: 4, bucketMinutes, bucketCount: 8 }); // tiny, so arrays grow
          const all: Pending[] = [];
          const live = new Set<Pending>();
          // Events posted without a handle (postAt) take part in the order but cannot be cancelled.
          const schedule = (time: number, priority: number, withHandle = true): void => {
            const id = all.length;
            let handle = Number.NaN;
            if (withHandle) handle = sim.scheduleAt(time, 7, id, 1000 + id, priority);
            else sim.postAt(time, 7, id, 1000 + id, priority);
            const p = { id, time, priority, seq: id, handle };
            all.push(p);
            live.add(p);
          };
          const cancel = (index: number): void => {
            if (all.length === 0) return;
            const p = all[index % all.length];
            if (Number.isNaN(p.handle)) expect(sim.cancel(p.handle)).toBe(false);
            else expect(sim.cancel(p.handle)).toBe(live.delete(p));
          };
          for (const op of initial) schedule(op.time, op.priority);
          for (const index of initialCancels) cancel(index);
          expect(sim.pending).toBe(live.size);

          let step = 0;
          const handler = (kind: number, a: number, b: number): void => {
            expect(kind).toBe(7);
            expect(b).toBe(1000 + a);
            const fired = all[a];
            expect(live.has(fired)).toBe(true);
            for (const other of live) expect(before(other, fired)).toBe(false);
            live.delete(fired);
            expect(sim.now).toBe(fired.time);
            const r = reactions[step++];
            if (r === undefined) return;
            for (const child of r.children) schedule(sim.now + child.delay, child.priority, child.withHandle);
            for (const index of r.cancels) cancel(index);
          };
          // In two runs: up to a pause, then to the end.
          sim.run(handler, pause);
          expect(sim.now).toBe(pause);
          for (const p of live) expect(p.time).toBeGreaterThan(pause);
          sim.run(handler);
          expect(live.size).toBe(0);
          expect(sim.pending).toBe(0);
        },
      ),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('calls the day hook once per boundary, at the boundary, before that day’s first event', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.scheduleAt(MINUTES_PER_DAY, 1); // exactly on the first boundary
    sim.scheduleAt(2.5 * MINUTES_PER_DAY, 2);
    sim.run(
      (kind) => seen.push(`event ${kind} at ${sim.now}`),
      4 * MINUTES_PER_DAY,
      (day) => seen.push(`day ${day} at ${sim.now}`),
    );
    expect(seen).toEqual([
      'day 1 at 1440',
      'event 1 at 1440',
      'day 2 at 2880',
      'event 2 at 3600',
      'day 3 at 4320',
      'day 4 at 5760',
    ]);
    expect(sim.now).toBe(4 * MINUTES_PER_DAY);
  });

  it('stops after the current event and resumes where it stopped', () => {
    const sim = new Simulation();
    for (let i = 1; i <= 5; i++) sim.scheduleAt(i, 0, i);
    const fired: number[] = [];
    const handler = (_kind: number, a: number): void => {
      fired.push(a);
      if (a === 2) sim.stop();
    };
    sim.run(handler, 100);
    expect(fired).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    sim.run(handler, 100);
    expect(fired).toEqual([1, 2, 3, 4, 5]);
    expect(sim.now).toBe(100);
    expect(sim.eventsProcessed).toBe(5);
  });

  it('refuses to schedule into the past or with a fractional priority', () => {
    const sim = new Simulation();
    sim.scheduleAt(10, 0);
    sim.run(() => undefined);
    expect(() => sim.scheduleAt(9, 0)).toThrow(/before now/);
    expect(() => sim.scheduleAt(Number.NaN, 0)).toThrow(/before now/);
    expect(() => sim.scheduleIn(1, 0, 0, 0, 0.5)).toThrow(/priority/);
  });

  it('does not let a stale handle cancel the event that reuses its slot', () => {
    const sim = new Simulation();
    const first = sim.scheduleAt(1, 0, 1);
    sim.run(() => undefined);
    sim.scheduleAt(2, 0, 2); // reuses the freed slot
    expect(sim.cancel(first)).toBe(false);
    const fired: number[] = [];
    sim.run((_kind, a) => fired.push(a));
    expect(fired).toEqual([2]);
  });

  it('still fires the survivors after thousands of cancellations (compaction)', () => {
    const sim = new Simulation();
    for (let i = 0; i < 5000; i++) sim.cancel(sim.scheduleAt(1000 + i, 0, i));
    sim.scheduleAt(1, 0, -1);
    expect(sim.pending).toBe(1);
    const fired: number[] = [];
    sim.run((_kind, a) => fired.push(a));
    expect(fired).toEqual([-1]);
  });
});
