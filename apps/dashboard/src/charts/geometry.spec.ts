import { polygonArea, polygonContains } from 'd3';
import { describe, expect, it } from 'vitest';
import { centroidOf, clipToConvex, fitProjection, paddedHull, type Point } from './geometry';

const square = (x0: number, y0: number, size: number): Point[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
];

describe('clipping a convex cell to a convex hull', () => {
  it('keeps the overlap of two squares whatever the clip polygon winding', () => {
    const subject = square(0, 0, 10);
    for (const clip of [square(5, 5, 10), square(5, 5, 10).reverse()]) {
      const clipped = clipToConvex(subject, clip);
      expect(Math.abs(polygonArea(clipped))).toBeCloseTo(25);
    }
  });

  it('returns nothing for a cell outside the hull and the whole cell inside it', () => {
    expect(clipToConvex(square(100, 100, 5), square(0, 0, 10))).toEqual([]);
    expect(Math.abs(polygonArea(clipToConvex(square(2, 2, 3), square(0, 0, 10))))).toBeCloseTo(9);
  });
});

describe('padded hull', () => {
  it('contains every point with room to spare', () => {
    const points: Point[] = [
      [0, 0],
      [100, 0],
      [50, 80],
      [50, 30],
    ];
    const hull = paddedHull(points, 10);
    for (const p of points) expect(polygonContains(hull, p)).toBe(true);
    expect(polygonContains(hull, [-9, 0])).toBe(true);
    expect(polygonContains(hull, [-11, 0])).toBe(false);
  });

  it('falls back to a grown box for a single point', () => {
    const hull = paddedHull([[5, 5]], 2, 0);
    expect(hull).toEqual([
      [3, 3],
      [7, 3],
      [7, 7],
      [3, 7],
    ]);
  });
});

describe('projection', () => {
  it('puts north up and east right, inside the padding', () => {
    const points = [
      { lng: 140, lat: 38 },
      { lng: 141, lat: 39 },
    ];
    const project = fitProjection(points, 200, 200, 10);
    const [sw, ne] = points.map(project);
    expect(ne[0]).toBeGreaterThan(sw[0]);
    expect(ne[1]).toBeLessThan(sw[1]);
    for (const [x, y] of [sw, ne]) {
      expect(x).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(x).toBeLessThanOrEqual(190 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(y).toBeLessThanOrEqual(190 + 1e-9);
    }
  });

  it('shrinks longitude by the cosine of the latitude', () => {
    const project = fitProjection(
      [
        { lng: 0, lat: 60 },
        { lng: 2, lat: 61 },
      ],
      1000,
      1000,
      0,
    );
    const a = project({ lng: 0, lat: 60 });
    const b = project({ lng: 2, lat: 61 });
    // 2° of longitude at ~60.5° N is about as long as 1° of latitude
    expect(Math.abs(b[0] - a[0]) / Math.abs(b[1] - a[1])).toBeCloseTo(
      2 * Math.cos((60.5 * Math.PI) / 180),
      2,
    );
  });
});

describe('area label position', () => {
  it('is the area-weighted centre of the cells', () => {
    expect(centroidOf([square(0, 0, 10), square(10, 0, 10)])).toEqual([10, 5]);
    expect(centroidOf([])).toBeNull();
  });
});
