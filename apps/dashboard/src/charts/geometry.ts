// Plane geometry for the region map: a local projection of lat/lng, a hull with a margin, and
// clipping of (convex) Voronoi cells to that hull.
import { polygonArea, polygonCentroid, polygonHull } from 'd3';

export type Point = [number, number];

export interface LngLat {
  lng: number;
  lat: number;
}

/**
 * Equirectangular projection around the points' mean latitude (a prefecture is small enough
 * that this keeps shapes), scaled to fit [padding, size − padding] with north up.
 */
export function fitProjection(
  points: readonly LngLat[],
  width: number,
  height: number,
  padding: number,
): (p: LngLat) => Point {
  if (points.length === 0) return () => [width / 2, height / 2];
  const meanLat = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const xs = points.map((p) => p.lng * k);
  const ys = points.map((p) => -p.lat);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const spanX = x1 - x0 || 1e-6;
  const spanY = y1 - y0 || 1e-6;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  // Centre the drawing in the frame.
  const offsetX = padding + (width - 2 * padding - spanX * scale) / 2;
  const offsetY = padding + (height - 2 * padding - spanY * scale) / 2;
  return (p) => [offsetX + (p.lng * k - x0) * scale, offsetY + (-p.lat - y0) * scale];
}

/**
 * The convex hull of the points grown by `margin` (the hull of a ring of points around each
 * point), so municipalities on the edge keep a cell of fair size. Fewer than three distinct
 * points give the bounding box grown by the margin.
 */
export function paddedHull(points: readonly Point[], margin: number, ringPoints = 16): Point[] {
  const ring: Point[] = [];
  for (const [x, y] of points) {
    for (let i = 0; i < ringPoints; i++) {
      const a = (2 * Math.PI * i) / ringPoints;
      ring.push([x + margin * Math.cos(a), y + margin * Math.sin(a)]);
    }
  }
  const hull = ring.length >= 3 ? polygonHull(ring) : null;
  if (hull) return hull as Point[];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [
    Math.min(...xs) - margin,
    Math.max(...xs) + margin,
    Math.min(...ys) - margin,
    Math.max(...ys) + margin,
  ];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/**
 * Sutherland–Hodgman: the part of `subject` inside the convex polygon `clip` (either winding).
 * Exact for a convex subject; Voronoi cells are convex.
 */
export function clipToConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  if (subject.length === 0 || clip.length < 3) return [];
  const orientation = Math.sign(shoelace(clip)) || 1;
  const inside = (p: Point, a: Point, b: Point): boolean =>
    orientation * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0;
  const intersect = (p: Point, q: Point, a: Point, b: Point): Point => {
    const d1x = q[0] - p[0];
    const d1y = q[1] - p[1];
    const d2x = b[0] - a[0];
    const d2y = b[1] - a[1];
    const denominator = d1x * d2y - d1y * d2x;
    if (denominator === 0) return q;
    const t = ((a[0] - p[0]) * d2y - (a[1] - p[1]) * d2x) / denominator;
    return [p[0] + t * d1x, p[1] + t * d1y];
  };
  let output: Point[] = subject.slice() as Point[];
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const current = input[j];
      const previous = input[(j + input.length - 1) % input.length];
      const currentIn = inside(current, a, b);
      const previousIn = inside(previous, a, b);
      if (currentIn) {
        if (!previousIn) output.push(intersect(previous, current, a, b));
        output.push(current);
      } else if (previousIn) {
        output.push(intersect(previous, current, a, b));
      }
    }
  }
  return output;
}

/** Twice the signed area, positive when the interior lies left of each edge (x right, y down: clockwise on screen). */
function shoelace(polygon: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x0, y0] = polygon[i];
    const [x1, y1] = polygon[(i + 1) % polygon.length];
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

/** Area-weighted centroid of several polygons (where an area's label goes). */
export function centroidOf(polygons: readonly Point[][]): Point | null {
  let total = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    if (polygon.length < 3) continue;
    const a = Math.abs(polygonArea(polygon));
    const [x, y] = polygonCentroid(polygon);
    total += a;
    cx += a * x;
    cy += a * y;
  }
  return total > 0 ? [cx / total, cy / total] : null;
}
