import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BedPool } from './bed-pool';

const operation = fc.oneof(
  fc.constant({ kind: 'acquire' as const, capacity: 0 }),
  fc.constant({ kind: 'release' as const, capacity: 0 }),
  fc.record({ kind: fc.constant('capacity' as const), capacity: fc.integer({ min: 0, max: 12 }) }),
);

describe('BedPool', () => {
  it('never hands out a bed above its capacity nor goes negative, under random capacity changes and releases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.array(operation, { maxLength: 200 }),
        (initial, operations) => {
          const pool = new BedPool(initial);
          let held = 0; // beds the patients in this test hold
          for (const op of operations) {
            if (op.kind === 'acquire') {
              const wasBelow = pool.inUse < pool.capacity;
              const got = pool.tryAcquire();
              expect(got).toBe(wasBelow);
              if (got) {
                held++;
                expect(pool.inUse).toBeLessThanOrEqual(pool.capacity);
              }
            } else if (op.kind === 'release') {
              if (held === 0) {
                expect(() => pool.release()).toThrow(/no bed is in use/);
              } else {
                pool.release();
                held--;
              }
            } else {
              pool.setCapacity(op.capacity); // a cut never puts a patient out
            }
            expect(pool.inUse).toBe(held);
            expect(pool.inUse).toBeGreaterThanOrEqual(0);
            expect(pool.free).toBe(Math.max(0, pool.capacity - pool.inUse));
          }
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });

  it('applies a capacity cut as beds free up', () => {
    const pool = new BedPool(3);
    pool.tryAcquire();
    pool.tryAcquire();
    pool.tryAcquire();
    pool.setCapacity(1);
    expect(pool.inUse).toBe(3);
    pool.release();
    expect(pool.tryAcquire()).toBe(false); // 2 in use, capacity 1
    pool.release();
    pool.release();
    expect(pool.tryAcquire()).toBe(true);
    expect(pool.tryAcquire()).toBe(false);
  });
});
