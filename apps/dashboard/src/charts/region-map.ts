// Region map: municipality centroids as Voronoi cells (d3.Delaunay) clipped to the region's
// hull, filled by secondary medical area (二次医療圏) and labelled with the area's name;
// hospitals as circles whose area is proportional to beds (sqrt scale) and whose fill is the
// utilisation (cividis; hollow when there is no run); a closed hospital (no beds after the
// levers) as a grey ✕, not a dot coloured as if it were nearly empty. Clicking a hospital calls back.
import { Delaunay, max, scaleSqrt, type Selection } from 'd3';
import type { Region } from '@caretwin/scenario';
import { centroidOf, clipToConvex, fitProjection, paddedHull, type Point } from './geometry';
import { formatNumber, formatPercent } from './format';
import { word, type Lang } from './labels';
import { areaColourMap, occupancyScale, OCCUPANCY_DOMAIN } from './palette';
import { appendFootnote, createFrame, footnoteHeight, polygonPath, r2 } from './svg';

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
  /** mean utilisation over the horizon; null before any run */
  utilisation: number | null;
  synthetic: boolean;
  /** closed by the levers; default: no beds left */
  closed?: boolean;
}
export interface RegionMapData {
  areas: MapArea[];
  municipalities: MapMunicipality[];
  hospitals: MapHospital[];
}

export interface RegionMapOptions {
  lang: Lang;
  /** default 760 (map plus legend) */
  width?: number;
  /** default 560 */
  height?: number;
  /** width kept for the legend on the right; default 210 */
  legendWidth?: number;
  /** pixels the hull is grown around the outermost centroids; default 18 */
  hullMargin?: number;
  /** radius of the largest hospital; default 16 */
  maxRadius?: number;
  title?: string;
  /** e.g. which inputs are synthetic or estimated */
  footnote?: string;
  selectedHospital?: string | null;
  onHospitalClick?: (hospitalId: string) => void;
  document?: Document;
}

export interface MapCell {
  id: string;
  name: string;
  area: string;
  colour: string;
  polygon: Point[];
}
export interface MapCircle extends MapHospital {
  x: number;
  y: number;
  r: number;
  fill: string;
  closed: boolean;
}
export interface RegionMapShape {
  cells: MapCell[];
  hull: Point[];
  /** drawn largest first, so small hospitals stay clickable on top */
  hospitals: MapCircle[];
  areaLabels: Array<{ id: string; name: string; colour: string; x: number; y: number }>;
  radius: (beds: number) => number;
  maxBeds: number;
}

/** The map's data from a region, with utilisation per hospital when a run gave one. */
export function regionMapData(
  region: Region,
  lang: Lang,
  utilisation?: ReadonlyMap<string, number>,
): RegionMapData {
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
  };
}

const HOLLOW = '#ffffff';
const CLOSED = '#6b6b6b';
/** half the width of a closed hospital's ✕ */
const CLOSED_SIZE = 5;

/** An ✕ centred on (x, y). */
const crossPath = (x: number, y: number, s: number): string =>
  `M${r2(x - s)},${r2(y - s)}L${r2(x + s)},${r2(y + s)}M${r2(x - s)},${r2(y + s)}L${r2(x + s)},${r2(y - s)}`;

export function shapeRegionMap(data: RegionMapData, options: RegionMapOptions): RegionMapShape {
  const width = options.width ?? 760;
  const height = options.height ?? 560;
  const mapWidth = width - (options.legendWidth ?? 210);
  const mapHeight = height - footnoteHeight(options.footnote, width);
  const margin = options.hullMargin ?? 18;
  const project = fitProjection([...data.municipalities, ...data.hospitals], mapWidth, mapHeight, margin + 6);
  const colours = areaColourMap(data.areas.map((a) => a.id));

  // Two municipalities on one centroid would share a site and lose a cell: nudge repeats.
  const seen = new Map<string, number>();
  const sites: Point[] = data.municipalities.map((m) => {
    const [x, y] = project(m);
    const key = `${r2(x)},${r2(y)}`;
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    return [x + repeat * 0.5, y + repeat * 0.5];
  });
  const hull = paddedHull(sites, margin);
  const voronoi = Delaunay.from(sites).voronoi([-1, -1, mapWidth + 1, mapHeight + 1]);
  const cells: MapCell[] = data.municipalities.map((m, i) => {
    const raw = voronoi.cellPolygon(i) as Point[] | null;
    // cellPolygon repeats the first point at the end; the clip wants it once.
    const open = raw ? raw.slice(0, -1) : [];
    return {
      id: m.id,
      name: m.name,
      area: m.area,
      colour: colours.get(m.area) ?? '#cccccc',
      polygon: clipToConvex(open, hull),
    };
  });

  const maxBeds = max(data.hospitals, (h) => h.beds) ?? 0;
  const radiusScale = scaleSqrt()
    .domain([0, Math.max(1, maxBeds)])
    .range([0, options.maxRadius ?? 16]);
  const radius = (beds: number): number => Math.max(2, radiusScale(beds));
  const fill = occupancyScale();
  const hospitals: MapCircle[] = data.hospitals
    .map((h) => {
      const [x, y] = project(h);
      const closed = h.closed ?? h.beds <= 0;
      if (closed) return { ...h, x, y, r: CLOSED_SIZE, fill: CLOSED, closed };
      return {
        ...h,
        x,
        y,
        r: radius(h.beds),
        fill: h.utilisation === null ? HOLLOW : fill(h.utilisation),
        closed,
      };
    })
    .sort((a, b) => b.r - a.r || a.id.localeCompare(b.id));

  const areaLabels = data.areas.flatMap((area) => {
    const centre = centroidOf(cells.filter((c) => c.area === area.id).map((c) => c.polygon));
    return centre
      ? [
          {
            id: area.id,
            name: area.name,
            colour: colours.get(area.id) ?? '#cccccc',
            x: centre[0],
            y: centre[1],
          },
        ]
      : [];
  });
  return { cells, hull, hospitals, areaLabels, radius, maxBeds };
}

export function regionMap(data: RegionMapData, options: RegionMapOptions): SVGSVGElement {
  const { lang } = options;
  const width = options.width ?? 760;
  const height = options.height ?? 560;
  const legendX = width - (options.legendWidth ?? 210) + 12;
  const shape = shapeRegionMap(data, options);
  const svg = createFrame({
    width,
    height,
    title: options.title ?? word('areas', lang),
    className: 'chart region-map',
    document: options.document,
  });

  const cells = svg.append('g').attr('class', 'cells');
  for (const cell of shape.cells) {
    cells
      .append('path')
      .attr('class', 'cell')
      .attr('data-municipality', cell.id)
      .attr('data-area', cell.area)
      .attr('d', polygonPath(cell.polygon))
      .attr('fill', cell.colour)
      .attr('fill-opacity', 0.55)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 1)
      .append('title')
      .text(cell.name);
  }
  svg
    .append('path')
    .attr('class', 'hull')
    .attr('d', polygonPath(shape.hull))
    .attr('fill', 'none')
    .attr('stroke', '#555')
    .attr('stroke-width', 1);

  const circles = svg.append('g').attr('class', 'hospitals');
  for (const h of shape.hospitals) {
    const selected = options.selectedHospital === h.id;
    const circle = (h.closed
      ? circles
          .append('path')
          .attr('class', selected ? 'hospital closed selected' : 'hospital closed')
          .attr('data-hospital', h.id)
          .attr('data-closed', 'true')
          .attr('d', crossPath(h.x, h.y, CLOSED_SIZE))
          .attr('fill', 'none')
          .attr('stroke', selected ? '#D55E00' : CLOSED)
          .attr('stroke-width', 2.5)
          .attr('stroke-linecap', 'round')
      : circles
          .append('circle')
          .attr('class', selected ? 'hospital selected' : 'hospital')
          .attr('data-hospital', h.id)
          .attr('cx', r2(h.x))
          .attr('cy', r2(h.y))
          .attr('r', r2(h.r))
          .attr('fill', h.fill)
          .attr('stroke', selected ? '#D55E00' : '#111')
          .attr('stroke-width', selected ? 3 : 1)) as unknown as Selection<
      SVGElement,
      undefined,
      null,
      undefined
    >;
    const occupancy =
      h.utilisation === null || h.closed
        ? ''
        : ` · ${word('occupancy', lang)} ${formatPercent(h.utilisation, lang)}`;
    circle
      .append('title')
      .text(
        h.closed
          ? `${h.name} · ${word('closed', lang)}`
          : `${h.name} · ${formatNumber(h.beds, lang)} ${word('bedsCount', lang)}${occupancy}`,
      );
    const onClick = options.onHospitalClick;
    if (onClick) {
      circle
        .attr('tabindex', 0)
        .attr('role', 'button')
        .attr('aria-label', h.name)
        .style('cursor', 'pointer')
        .on('click', () => onClick(h.id))
        .on('keydown', (event: KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onClick(h.id);
          }
        });
    }
  }

  // Area names on top of the hospitals: a dense city must not hide its area's name.
  const labels = svg
    .append('g')
    .attr('class', 'area-labels')
    .attr('pointer-events', 'none')
    .attr('text-anchor', 'middle');
  for (const label of shape.areaLabels) {
    labels
      .append('text')
      .attr('x', r2(label.x))
      .attr('y', r2(label.y))
      .attr('font-size', 13)
      .attr('font-weight', 700)
      .attr('fill', '#111')
      .attr('stroke', '#fff')
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .text(label.name);
  }

  drawLegend(svg, shape, data, options, legendX);
  appendFootnote(svg, options.footnote, height - 6);
  return svg.node() as SVGSVGElement;
}

function drawLegend(
  svg: ReturnType<typeof createFrame>,
  shape: RegionMapShape,
  data: RegionMapData,
  options: RegionMapOptions,
  x: number,
): void {
  const { lang } = options;
  const legend = svg
    .append('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${r2(x)},16)`);
  let y = 0;
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

  legend.append('text').attr('y', y).attr('font-weight', 700).text(word('occupancy', lang));
  y += 8;
  const anyOccupancy = data.hospitals.some((h) => h.utilisation !== null);
  if (!anyOccupancy) {
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
  const scale = occupancyScale();
  const rampWidth = 150;
  const stops = 10;
  for (let i = 0; i < stops; i++) {
    const value = OCCUPANCY_DOMAIN[0] + ((OCCUPANCY_DOMAIN[1] - OCCUPANCY_DOMAIN[0]) * (i + 0.5)) / stops;
    legend
      .append('rect')
      .attr('x', (i * rampWidth) / stops)
      .attr('y', y)
      .attr('width', rampWidth / stops + 0.5)
      .attr('height', 12)
      .attr('fill', scale(value));
  }
  legend
    .append('rect')
    .attr('x', 0)
    .attr('y', y)
    .attr('width', rampWidth)
    .attr('height', 12)
    .attr('fill', 'none')
    .attr('stroke', '#555');
  for (const value of [OCCUPANCY_DOMAIN[0], 0.75, OCCUPANCY_DOMAIN[1]]) {
    const at = ((value - OCCUPANCY_DOMAIN[0]) / (OCCUPANCY_DOMAIN[1] - OCCUPANCY_DOMAIN[0])) * rampWidth;
    legend
      .append('text')
      .attr('x', r2(at))
      .attr('y', y + 26)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .text(
        `${value === OCCUPANCY_DOMAIN[0] ? '≤' : value === OCCUPANCY_DOMAIN[1] ? '≥' : ''}${formatPercent(value, lang, 0)}`,
      );
  }
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
