import { describe, expect, it } from 'vitest';
import { WaitingLine } from './waiting-line';

const drain = (line: WaitingLine): number[] => {
  const out: number[] = [];
  for (let id = line.dequeue(); id >= 0; id = line.dequeue()) out.push(id);
  return out;
};

describe('WaitingLine', () => {
  it('serves first come, first served by default, ignoring priorities', () => {
    const line = new WaitingLine({ initialCapacity: 2 });
    [5, 3, 9, 1, 7].forEach((id, i) => line.enqueue(id, 10 - i));
    expect(line.peek()).toBe(5);
    expect(drain(line)).toEqual([5, 3, 9, 1, 7]);
    expect(line.dequeue()).toBe(-1);
  });

  it('serves lower priority first and keeps arrival order within a priority', () => {
    const line = new WaitingLine({ priority: true });
    line.enqueue(1, 2);
    line.enqueue(2, 0);
    line.enqueue(3, 2);
    line.enqueue(4, 0);
    line.enqueue(5, 1);
    expect(drain(line)).toEqual([2, 4, 5, 1, 3]);
  });

  it('lets a waiter leave from anywhere in the line and reports when it was enqueued', () => {
    const line = new WaitingLine({ priority: true });
    for (let id = 0; id < 20; id++) line.enqueue(id, id % 3, 100 + id);
    expect(line.remove(7)).toBe(true);
    expect(line.lastEnqueueTime).toBe(107);
    expect(line.remove(7)).toBe(false);
    expect(line.remove(99)).toBe(false);
    expect(line.length).toBe(19);
    const order = drain(line);
    expect(order).toEqual([0, 3, 6, 9, 12, 15, 18, 1, 4, 10, 13, 16, 19, 2, 5, 8, 11, 14, 17]);
  });
});
