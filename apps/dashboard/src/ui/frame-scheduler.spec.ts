import { describe, expect, it } from 'vitest';
import { createFrameScheduler } from './frame-scheduler';

function fakeFrames() {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb: () => void) => {
      queue.set(next, cb);
      return next++;
    },
    cancel: (h: number) => void queue.delete(h),
    flush: () => {
      const callbacks = [...queue.values()];
      queue.clear();
      callbacks.forEach((cb) => cb());
    },
  };
}

describe('frame scheduler', () => {
  it('renders once per frame however many updates arrive', () => {
    const frames = fakeFrames();
    let renders = 0;
    const scheduler = createFrameScheduler(() => renders++, frames.request, frames.cancel);
    for (let i = 0; i < 50; i++) scheduler.schedule();
    expect(scheduler.pending).toBe(true);
    frames.flush();
    expect(renders).toBe(1);
    scheduler.schedule();
    frames.flush();
    expect(renders).toBe(2);
  });

  it('drops a pending render when cancelled (a view that closes)', () => {
    const frames = fakeFrames();
    let renders = 0;
    const scheduler = createFrameScheduler(() => renders++, frames.request, frames.cancel);
    scheduler.schedule();
    scheduler.cancel();
    frames.flush();
    expect(renders).toBe(0);
    expect(scheduler.pending).toBe(false);
  });
});
