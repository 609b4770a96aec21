// @vitest-environment jsdom
import { geoArea, geoPath } from 'd3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import geojson from '../../../../scenarios/data/miyagi/municipalities.geojson?raw';
import municipalitiesYaml from '../../../../scenarios/data/miyagi/municipalities.yaml?raw';
import { MAP_DATA } from '../testing/fixtures';
import { word } from './labels';
import {
  creditLine,
  prefectureMap,
  shapePrefectureMap,
  rewind,
  sizeSteps,
  type MapBoundaries,
  type MapGeometry,
  type PrefectureMapData,
} from './prefecture-map';

const CREDIT = '出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成';

/** Miyagi's committed boundaries and municipalities, as the api serves them. */
function miyagi(): PrefectureMapData {
  const geo = JSON.parse(geojson) as {
    credit: { ja: string };
    features: Array<{ properties: { N03_007: string }; geometry: MapGeometry }>;
  };
  const file = parse(municipalitiesYaml) as {
    municipalities: Array<{ id: string; name: { ja: string }; area: string; lat: number; lng: number }>;
  };
  const boundaries: MapBoundaries = {
    credit: geo.credit.ja,
    features: geo.features.map((f) => ({ id: f.properties.N03_007, geometry: f.geometry })),
  };
  return {
    areas: [...new Set(file.municipalities.map((m) => m.area))].map((id) => ({ id, name: id })),
    municipalities: file.municipalities.map((m) => ({ ...m, name: m.name.ja })),
    hospitals: MAP_DATA.hospitals.map((h) => ({ ...h, lat: 38.26, lng: 140.87 })),
    boundaries,
  };
}

const options = { lang: 'ja' as const, width: 760, height: 560, legendWidth: 210 };

describe('prefecture map projection', () => {
  it('rewinds rings of the GeoJSON order so that d3-geo reads each polygon as the small patch it is', () => {
    // counter-clockwise (RFC 7946): d3 would read the globe minus this square
    const square: MapGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [140, 38],
          [141, 38],
          [141, 39],
          [140, 39],
          [140, 38],
        ],
      ],
    };
    const area = (g: MapGeometry): number => geoArea(g as Parameters<typeof geoArea>[0]);
    expect(area(square)).toBeGreaterThan(2 * Math.PI);
    const fixed = rewind(square);
    expect(area(fixed)).toBeLessThan(0.001);
    expect(rewind(fixed)).toEqual(fixed); // already clockwise: unchanged
  });

  it("fits all of Miyagi's municipal polygons into the map part of the frame, filling its width or height", () => {
    const data = miyagi();
    const shape = shapePrefectureMap(data, options);
    const [[x0, y0], [x1, y1]] = shape.extent;
    const path = geoPath(shape.projection);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const feature of data.boundaries?.features ?? []) {
      const [[a, b], [c, d]] = path.bounds(rewind(feature.geometry) as Parameters<typeof path.bounds>[0]);
      [minX, minY, maxX, maxY] = [Math.min(minX, a), Math.min(minY, b), Math.max(maxX, c), Math.max(maxY, d)];
    }
    expect(minX).toBeGreaterThanOrEqual(x0 - 0.5);
    expect(minY).toBeGreaterThanOrEqual(y0 - 0.5);
    expect(maxX).toBeLessThanOrEqual(x1 + 0.5);
    expect(maxY).toBeLessThanOrEqual(y1 + 0.5);
    const fillsWidth = Math.abs(maxX - minX - (x1 - x0)) < 1;
    const fillsHeight = Math.abs(maxY - minY - (y1 - y0)) < 1;
    expect(fillsWidth || fillsHeight).toBe(true);
    // north up: 気仙沼市 (north-east coast) above and right of 白石市 (south-west)
    const at = (id: string) => shape.municipalities.find((m) => m.id === id);
    expect(at('04205')?.y).toBeLessThan(at('04206')?.y ?? 0);
    expect(at('04205')?.x).toBeGreaterThan(at('04206')?.x ?? 0);
    // a real projection keeps shapes: Miyagi is taller than wide (about 1.3 : 1)
    expect((maxY - minY) / (maxX - minX)).toBeGreaterThan(1.1);
  });
});

describe('prefecture map', () => {
  it('draws one path per municipality and prints the credit line of the boundaries on the map', () => {
    const data = miyagi();
    const svg = prefectureMap(data, options);
    const paths = svg.querySelectorAll('path.municipality');
    expect(paths).toHaveLength(39);
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(svg.querySelector('.map-credit')?.textContent).toBe(CREDIT);
    expect(svg.querySelectorAll('circle.hospital')).toHaveLength(data.hospitals.length);
  });

  it('colours municipalities by their area’s value and shows an area without one hatched, as "no report"', () => {
    const data = miyagi();
    const values = new Map<string, number | null>([
      ['sendai', 0.97],
      ['sennan', 0.6],
      ['osaki-kurihara', null],
    ]);
    const shape = shapePrefectureMap(data, { ...options, areaValues: values });
    const fill = (area: string) =>
      new Set(shape.municipalities.filter((m) => m.area === area).map((m) => m.fill));
    expect(fill('sendai').size).toBe(1);
    expect([...fill('sendai')][0]).not.toBe([...fill('sennan')][0]);
    const svg = prefectureMap(data, { ...options, areaValues: values });
    const osaki = svg.querySelector('path.municipality[data-area="osaki-kurihara"]');
    expect(osaki?.getAttribute('fill')).toBe('url(#map-no-value)');
    expect(osaki?.querySelector('title')?.textContent).toContain('報告なし');
    expect(svg.querySelector('text[data-area="sendai"]')?.textContent).toContain('97');
  });

  it('dashes a hospital whose report is missing instead of drawing it empty', () => {
    const data = miyagi();
    data.hospitals[0] = { ...data.hospitals[0], missing: true, utilisation: null };
    const svg = prefectureMap(data, options);
    const missing = svg.querySelector(`circle.hospital.missing[data-hospital="${data.hospitals[0].id}"]`);
    expect(missing?.getAttribute('stroke-dasharray')).toBe('3 2');
    expect(missing?.querySelector('title')?.textContent).toContain('報告なし');
    expect(svg.querySelector('.legend-missing')).not.toBeNull();
  });

  it('outlines the chosen area and fades the others; a click on a municipality names its area', () => {
    const data = miyagi();
    const clicked: string[] = [];
    const svg = prefectureMap(data, {
      ...options,
      selectedArea: 'sennan',
      onAreaClick: (a) => clicked.push(a),
    });
    const sennan = svg.querySelectorAll('path.municipality[data-area="sennan"]');
    expect(svg.querySelectorAll('.selected-area path')).toHaveLength(sennan.length);
    expect(svg.querySelector('path.municipality[data-area="sendai"]')?.getAttribute('fill-opacity')).toBe(
      '0.2',
    );
    const first = sennan[0] as SVGPathElement;
    expect(first.getAttribute('role')).toBe('button');
    expect(first.getAttribute('aria-label')).toContain('白石市');
    first.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(clicked).toEqual(['sennan']);
  });

  it('shows the municipalities of a region without boundaries as points, with no credit line', () => {
    const svg = prefectureMap(MAP_DATA, { ...options, width: 600, height: 400 });
    expect(svg.querySelectorAll('circle.municipality.point')).toHaveLength(MAP_DATA.municipalities.length);
    expect(svg.querySelector('.map-credit')).toBeNull();
  });

  it('gives the credit in English with the required Japanese line after it', () => {
    expect(creditLine({ ja: CREDIT, en: 'Source: MLIT' }, 'en')).toBe(`Source: MLIT (${CREDIT})`);
    expect(creditLine({ ja: CREDIT, en: 'Source: MLIT' }, 'ja')).toBe(CREDIT);
  });
});

describe('prefecture map hospitals (as the Voronoi sketch drew them)', () => {
  const data: PrefectureMapData = MAP_DATA;
  const small = { lang: 'ja' as const, width: 600, height: 400, legendWidth: 180 };

  it('sizes hospitals by the square root of beds and draws the largest first', () => {
    const shape = shapePrefectureMap(data, small);
    const byId = new Map(shape.hospitals.map((h) => [h.id, h]));
    expect(byId.get('h-centre')?.r).toBeCloseTo(16);
    expect(byId.get('h-north')?.r).toBeCloseTo(16 * Math.sqrt(200 / 800));
    expect(shape.hospitals[0].id).toBe('h-centre');
  });

  it('fills a hospital without a run hollow and a fuller hospital darker', () => {
    const byId = new Map(shapePrefectureMap(data, small).hospitals.map((h) => [h.id, h]));
    expect(byId.get('h-south')?.fill).toBe('#ffffff');
    const luminance = (rgb: string): number => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(byId.get('h-centre')?.fill ?? '')).toBeLessThan(
      luminance(byId.get('h-north')?.fill ?? ''),
    );
  });

  it('picks round bed counts for the size legend', () => {
    expect(sizeSteps(812)).toEqual([50, 200, 500]);
    expect(sizeSteps(0)).toEqual([]);
  });

  it('calls back with the hospital id on click and on Enter', () => {
    const clicked: string[] = [];
    const svg = prefectureMap(data, { ...small, onHospitalClick: (id) => clicked.push(id) });
    const circle = svg.querySelector('circle[data-hospital="h-north"]');
    expect(circle?.getAttribute('role')).toBe('button');
    circle?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    circle?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(clicked).toEqual(['h-north', 'h-north']);
  });

  it('draws a hospital without beds as a grey ✕ with a legend entry, not as a coloured dot', () => {
    const closed = {
      ...data,
      hospitals: data.hospitals.map((h) => (h.id === 'h-north' ? { ...h, beds: 0, utilisation: 0 } : h)),
    };
    const svg = prefectureMap(closed, small);
    expect(svg.querySelector('circle[data-hospital="h-north"]')).toBeNull();
    const cross = svg.querySelector('path.hospital.closed[data-hospital="h-north"]');
    expect(cross?.getAttribute('stroke')).toBe('#6b6b6b');
    expect(cross?.querySelector('title')?.textContent).toBe(`北病院 · ${word('closed', 'ja')}`);
    expect(svg.querySelector('.legend path.legend-closed')).not.toBeNull();
    expect(prefectureMap(data, small).querySelector('.legend-closed')).toBeNull();
  });

  it('prints the footnote about synthetic inputs below the credit line', () => {
    const svg = prefectureMap(miyagi(), { ...options, footnote: '病院は合成データ' });
    expect(svg.querySelector('text.footnote')?.textContent).toBe('病院は合成データ');
    const y = (selector: string) => Number(svg.querySelector(selector)?.getAttribute('y'));
    expect(y('.map-credit')).toBeLessThan(y('text.footnote'));
  });
});
