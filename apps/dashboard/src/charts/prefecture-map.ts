// Prefecture map: the region's municipal boundaries (GeoJSON lon/lat, e.g. MLIT 国土数値情報
// 行政区域 N03) in a transverse Mercator projection centred on the region and fitted to the map
// part of the frame (d3-geo fitExtent), each municipality filled by its area (二次医療圏,
// Okabe–Ito, with the area's name) or by a value of its area (occupancy, cividis: darker =
// fuller; hatched grey where the area has no value, never as 0); hospitals as circles whose area
// is proportional to beds (sqrt scale), filled by their utilisation; a hospital without today's
// report dashed, a closed one a grey ✕. The data's credit line is printed on the map. A region
// without boundaries shows its municipalities as points at their centroids.
import {
  geoArea,
  geoBounds,
  geoPath,
  geoTransverseMercator,
  max,
  scaleSqrt,
  type GeoGeometryObjects,
  type GeoPermissibleObjects,
  type GeoProjection,
  type Selection,
} from 'd3';
import { formatNumber, formatPercent } from './format';
import { word, type Lang } from './labels';
import { areaColourMap, occupancyScale, OCCUPANCY_DOMAIN } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

export interface MapArea {
  id: string;
  name: string;
}
export interface MapMunicipality {
  id: string;
  name: string;
  area: string;
  lat: number;
  lng: number;
}
export interface MapHospital {
  id: string;
  name: string;
  area: string;
  lat: number;
  lng: number;
  /** beds in use, all functions */
  beds: number;
  /** utilisation (a run's mean, or today's census); null when there is none */
  utilisation: number | null;
  synthetic: boolean;
  /** closed by the levers; default: no beds left */
  closed?: boolean;
  /** expected to report today and did not (the Now view): drawn dashed, never as empty */
  missing?: boolean;
}

export interface MapGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}
/** Municipal polygons by municipality id, and the credit line their source asks to show. */
export interface MapBoundaries {
  credit: string;
  features: ReadonlyArray<{ id: string; geometry: MapGeometry }>;
}

export interface PrefectureMapData {
  areas: MapArea[];
  municipalities: MapMunicipality[];
  hospitals: MapHospital[];
  /** null: no boundary file for the region (municipalities drawn as points) */
  boundaries: MapBoundaries | null;
}

export interface PrefectureMapOptions {
  lang: Lang;
  /** default 760 (map plus legend) */
  width?: number;
  /** default 560 */
  height?: number;
  /** width kept for the legend on the right; default 210 */
  legendWidth?: number;
  /** radius of the largest hospital; default 16 */
  maxRadius?: number;
  title?: string;
  /** e.g. which inputs are synthetic or estimated */
  footnote?: string;
  /**
   * A value per area (0–1, e.g. today's general-bed occupancy) that fills its municipalities
   * instead of the area colours; null for an area without one (shown hatched, "no report").
   */
  areaValues?: ReadonlyMap<string, number | null>;
  /** legend heading of areaValues, e.g. 一般病床の稼働率 (default: occupancy) */
  areaValueLabel?: string;
  /** the area filter (issue 16): other areas drawn faint */
  selectedArea?: string | null;
  onAreaClick?: (areaId: string) => void;
  selectedHospital?: string | null;
  onHospitalClick?: (hospitalId: string) => void;
  document?: Document;
}

export interface MapShapeMunicipality {
  id: string;
  name: string;
  area: string;
  /** SVG path of its boundary, or null when drawn as a point */
  d: string | null;
  x: number;
  y: number;
  fill: string;
  /** the area's value when areaValues are given */
  value: number | null;
}
export interface MapCircle extends MapHospital {
  x: number;
  y: number;
  r: number;
  fill: string;
  closed: boolean;
  missing: boolean;
}
export interface PrefectureMapShape {
  /** the map part of the frame (left of the legend, above credit and footnote) */
  extent: [[number, number], [number, number]];
  projection: GeoProjection;
  municipalities: MapShapeMunicipality[];
  /** drawn largest first, so small hospitals stay clickable on top */
  hospitals: MapCircle[];
  areaLabels: Array<{ id: string; name: string; colour: string; x: number; y: number; value: number | null }>;
  radius: (beds: number) => number;
  maxBeds: number;
  credit: string | null;
}

const HOLLOW = '#ffffff';
const CLOSED = '#6b6b6b';
const MISSING = '#D55E00';
const NO_VALUE = '#e4e4e4';
/** half the width of a closed hospital's ✕ */
const CLOSED_SIZE = 5;
const CREDIT_SIZE = 10;

/** Our lon/lat geometry as d3-geo's type (the same GeoJSON; the array depths are checked by type). */
const asGeo = (geometry: MapGeometry): GeoGeometryObjects => geometry as unknown as GeoGeometryObjects;

const crossPath = (x: number, y: number, s: number): string =>
  `M${r2(x - s)},${r2(y - s)}L${r2(x + s)},${r2(y + s)}M${r2(x - s)},${r2(y + s)}L${r2(x + s)},${r2(y - s)}`;

/**
 * d3-geo reads polygons on the sphere: an exterior ring wound counter-clockwise (the GeoJSON
 * RFC 7946 order) is the whole globe but that patch. Rings are reversed where a polygon would
 * cover more than a hemisphere, so files in either winding draw the same.
 */
export function rewind(geometry: MapGeometry): MapGeometry {
  const fix = (polygon: number[][][]): number[][][] =>
    geoArea({ type: 'Polygon', coordinates: polygon }) > 2 * Math.PI
      ? polygon.map((ring) => [...ring].reverse())
      : polygon;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates as number[][][]) }
    : { type: 'MultiPolygon', coordinates: (geometry.coordinates as number[][][][]).map(fix) };
}

/**
 * A transverse Mercator centred on the middle of `object` (as Japan's plane rectangular systems:
 * true north up, shapes kept at prefecture scale) fitted into `extent`.
 */
export function fitPrefectureProjection(
  object: GeoPermissibleObjects,
  extent: [[number, number], [number, number]],
): GeoProjection {
  const [[west, south], [east, north]] = geoBounds(object);
  return geoTransverseMercator()
    .rotate([-(west + east) / 2, -(south + north) / 2])
    .fitExtent(extent, object);
}

export function shapePrefectureMap(
  data: PrefectureMapData,
  options: PrefectureMapOptions,
): PrefectureMapShape {
  const width = options.width ?? 760;
  const height = options.height ?? 560;
  const mapWidth = width - (options.legendWidth ?? 210);
  const credit = data.boundaries?.credit || null;
  const below = footnoteHeight(options.footnote, width) + (credit ? CREDIT_SIZE + 8 : 0);
  const extent: [[number, number], [number, number]] = [
    [8, 8],
    [mapWidth - 8, height - below - 8],
  ];
  const colours = areaColourMap(data.areas.map((a) => a.id));
  const values = options.areaValues;
  const scale = occupancyScale();
  const valueOf = (area: string): number | null => values?.get(area) ?? null;
  const fillOf = (area: string): string => {
    if (!values) return colours.get(area) ?? '#cccccc';
    const value = valueOf(area);
    return value === null ? NO_VALUE : scale(value);
  };

  const geometries = new Map(
    (data.boundaries?.features ?? []).map((f) => [f.id, rewind(f.geometry)] as const),
  );
  const drawn = data.municipalities.filter((m) => geometries.has(m.id));
  const fitted: GeoPermissibleObjects =
    drawn.length > 0
      ? {
          type: 'GeometryCollection',
          geometries: drawn.map((m) => asGeo(geometries.get(m.id) as MapGeometry)),
        }
      : {
          type: 'MultiPoint',
          coordinates: [...data.municipalities, ...data.hospitals].map((p) => [p.lng, p.lat]),
        };
  const projection = fitPrefectureProjection(fitted, extent);
  const path = geoPath(projection).digits(1);
  const point = (lng: number, lat: number): [number, number] => {
    const p = projection([lng, lat]);
    return p ? [p[0], p[1]] : [NaN, NaN];
  };

  const municipalities: MapShapeMunicipality[] = data.municipalities.map((m) => {
    const geometry = geometries.get(m.id);
    const [x, y] = geometry ? path.centroid(asGeo(geometry)) : point(m.lng, m.lat);
    return {
      id: m.id,
      name: m.name,
      area: m.area,
      d: geometry ? (path(asGeo(geometry)) ?? '') : null,
      x,
      y,
      fill: fillOf(m.area),
      value: valueOf(m.area),
    };
  });

  const maxBeds = max(data.hospitals, (h) => h.beds) ?? 0;
  const radiusScale = scaleSqrt()
    .domain([0, Math.max(1, maxBeds)])
    .range([0, options.maxRadius ?? 16]);
  const radius = (beds: number): number => Math.max(2, radiusScale(beds));
  const hospitals: MapCircle[] = data.hospitals
    .map((h) => {
      const [x, y] = point(h.lng, h.lat);
      const closed = h.closed ?? h.beds <= 0;
      const missing = !closed && h.missing === true;
      if (closed) return { ...h, x, y, r: CLOSED_SIZE, fill: CLOSED, closed, missing };
      return {
        ...h,
        x,
        y,
        r: radius(h.beds),
        fill: h.utilisation === null || missing ? HOLLOW : scale(h.utilisation),
        closed,
        missing,
      };
    })
    .sort((a, b) => b.r - a.r || a.id.localeCompare(b.id));

  // An area's label sits at the centroid of its municipalities' combined polygons (or points).
  const areaLabels = data.areas.flatMap((area) => {
    const own = data.municipalities.filter((m) => m.area === area.id);
    const polygons = own.flatMap((m) => {
      const g = geometries.get(m.id);
      if (!g) return [];
      return g.type === 'Polygon' ? [g.coordinates as number[][][]] : (g.coordinates as number[][][][]);
    });
    const centre =
      polygons.length > 0
        ? path.centroid({ type: 'MultiPolygon', coordinates: polygons })
        : own.length > 0
          ? path.centroid({ type: 'MultiPoint', coordinates: own.map((m) => [m.lng, m.lat]) })
          : null;
    if (!centre || !Number.isFinite(centre[0])) return [];
    return [
      {
        id: area.id,
        name: area.name,
        colour: colours.get(area.id) ?? '#cccccc',
        x: centre[0],
        y: centre[1],
        value: valueOf(area.id),
      },
    ];
  });
  return { extent, projection, municipalities, hospitals, areaLabels, radius, maxBeds, credit };
}

type AnySelection = Selection<SVGElement, undefined, null, undefined>;

/** Click and keyboard (Enter, Space) on a map element, with its accessible name. */
function clickable(element: AnySelection, label: string, onClick: () => void): void {
  element
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', label)
    .style('cursor', 'pointer')
    .on('click', onClick)
    .on('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onClick();
      }
    });
}

export function prefectureMap(data: PrefectureMapData, options: PrefectureMapOptions): SVGSVGElement {
  const { lang } = options;
  const width = options.width ?? 760;
  const height = options.height ?? 560;
  const legendX = width - (options.legendWidth ?? 210) + 12;
  const shape = shapePrefectureMap(data, options);
  const svg = createFrame({
    width,
    height,
    title: options.title ?? word('areas', lang),
    className: 'chart region-map prefecture-map',
    document: options.document,
  });
  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', 'map-no-value')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('patternTransform', 'rotate(45)')
    .call((p) => p.append('rect').attr('width', 6).attr('height', 6).attr('fill', NO_VALUE))
    .call((p) => p.append('line').attr('y2', 6).attr('stroke', '#9a9a9a').attr('stroke-width', 1.5));

  const selectedArea = options.selectedArea ?? null;
  const areaName = new Map(data.areas.map((a) => [a.id, a.name]));
  const valueText = (value: number | null): string =>
    options.areaValues
      ? ` · ${options.areaValueLabel ?? word('occupancy', lang)} ${value === null ? word('noReport', lang) : formatPercent(value, lang)}`
      : '';

  const layer = svg.append('g').attr('class', 'municipalities');
  for (const m of shape.municipalities) {
    const faint = selectedArea !== null && m.area !== selectedArea;
    const fill = options.areaValues && m.value === null ? 'url(#map-no-value)' : m.fill;
    const label = `${m.name} · ${areaName.get(m.area) ?? m.area}${valueText(m.value)}`;
    const element = (m.d !== null
      ? layer
          .append('path')
          .attr('class', 'municipality')
          .attr('d', m.d)
          .attr('fill', fill)
          .attr('fill-opacity', faint ? 0.2 : options.areaValues ? 0.9 : 0.55)
          .attr('stroke', '#ffffff')
          .attr('stroke-width', 0.8)
      : layer
          .append('circle')
          .attr('class', 'municipality point')
          .attr('cx', r2(m.x))
          .attr('cy', r2(m.y))
          .attr('r', 4)
          .attr('fill', fill)
          .attr('fill-opacity', faint ? 0.3 : 1)
          .attr('stroke', '#555')) as unknown as AnySelection;
    element.attr('data-municipality', m.id).attr('data-area', m.area);
    element.append('title').text(label);
    const onArea = options.onAreaClick;
    if (onArea) clickable(element, label, () => onArea(m.area));
  }
  // the chosen area outlined on top of its neighbours' white borders
  if (selectedArea !== null)
    svg
      .append('g')
      .attr('class', 'selected-area')
      .attr('pointer-events', 'none')
      .selectAll('path')
      .data(shape.municipalities.filter((m) => m.area === selectedArea && m.d !== null))
      .join('path')
      .attr('d', (m) => m.d ?? '')
      .attr('fill', 'none')
      .attr('stroke', '#111')
      .attr('stroke-width', 1.2);

  const circles = svg.append('g').attr('class', 'hospitals');
  for (const h of shape.hospitals) {
    const selected = options.selectedHospital === h.id;
    const stroke = selected ? MISSING : h.missing ? MISSING : '#111';
    const marker = (h.closed
      ? circles
          .append('path')
          .attr('class', selected ? 'hospital closed selected' : 'hospital closed')
          .attr('data-closed', 'true')
          .attr('d', crossPath(h.x, h.y, CLOSED_SIZE))
          .attr('fill', 'none')
          .attr('stroke', selected ? MISSING : CLOSED)
          .attr('stroke-width', 2.5)
          .attr('stroke-linecap', 'round')
      : circles
          .append('circle')
          .attr('class', `hospital${selected ? ' selected' : ''}${h.missing ? ' missing' : ''}`)
          .attr('cx', r2(h.x))
          .attr('cy', r2(h.y))
          .attr('r', r2(h.r))
          .attr('fill', h.fill)
          .attr('stroke', stroke)
          .attr('stroke-width', selected ? 3 : h.missing ? 2 : 1)
          .attr('stroke-dasharray', h.missing ? '3 2' : null)) as unknown as AnySelection;
    marker.attr('data-hospital', h.id);
    const occupancy = h.missing
      ? ` · ${word('noReport', lang)}`
      : h.utilisation === null || h.closed
        ? ''
        : ` · ${word('occupancy', lang)} ${formatPercent(h.utilisation, lang)}`;
    const label = h.closed
      ? `${h.name} · ${word('closed', lang)}`
      : `${h.name} · ${formatNumber(h.beds, lang)} ${word('bedsCount', lang)}${occupancy}`;
    marker.append('title').text(label);
    const onClick = options.onHospitalClick;
    if (onClick) clickable(marker, label, () => onClick(h.id));
  }

  // Area names on top of the hospitals: a dense city must not hide its area's name.
  const labels = svg
    .append('g')
    .attr('class', 'area-labels')
    .attr('pointer-events', 'none')
    .attr('text-anchor', 'middle');
  for (const label of shape.areaLabels) {
    const text = labels
      .append('text')
      .attr('data-area', label.id)
      .attr('x', r2(label.x))
      .attr('y', r2(label.y))
      .attr('font-size', 13)
      .attr('font-weight', 700)
      .attr('fill', '#111')
      .attr('stroke', '#fff')
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .text(label.name);
    if (options.areaValues)
      text
        .append('tspan')
        .attr('x', r2(label.x))
        .attr('dy', 15)
        .attr('font-weight', 400)
        .text(label.value === null ? word('noReport', lang) : formatPercent(label.value, lang));
  }

  drawLegend(svg, shape, data, options, legendX);
  const footnote = footnoteHeight(options.footnote, width);
  if (shape.credit)
    svg
      .append('text')
      .attr('class', 'map-credit')
      .attr('x', 8)
      .attr('y', height - footnote - 8)
      .attr('font-size', CREDIT_SIZE)
      .attr('fill', '#444')
      .text(shape.credit);
  appendFootnote(svg, options.footnote, height - 6);
  return svg.node() as SVGSVGElement;
}

function drawLegend(
  svg: ReturnType<typeof createFrame>,
  shape: PrefectureMapShape,
  data: PrefectureMapData,
  options: PrefectureMapOptions,
  x: number,
): void {
  const { lang } = options;
  const legend = svg
    .append('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${r2(x)},16)`);
  let y = 0;
  const ramp = (top: number): number => {
    const scale = occupancyScale();
    const rampWidth = 150;
    const stops = 10;
    for (let i = 0; i < stops; i++) {
      const value = OCCUPANCY_DOMAIN[0] + ((OCCUPANCY_DOMAIN[1] - OCCUPANCY_DOMAIN[0]) * (i + 0.5)) / stops;
      legend
        .append('rect')
        .attr('x', (i * rampWidth) / stops)
        .attr('y', top)
        .attr('width', rampWidth / stops + 0.5)
        .attr('height', 12)
        .attr('fill', scale(value));
    }
    legend
      .append('rect')
      .attr('x', 0)
      .attr('y', top)
      .attr('width', rampWidth)
      .attr('height', 12)
      .attr('fill', 'none')
      .attr('stroke', '#555');
    for (const value of [OCCUPANCY_DOMAIN[0], 0.75, OCCUPANCY_DOMAIN[1]]) {
      const at = ((value - OCCUPANCY_DOMAIN[0]) / (OCCUPANCY_DOMAIN[1] - OCCUPANCY_DOMAIN[0])) * rampWidth;
      legend
        .append('text')
        .attr('x', r2(at))
        .attr('y', top + 26)
        .attr('text-anchor', 'middle')
        .attr('font-size', 10)
        .text(
          `${value === OCCUPANCY_DOMAIN[0] ? '≤' : value === OCCUPANCY_DOMAIN[1] ? '≥' : ''}${formatPercent(value, lang, 0)}`,
        );
    }
    return top + 40;
  };

  if (options.areaValues) {
    legend
      .append('text')
      .attr('y', y)
      .attr('font-weight', 700)
      .text(options.areaValueLabel ?? word('occupancy', lang));
    y = ramp(y + 8);
    legend
      .append('rect')
      .attr('y', y - 6)
      .attr('width', 14)
      .attr('height', 14)
      .attr('fill', 'url(#map-no-value)')
      .attr('stroke', '#555');
    legend
      .append('text')
      .attr('x', 20)
      .attr('y', y + 5)
      .text(word('noReport', lang));
    y += 30;
  } else {
    legend.append('text').attr('y', y).attr('font-weight', 700).text(word('areas', lang));
    y += 8;
    for (const label of shape.areaLabels) {
      legend
        .append('rect')
        .attr('x', 0)
        .attr('y', y)
        .attr('width', 14)
        .attr('height', 14)
        .attr('fill', label.colour)
        .attr('fill-opacity', 0.55)
        .attr('stroke', '#555');
      legend
        .append('text')
        .attr('x', 20)
        .attr('y', y + 11)
        .text(label.name);
      y += 20;
    }
    y += 14;
  }

  legend.append('text').attr('y', y).attr('font-weight', 700).text(word('hospitalBeds', lang));
  const steps = sizeSteps(shape.maxBeds);
  const biggest = shape.radius(steps[steps.length - 1] ?? 1);
  y += 8 + biggest;
  let cx = 0;
  for (const beds of steps) {
    const r = shape.radius(beds);
    legend
      .append('circle')
      .attr('cx', r2(cx + r))
      .attr('cy', r2(y + biggest - r))
      .attr('r', r2(r))
      .attr('fill', 'none')
      .attr('stroke', '#111');
    legend
      .append('text')
      .attr('x', r2(cx + r))
      .attr('y', r2(y + biggest + 14))
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .text(formatNumber(beds, lang));
    cx += 2 * r + 10;
  }
  y += 2 * biggest + 30;

  if (shape.hospitals.some((h) => h.closed)) {
    legend
      .append('path')
      .attr('class', 'legend-closed')
      .attr('d', crossPath(7, y - 4, CLOSED_SIZE))
      .attr('fill', 'none')
      .attr('stroke', CLOSED)
      .attr('stroke-width', 2.5)
      .attr('stroke-linecap', 'round');
    legend.append('text').attr('x', 20).attr('y', y).text(word('closedHospital', lang));
    y += 26;
  }
  if (shape.hospitals.some((h) => h.missing)) {
    legend
      .append('circle')
      .attr('class', 'legend-missing')
      .attr('cx', 7)
      .attr('cy', y - 4)
      .attr('r', 6)
      .attr('fill', HOLLOW)
      .attr('stroke', MISSING)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', '3 2');
    legend.append('text').attr('x', 20).attr('y', y).text(word('hospitalNoReport', lang));
    y += 26;
  }

  // hospitals' own utilisation (the area values above use the same scale)
  if (options.areaValues) return;
  legend.append('text').attr('y', y).attr('font-weight', 700).text(word('occupancy', lang));
  y += 8;
  if (!data.hospitals.some((h) => h.utilisation !== null)) {
    legend
      .append('circle')
      .attr('cx', 7)
      .attr('cy', y + 7)
      .attr('r', 6)
      .attr('fill', HOLLOW)
      .attr('stroke', '#111');
    legend
      .append('text')
      .attr('x', 20)
      .attr('y', y + 11)
      .text(word('noOccupancy', lang));
    return;
  }
  ramp(y);
}

/** Round bed counts for the size legend (about a tenth, a third and all of the largest). */
export function sizeSteps(maxBeds: number): number[] {
  if (maxBeds <= 0) return [];
  const nice = (v: number): number => {
    const p = 10 ** Math.floor(Math.log10(v));
    const m = v / p;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
  };
  return [...new Set([nice(maxBeds / 10), nice(maxBeds / 3), nice(maxBeds)])].filter(
    (v) => v > 0 && v <= maxBeds,
  );
}

/** The region as the map needs it (types only: a chart imports no api client). */
interface RegionLike {
  areas: ReadonlyArray<{ id: string; name: Record<Lang, string> }>;
  municipalities: ReadonlyArray<{
    id: string;
    name: Record<Lang, string>;
    area: string;
    lat: number;
    lng: number;
  }>;
  hospitals: ReadonlyArray<{
    id: string;
    name: Record<Lang, string>;
    area: string;
    lat: number;
    lng: number;
    beds: { highAcute: number; acute: number; recovery: number; chronic: number };
    provenance?: { synthetic?: boolean };
  }>;
}

/** `GET /api/regions/:id/boundaries` as the map takes it (the credit in the page's language). */
export interface BoundariesLike {
  credit: Record<Lang, string>;
  features: ReadonlyArray<{ id: string | number; geometry: MapGeometry }>;
}

/** The credit line in the page's language; in English the required Japanese line follows. */
export function creditLine(credit: Record<Lang, string>, lang: Lang): string {
  if (lang === 'ja' || !credit.en || credit.en === credit.ja) return credit.ja;
  return `${credit.en} (${credit.ja})`;
}

/** The map's data from a region and its boundaries (null: none), with utilisation per hospital when known. */
export function prefectureMapData(
  region: RegionLike,
  lang: Lang,
  boundaries: BoundariesLike | null,
  utilisation?: ReadonlyMap<string, number>,
): PrefectureMapData {
  return {
    areas: region.areas.map((a) => ({ id: a.id, name: a.name[lang] })),
    municipalities: region.municipalities.map((m) => ({
      id: m.id,
      name: m.name[lang],
      area: m.area,
      lat: m.lat,
      lng: m.lng,
    })),
    hospitals: region.hospitals.map((h) => ({
      id: h.id,
      name: h.name[lang],
      area: h.area,
      lat: h.lat,
      lng: h.lng,
      beds: h.beds.highAcute + h.beds.acute + h.beds.recovery + h.beds.chronic,
      utilisation: utilisation?.get(h.id) ?? null,
      synthetic: h.provenance?.synthetic === true,
    })),
    boundaries: boundaries
      ? {
          credit: creditLine(boundaries.credit, lang),
          features: boundaries.features.map((f) => ({ id: String(f.id), geometry: f.geometry })),
        }
      : null,
  };
}
