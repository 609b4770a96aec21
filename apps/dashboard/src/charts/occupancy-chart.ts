// Occupancy over time as small multiples (rows: areas or hospitals; columns: bed functions):
// a band (95 % CI over replications, or min–max of the replications that reached each day
// while a run is live, with their count n), the mean line, full capacity (100 %) and the MHLW
// target occupancy. Values are utilisation (beds in use ÷ capacity), so areas compare.
// A chart drawn with `drawOccupancyChart` redraws in place (the live view, many times a second):
// frame, legend, labels and panels are drawn once; each update moves what follows the data.
import { area as d3area, line as d3line, max, scaleLinear, type ScaleLinear, type Selection } from 'd3';
import type { AggregateResult, BandSeries } from '@caretwin/contracts';
import { formatNumber, formatPercent } from './format';
import { word, type Lang } from './labels';
import { SERIES } from './palette';
import {
  appendFootnote,
  createFrame,
  footnoteHeight,
  r2,
  resetFrame,
  type FrameOptions,
  type G,
  type Svg,
} from './svg';

export interface UtilisationPoint {
  /** day (or week) on the x axis */
  x: number;
  mean: number;
  lo: number;
  hi: number;
  /** replications behind the point (live bands) */
  n?: number;
}

export interface OccupancyPanel {
  row: string;
  column: string;
  /** sorted by x; empty when the pool has no beds */
  points: UtilisationPoint[];
  /** true when capacity was 0 throughout (nothing to show) */
  noBeds: boolean;
}

export interface OccupancyChartOptions {
  lang: Lang;
  /** default 920 */
  width?: number;
  /** height of one panel; default 86 */
  panelHeight?: number;
  /** order of rows and columns (default: as first seen) */
  rows?: string[];
  columns?: string[];
  rowLabel?: (row: string) => string;
  columnLabel?: (column: string) => string;
  /** fixed x extent (a live chart keeps the whole horizon while it fills in) */
  xDomain?: [number, number];
  xLabel?: string;
  /** what the band is: a 95 % CI, or min–max over the replications so far */
  band: 'ci' | 'minmax';
  /** x values up to this one are shaded (the warm-up of a live run), labelled `shadeLabel` */
  shadeUntil?: number;
  shadeLabel?: string;
  /**
   * A live chart's corner mean averages only the days after this x (the warm-up), as the
   * results page does, and says so with `afterLabel`; during the warm-up it names the shade.
   */
  meanAfter?: number;
  afterLabel?: string;
  /** target utilisation per column (e.g. 0.78 for acute) */
  targets?: Partial<Record<string, number>>;
  title?: string;
  footnote?: string;
  document?: Document;
}

/** Utilisation bands from the aggregate's daily series (x = day after warm-up, from 1). */
export function panelsFromAggregate(daily: AggregateResult['dailyOccupancy']): OccupancyPanel[] {
  return daily.map((s) => {
    const noBeds = s.capacity.every((c) => c <= 0);
    const points: UtilisationPoint[] = [];
    if (!noBeds) {
      s.inUse.mean.forEach((mean, i) => {
        const capacity = s.capacity[i];
        if (!(capacity > 0)) return;
        points.push({
          x: i + 1,
          mean: mean / capacity,
          lo: Math.max(0, s.inUse.lo[i]) / capacity,
          hi: s.inUse.hi[i] / capacity,
        });
      });
    }
    return { row: s.area, column: s.function, points, noBeds };
  });
}

/** Utilisation bands from live progress (x = simulated day, warm-up included; band = min–max). */
export function panelsFromLive(series: readonly BandSeries[]): OccupancyPanel[] {
  return series.map((s) => {
    const sorted = [...s.points].sort((a, b) => a.day - b.day);
    const noBeds = sorted.length > 0 && sorted.every((p) => p.capacity <= 0);
    const points = sorted
      .filter((p) => p.capacity > 0)
      .map((p) => ({
        x: p.day,
        mean: p.mean / p.capacity,
        lo: p.min / p.capacity,
        hi: p.max / p.capacity,
        n: p.n,
      }));
    return { row: s.area, column: s.function, points, noBeds };
  });
}

/** Weekly utilisation of hospitals, all functions together (x = week from 1). */
export function panelsFromHospitalWeeks(
  weekly: AggregateResult['weeklyHospitalOccupancy'],
): OccupancyPanel[] {
  return weekly.map((h) => {
    const noBeds = h.capacity.every((c) => c <= 0);
    const points: UtilisationPoint[] = [];
    h.inUse.mean.forEach((mean, i) => {
      const capacity = h.capacity[i];
      if (capacity > 0)
        points.push({
          x: i + 1,
          mean: mean / capacity,
          lo: Math.max(0, h.inUse.lo[i]) / capacity,
          hi: h.inUse.hi[i] / capacity,
        });
    });
    return { row: h.hospital, column: 'all', points, noBeds };
  });
}

const uniq = (values: string[]): string[] => [...new Set(values)];
const Y_CAP = 1.25;
const Y_TICKS = [0, 0.5, 1];
const GAP = 14;

/** What stays while a chart is redrawn in place: sizes, rows and columns, every label. */
interface Layout {
  lang: Lang;
  rows: string[];
  columns: string[];
  width: number;
  height: number;
  panelHeight: number;
  panelWidth: number;
  margin: { top: number; right: number; bottom: number; left: number };
  footnoteHeight: number;
  bandName: string;
  /** the warm-up is shaded (its width follows the x scale) */
  shaded: boolean;
  /** the frame is drawn again when this changes; otherwise only what follows the data moves */
  key: string;
}

interface Scales {
  xDomain: [number, number];
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

type Line = Selection<SVGLineElement, undefined, null, undefined>;
type Text = Selection<SVGTextElement, undefined, null, undefined>;

/** The parts of one panel that follow the data (its frame stays). */
interface PanelParts {
  row: string;
  column: string;
  g: G;
  yTicks: Array<{ value: number; line: Line; label: Text | null }>;
  shade: Selection<SVGRectElement, undefined, null, undefined> | null;
  target: { value: number; line: Line } | null;
  /** x tick labels (under the last row only) */
  xTicks: SVGTextElement[] | null;
}

/** A drawn chart that takes new data without being drawn anew. */
export interface OccupancyChart {
  readonly node: SVGSVGElement;
  /**
   * Shows these panels (with these options, default: the last ones). The same <svg>, panels and
   * paths stay and are updated; the frame is drawn again only when rows, columns, labels or
   * sizes changed. The result reads exactly like `occupancyChart(panels, options)`.
   */
  update(panels: readonly OccupancyPanel[], options?: OccupancyChartOptions): void;
}

export function occupancyChart(
  panels: readonly OccupancyPanel[],
  options: OccupancyChartOptions,
): SVGSVGElement {
  return drawOccupancyChart(panels, options).node;
}

export function drawOccupancyChart(
  panels: readonly OccupancyPanel[],
  options: OccupancyChartOptions,
): OccupancyChart {
  let last = options;
  let xDomain = xDomainOf(panels, options);
  let layout = layoutOf(panels, options, xDomain);
  const svg = createFrame(frameOptions(layout, options));
  let parts = drawFrame(svg, layout, options);
  drawData(parts, panels, layout, options, scalesOf(panels, layout, xDomain));
  return {
    node: svg.node() as SVGSVGElement,
    update(nextPanels, nextOptions = last) {
      last = nextOptions;
      xDomain = xDomainOf(nextPanels, nextOptions);
      const next = layoutOf(nextPanels, nextOptions, xDomain);
      if (next.key !== layout.key) {
        resetFrame(svg, frameOptions(next, nextOptions));
        parts = drawFrame(svg, next, nextOptions);
      }
      layout = next;
      drawData(parts, nextPanels, layout, nextOptions, scalesOf(nextPanels, layout, xDomain));
    },
  };
}

function xDomainOf(panels: readonly OccupancyPanel[], options: OccupancyChartOptions): [number, number] {
  if (options.xDomain) return options.xDomain;
  const allX = panels.flatMap((p) => p.points.map((q) => q.x));
  return [Math.min(1, ...allX), Math.max(2, ...allX)];
}

function layoutOf(
  panels: readonly OccupancyPanel[],
  options: OccupancyChartOptions,
  xDomain: [number, number],
): Layout {
  const { lang } = options;
  const rows = options.rows ?? uniq(panels.map((p) => p.row));
  const columns = options.columns ?? uniq(panels.map((p) => p.column));
  const rowLabels = rows.map((row) => (options.rowLabel ? options.rowLabel(row) : row));
  const columnLabels = columns.map((column) => (options.columnLabel ? options.columnLabel(column) : column));
  const width = options.width ?? 920;
  const panelHeight = options.panelHeight ?? 86;
  // room for the longest row label (CJK glyphs are about one em wide)
  const longest = Math.max(0, ...rowLabels.map((label) => label.length));
  const margin = { top: 54, right: 12, bottom: 40, left: Math.max(60, Math.min(240, longest * 13 + 48)) };
  const panelWidth = Math.max(
    40,
    (width - margin.left - margin.right - GAP * (columns.length - 1)) / Math.max(1, columns.length),
  );
  const footnote = footnoteHeight(options.footnote, width);
  const height = margin.top + rows.length * (panelHeight + GAP) - GAP + margin.bottom + footnote;
  const bandName =
    options.band === 'ci'
      ? word('ci95', lang)
      : `${word('minMax', lang)} (n = ${word('replications', lang)})`;
  const shaded = options.shadeUntil !== undefined && options.shadeUntil > xDomain[0];
  const key = frameKey(options, { lang, width, panelHeight, rows, rowLabels, columns, columnLabels, shaded });
  return {
    lang,
    rows,
    columns,
    width,
    height,
    panelHeight,
    panelWidth,
    margin,
    footnoteHeight: footnote,
    bandName,
    shaded,
    key,
  };
}

/** Everything the frame shows, as one string: when it changes the frame is drawn again. */
function frameKey(
  options: OccupancyChartOptions,
  resolved: { columns: string[] } & Record<string, unknown>,
): string {
  const { title, band, targets, shadeLabel, xLabel, footnote } = options;
  const targetList = targets ? resolved.columns.map((column) => targets[column] ?? null) : null;
  return JSON.stringify({ ...resolved, title, band, targetList, shadeLabel, xLabel, footnote });
}

function frameOptions(layout: Layout, options: OccupancyChartOptions): FrameOptions {
  return {
    width: layout.width,
    height: layout.height,
    title: options.title ?? `${word('utilisation', layout.lang)} · ${layout.bandName}`,
    className: 'chart occupancy-chart',
    document: options.document,
  };
}

function scalesOf(panels: readonly OccupancyPanel[], layout: Layout, xDomain: [number, number]): Scales {
  const x = scaleLinear().domain(xDomain).range([0, layout.panelWidth]);
  // A CI over few replications can reach past any possible utilisation: the axis stops at 125 %
  // and the band is cut there, so one wide band does not flatten every panel.
  const yMax = Math.min(Y_CAP, Math.max(1.05, max(panels, (p) => max(p.points, (q) => q.hi)) ?? 0));
  const y = scaleLinear().domain([0, yMax]).range([layout.panelHeight, 0]).clamp(true);
  return { xDomain, x, y };
}

/**
 * Draws what stays: legend, column and row labels, each panel's background, ticks, shade and
 * target, the x label and the footnote. What follows the data (the y of ticks and targets, the
 * shade's width) is left at 0 for `drawData`, which always runs next.
 */
function drawFrame(svg: Svg, layout: Layout, options: OccupancyChartOptions): PanelParts[] {
  const { margin, rows, columns, panelWidth, panelHeight } = layout;
  drawLegend(svg, layout, options);
  columns.forEach((column, ci) => {
    svg
      .append('text')
      .attr('class', 'column-label')
      .attr('x', r2(margin.left + ci * (panelWidth + GAP) + panelWidth / 2))
      .attr('y', margin.top - 6)
      .attr('text-anchor', 'middle')
      .attr('font-weight', 700)
      .text(options.columnLabel ? options.columnLabel(column) : column);
  });
  const parts: PanelParts[] = [];
  rows.forEach((row, ri) => {
    const top = margin.top + ri * (panelHeight + GAP);
    svg
      .append('text')
      .attr('class', 'row-label')
      .attr('x', margin.left - 36)
      .attr('y', r2(top + panelHeight / 2))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .attr('font-weight', 700)
      .text(options.rowLabel ? options.rowLabel(row) : row);
    columns.forEach((column, ci) => parts.push(drawPanelFrame(svg, layout, options, row, ri, column, ci)));
  });
  svg
    .append('text')
    .attr('class', 'x-label')
    .attr('x', r2(margin.left + (layout.width - margin.left - margin.right) / 2))
    .attr('y', layout.height - layout.footnoteHeight - 8)
    .attr('text-anchor', 'middle')
    .text(options.xLabel ?? word('day', layout.lang));
  appendFootnote(svg, options.footnote, layout.height - 6);
  return parts;
}

/** Legend: band, mean, 100 %, target. */
function drawLegend(svg: Svg, layout: Layout, options: OccupancyChartOptions): void {
  const legend = svg
    .append('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${layout.margin.left},14)`);
  legend
    .append('rect')
    .attr('width', 18)
    .attr('height', 10)
    .attr('fill', SERIES.band)
    .attr('fill-opacity', 0.6);
  legend.append('text').attr('x', 24).attr('y', 9).text(layout.bandName);
  legend
    .append('line')
    .attr('x1', 220)
    .attr('x2', 238)
    .attr('y1', 5)
    .attr('y2', 5)
    .attr('stroke', SERIES.line)
    .attr('stroke-width', 2);
  legend.append('text').attr('x', 244).attr('y', 9).text(word('mean', layout.lang));
  if (options.targets) {
    legend
      .append('line')
      .attr('x1', 320)
      .attr('x2', 338)
      .attr('y1', 5)
      .attr('y2', 5)
      .attr('stroke', SERIES.target)
      .attr('stroke-dasharray', '2,2')
      .attr('stroke-width', 1.5);
    legend.append('text').attr('x', 344).attr('y', 9).text(word('target', layout.lang));
  }
}

/** One panel's background, y ticks (labelled in the first column), shade and target line. */
function drawPanelFrame(
  svg: Svg,
  layout: Layout,
  options: OccupancyChartOptions,
  row: string,
  ri: number,
  column: string,
  ci: number,
): PanelParts {
  const { panelWidth, panelHeight } = layout;
  const left = layout.margin.left + ci * (panelWidth + GAP);
  const top = layout.margin.top + ri * (panelHeight + GAP);
  const g = svg
    .append('g')
    .attr('class', 'panel')
    .attr('data-row', row)
    .attr('data-column', column)
    .attr('transform', `translate(${r2(left)},${r2(top)})`);
  g.append('rect')
    .attr('width', r2(panelWidth))
    .attr('height', panelHeight)
    .attr('fill', '#fafafa')
    .attr('stroke', '#ccc');
  const yTicks = drawYTicks(g, layout, ci === 0);
  const shade = layout.shaded ? drawShade(g, layout, ri === 0 ? options.shadeLabel : undefined) : null;
  const targetValue = options.targets?.[column];
  const target =
    targetValue === undefined
      ? null
      : { value: targetValue, line: drawHorizontal(g, layout, SERIES.target, '2,2', 1.5, 'target') };
  // x ticks under the last row, also under panels without data (drawn by drawData)
  const xTicks = ri === layout.rows.length - 1 ? [] : null;
  return { row, column, g, yTicks, shade, target, xTicks };
}

/** A line across the panel; its y follows the data (set by drawData). */
function drawHorizontal(
  g: G,
  layout: Layout,
  stroke: string,
  dash: string | null,
  strokeWidth: number | null,
  className?: string,
): Line {
  return g
    .append('line')
    .attr('class', className ?? null)
    .attr('x1', 0)
    .attr('x2', r2(layout.panelWidth))
    .attr('y1', 0)
    .attr('y2', 0)
    .attr('stroke', stroke)
    .attr('stroke-dasharray', dash)
    .attr('stroke-width', strokeWidth);
}

/** y ticks: 0 %, 50 %, 100 % (full capacity, dashed), labelled on the first column only. */
function drawYTicks(g: G, layout: Layout, labelled: boolean): PanelParts['yTicks'] {
  return Y_TICKS.map((value) => {
    const line =
      value === 1
        ? drawHorizontal(g, layout, SERIES.capacity, '4,3', null)
        : drawHorizontal(g, layout, '#e2e2e2', null, null);
    const label = labelled
      ? g
          .append('text')
          .attr('x', -4)
          .attr('y', 0)
          .attr('text-anchor', 'end')
          .attr('dominant-baseline', 'middle')
          .attr('font-size', 10)
          .text(formatPercent(value, layout.lang, 0))
      : null;
    return { value, line, label };
  });
}

/** The warm-up's shade (its width follows the x scale), labelled in the first row. */
function drawShade(g: G, layout: Layout, label: string | undefined): NonNullable<PanelParts['shade']> {
  const shade = g
    .append('rect')
    .attr('class', 'shade')
    .attr('width', 0)
    .attr('height', layout.panelHeight)
    .attr('fill', '#000')
    .attr('fill-opacity', 0.07);
  if (label)
    g.append('text').attr('x', 3).attr('y', 11).attr('font-size', 10).attr('fill', '#444').text(label);
  return shade;
}

/** Moves and fills in what follows the data: scales, ticks, shade, band, mean and the latest value. */
function drawData(
  parts: PanelParts[],
  panels: readonly OccupancyPanel[],
  layout: Layout,
  options: OccupancyChartOptions,
  scales: Scales,
): void {
  const { x, y, xDomain } = scales;
  const byKey = new Map(panels.map((p) => [`${p.row}\u0000${p.column}`, p]));
  const atY = (line: Line, value: number): void => {
    line.attr('y1', r2(y(value))).attr('y2', r2(y(value)));
  };
  for (const part of parts) {
    for (const tick of part.yTicks) {
      atY(tick.line, tick.value);
      tick.label?.attr('y', r2(y(tick.value)));
    }
    if (part.shade && options.shadeUntil !== undefined)
      part.shade.attr('width', r2(x(Math.min(options.shadeUntil, xDomain[1]))));
    if (part.target) atY(part.target.line, part.target.value);
    if (part.xTicks) part.xTicks = drawXTicks(part.g, part.xTicks, layout, x);
    drawSeries(part.g, byKey.get(`${part.row}\u0000${part.column}`), layout, scales, options);
  }
}

/** The x tick labels of a panel (their count follows the x domain), before its series. */
function drawXTicks(
  g: G,
  existing: SVGTextElement[],
  layout: Layout,
  x: ScaleLinear<number, number>,
): SVGTextElement[] {
  return g
    .selectAll<SVGTextElement, number>(() => existing)
    .data(x.ticks(4))
    .join((enter) =>
      enter
        .insert('text', 'path.band, text.empty')
        .attr('x', 0)
        .attr('y', layout.panelHeight + 14)
        .attr('text-anchor', 'middle')
        .attr('font-size', 10),
    )
    .attr('x', (tick) => r2(x(tick)))
    .text((tick) => formatNumber(tick, layout.lang))
    .nodes();
}

/** Band, mean line and the latest value; or why there is nothing to show. */
function drawSeries(
  g: G,
  panel: OccupancyPanel | undefined,
  layout: Layout,
  scales: Scales,
  options: OccupancyChartOptions,
): void {
  const points = panel && !panel.noBeds && panel.points.length > 0 ? panel.points : null;
  drawEmpty(g, points ? null : word(panel?.noBeds ? 'noBeds' : 'noData', layout.lang), layout);
  const series = points ? [points] : [];
  const { x, y } = scales;
  const band = d3area<UtilisationPoint>()
    .x((p) => r2(x(p.x)))
    .y0((p) => r2(y(p.lo)))
    .y1((p) => r2(y(p.hi)));
  const meanLine = d3line<UtilisationPoint>()
    .x((p) => r2(x(p.x)))
    .y((p) => r2(y(p.mean)));
  g.selectAll<SVGPathElement, UtilisationPoint[]>('path.band')
    .data(series)
    .join((enter) =>
      enter
        .append('path')
        .attr('class', 'band')
        .attr('d', '')
        .attr('fill', SERIES.band)
        .attr('fill-opacity', 0.6),
    )
    .attr('d', (d) => band(d));
  g.selectAll<SVGPathElement, UtilisationPoint[]>('path.mean')
    .data(series)
    .join((enter) =>
      enter
        .append('path')
        .attr('class', 'mean')
        .attr('d', '')
        .attr('fill', 'none')
        .attr('stroke', SERIES.line)
        .attr('stroke-width', 1.5),
    )
    .attr('d', (d) => meanLine(d));
  drawLatest(g, series, layout, options);
}

/** Why a panel shows nothing (no beds, no data yet); null: it shows data. */
function drawEmpty(g: G, message: string | null, layout: Layout): void {
  g.selectAll('text.empty')
    .data(message === null ? [] : [message])
    .join((enter) =>
      enter
        .append('text')
        .attr('class', 'empty')
        .attr('x', r2(layout.panelWidth / 2))
        .attr('y', layout.panelHeight / 2)
        .attr('text-anchor', 'middle')
        .attr('fill', '#666'),
    )
    .text((text) => text);
}

/** The latest mean (and the replications behind it, live) in the panel's corner. */
function drawLatest(
  g: G,
  series: UtilisationPoint[][],
  layout: Layout,
  options: Pick<OccupancyChartOptions, 'meanAfter' | 'afterLabel' | 'shadeLabel'>,
): void {
  const { lang } = layout;
  g.selectAll<SVGTextElement, UtilisationPoint[]>('text.latest')
    .data(series)
    .join((enter) =>
      enter
        .append('text')
        .attr('class', 'latest')
        .attr('x', r2(layout.panelWidth - 4))
        .attr('y', layout.panelHeight - 5)
        .attr('text-anchor', 'end')
        .attr('font-size', 10),
    )
    .text((points) => {
      const latest = points[points.length - 1];
      const meanText = cornerMean(points, lang, options);
      return latest.n !== undefined ? `n = ${formatNumber(latest.n, lang)} · ${meanText}` : meanText;
    });
}

/**
 * The corner's mean: the latest day's, or (live) the average of the days after the warm-up, so
 * it agrees with the results page; while every day is still warm-up it says that instead.
 */
function cornerMean(
  points: UtilisationPoint[],
  lang: Lang,
  options: Pick<OccupancyChartOptions, 'meanAfter' | 'afterLabel' | 'shadeLabel'>,
): string {
  const { meanAfter } = options;
  if (meanAfter === undefined) {
    const latest = points[points.length - 1];
    return `${word('mean', lang)} ${formatPercent(latest.mean, lang, 0)}`;
  }
  const after = points.filter((p) => p.x > meanAfter);
  if (after.length === 0) return options.shadeLabel ?? word('mean', lang);
  const mean = after.reduce((sum, p) => sum + p.mean, 0) / after.length;
  return `${options.afterLabel ?? word('mean', lang)} ${formatPercent(mean, lang, 0)}`;
}
