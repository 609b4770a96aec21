// @vitest-environment jsdom
import { polygonArea, polygonContains } from 'd3';
import { describe, expect, it } from 'vitest';
import { MAP_DATA } from '../testing/fixtures';
import { word } from './labels';
import { regionMap, shapeRegionMap, sizeSteps } from './region-map';

const options = { lang: 'ja' as const, width: 600, height: 400, legendWidth: 180 };

describe('region map data shaping', () => {
  it('gives every municipality one non-empty cell inside the padded hull', () => {
    const shape = shapeRegionMap(MAP_DATA, options);
    expect(shape.cells.map((c) => c.id)).toEqual(MAP_DATA.municipalities.map((m) => m.id));
    for (const cell of shape.cells) {
      expect(cell.polygon.length).toBeGreaterThanOrEqual(3);
      expect(Math.abs(polygonArea(cell.polygon))).toBeGreaterThan(10);
      for (const [x, y] of cell.polygon) {
        // on or inside the hull (a hair outside from rounding at its edges)
        const inside =
          polygonContains(shape.hull, [x, y]) ||
          shape.hull.some(([hx, hy]) => Math.hypot(hx - x, hy - y) < 1e-6);
        const nearEdge = shape.hull.some((a, i) => {
          const b = shape.hull[(i + 1) % shape.hull.length];
          const cross =
            Math.abs((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])) /
            Math.hypot(b[0] - a[0], b[1] - a[1]);
          return cross < 1e-6;
        });
        expect(inside || nearEdge).toBe(true);
      }
    }
  });

  it('keeps the cells of the map inside the map part of the frame, left of the legend', () => {
    const shape = shapeRegionMap(MAP_DATA, options);
    const xs = shape.cells.flatMap((c) => c.polygon.map((p) => p[0]));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(600 - 180);
  });

  it('colours cells by area, one colour per area', () => {
    const shape = shapeRegionMap(MAP_DATA, options);
    const byArea = new Map<string, Set<string>>();
    for (const cell of shape.cells)
      byArea.set(cell.area, (byArea.get(cell.area) ?? new Set()).add(cell.colour));
    expect([...byArea.values()].every((colours) => colours.size === 1)).toBe(true);
    expect(new Set(shape.cells.map((c) => c.colour)).size).toBe(3);
  });

  it('sizes hospitals by the square root of beds and draws the largest first', () => {
    const shape = shapeRegionMap(MAP_DATA, options);
    const byId = new Map(shape.hospitals.map((h) => [h.id, h]));
    const big = byId.get('h-centre');
    const small = byId.get('h-north');
    expect(big?.r).toBeCloseTo(16);
    expect(small?.r).toBeCloseTo(16 * Math.sqrt(200 / 800));
    expect(shape.hospitals[0].id).toBe('h-centre');
  });

  it('fills a hospital without a run hollow and a fuller hospital darker', () => {
    const shape = shapeRegionMap(MAP_DATA, options);
    const byId = new Map(shape.hospitals.map((h) => [h.id, h]));
    expect(byId.get('h-south')?.fill).toBe('#ffffff');
    const luminance = (rgb: string): number => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(byId.get('h-centre')?.fill ?? '')).toBeLessThan(
      luminance(byId.get('h-north')?.fill ?? ''),
    );
  });

  it('gives two municipalities on the same centroid a cell each', () => {
    const twin = {
      ...MAP_DATA,
      municipalities: [...MAP_DATA.municipalities, { ...MAP_DATA.municipalities[0], id: '01009' }],
    };
    const shape = shapeRegionMap(twin, options);
    expect(shape.cells.filter((c) => c.polygon.length >= 3)).toHaveLength(9);
  });

  it('picks round bed counts for the size legend', () => {
    expect(sizeSteps(812)).toEqual([50, 200, 500]);
    expect(sizeSteps(0)).toEqual([]);
  });
});

describe('region map SVG', () => {
  it('draws one cell per municipality and one circle per hospital', () => {
    const svg = regionMap(MAP_DATA, options);
    expect(svg.querySelectorAll('path.cell')).toHaveLength(8);
    expect(svg.querySelectorAll('circle.hospital')).toHaveLength(4);
    expect(svg.querySelectorAll('.area-labels text')).toHaveLength(3);
    expect(svg.getAttribute('viewBox')).toBe('0 0 600 400');
  });

  it('calls back with the hospital id on click and on Enter', () => {
    const clicked: string[] = [];
    const svg = regionMap(MAP_DATA, { ...options, onHospitalClick: (id) => clicked.push(id) });
    const circle = svg.querySelector('circle[data-hospital="h-north"]');
    circle?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    circle?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(clicked).toEqual(['h-north', 'h-north']);
  });

  it('draws a hospital without beds as a grey ✕ with a legend entry, not as a coloured dot', () => {
    const data = {
      ...MAP_DATA,
      hospitals: MAP_DATA.hospitals.map((h) => (h.id === 'h-north' ? { ...h, beds: 0, utilisation: 0 } : h)),
    };
    const svg = regionMap(data, options);
    expect(svg.querySelector('circle[data-hospital="h-north"]')).toBeNull();
    const cross = svg.querySelector('path.hospital.closed[data-hospital="h-north"]');
    expect(cross?.getAttribute('stroke')).toBe('#6b6b6b');
    expect(cross?.querySelector('title')?.textContent).toBe(`北病院 · ${word('closed', 'ja')}`);
    expect(svg.querySelectorAll('circle.hospital')).toHaveLength(3);
    expect(svg.querySelector('.legend path.legend-closed')).not.toBeNull();
    expect(svg.querySelector('.legend')?.textContent).toContain(word('closedHospital', 'ja'));
    // no closed hospital, no legend entry
    expect(regionMap(MAP_DATA, options).querySelector('.legend-closed')).toBeNull();
  });

  it('prints the footnote about synthetic inputs', () => {
    const svg = regionMap(MAP_DATA, { ...options, footnote: '病院は合成データ' });
    expect(svg.querySelector('text.footnote')?.textContent).toBe('病院は合成データ');
  });

  it('is stable for fixed data', () => {
    expect(
      regionMap(MAP_DATA, { ...options, footnote: 'synthetic hospitals', lang: 'en' }).outerHTML,
    ).toMatchSnapshot();
  });
});
