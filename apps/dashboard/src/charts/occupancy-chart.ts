// Occupancy over time as small multiples (rows: areas or hospitals; columns: bed functions):
// a band (95 % CI over replications, or min–max of the replications that reached each day
// while a run is live, with their count n), the mean line, full capacity (100 %) and the MHLW
// target occupancy. Values are utilisation (beds in use ÷ capacity), so areas compare.
import { area as d3area, line as d3line, max, scaleLinear } from 'd3';
import type { AggregateResult, BandSeries } from '@caretwin/contracts';
import { formatNumber, formatPercent } from './format';
import { word, type Lang } from './labels';
import { SERIES } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

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

export function occupancyChart(
  panels: readonly OccupancyPanel[],
  options: OccupancyChartOptions,
): SVGSVGElement {
  const { lang } = options;
  const rows = options.rows ?? uniq(panels.map((p) => p.row));
  const columns = options.columns ?? uniq(panels.map((p) => p.column));
  const byKey = new Map(panels.map((p) => [`${p.row}\u0000${p.column}`, p]));
  const width = options.width ?? 920;
  const panelHeight = options.panelHeight ?? 86;
  // room for the longest row label (CJK glyphs are about one em wide)
  const longest = Math.max(0, ...rows.map((row) => (options.rowLabel ? options.rowLabel(row) : row).length));
  const margin = { top: 54, right: 12, bottom: 40, left: Math.max(60, Math.min(240, longest * 13 + 48)) };
  const gap = 14;
  const panelWidth = Math.max(
    40,
    (width - margin.left - margin.right - gap * (columns.length - 1)) / Math.max(1, columns.length),
  );
  const footnote = footnoteHeight(options.footnote);
  const height = margin.top + rows.length * (panelHeight + gap) - gap + margin.bottom + footnote;
  const bandName =
    options.band === 'ci'
      ? word('ci95', lang)
      : `${word('minMax', lang)} (n = ${word('replications', lang)})`;
  const svg = createFrame({
    width,
    height,
    title: options.title ?? `${word('utilisation', lang)} · ${bandName}`,
    className: 'chart occupancy-chart',
    document: options.document,
  });

  const allX = panels.flatMap((p) => p.points.map((q) => q.x));
  const xDomain = options.xDomain ?? [Math.min(1, ...allX), Math.max(2, ...allX)];
  const x = scaleLinear().domain(xDomain).range([0, panelWidth]);
  // A CI over few replications can reach past any possible utilisation: the axis stops at 125 %
  // and the band is cut there, so one wide band does not flatten every panel.
  const yMax = Math.min(Y_CAP, Math.max(1.05, max(panels, (p) => max(p.points, (q) => q.hi)) ?? 0));
  const y = scaleLinear().domain([0, yMax]).range([panelHeight, 0]).clamp(true);
  const band = d3area<UtilisationPoint>()
    .x((p) => r2(x(p.x)))
    .y0((p) => r2(y(p.lo)))
    .y1((p) => r2(y(p.hi)));
  const meanLine = d3line<UtilisationPoint>()
    .x((p) => r2(x(p.x)))
    .y((p) => r2(y(p.mean)));

  // Legend: band, mean, 100 %, target.
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${margin.left},14)`);
  legend
    .append('rect')
    .attr('width', 18)
    .attr('height', 10)
    .attr('fill', SERIES.band)
    .attr('fill-opacity', 0.6);
  legend.append('text').attr('x', 24).attr('y', 9).text(bandName);
  legend
    .append('line')
    .attr('x1', 220)
    .attr('x2', 238)
    .attr('y1', 5)
    .attr('y2', 5)
    .attr('stroke', SERIES.line)
    .attr('stroke-width', 2);
  legend.append('text').attr('x', 244).attr('y', 9).text(word('mean', lang));
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
    legend.append('text').attr('x', 344).attr('y', 9).text(word('target', lang));
  }

  columns.forEach((column, ci) => {
    svg
      .append('text')
      .attr('class', 'column-label')
      .attr('x', r2(margin.left + ci * (panelWidth + gap) + panelWidth / 2))
      .attr('y', margin.top - 6)
      .attr('text-anchor', 'middle')
      .attr('font-weight', 700)
      .text(options.columnLabel ? options.columnLabel(column) : column);
  });

  rows.forEach((row, ri) => {
    const top = margin.top + ri * (panelHeight + gap);
    svg
      .append('text')
      .attr('class', 'row-label')
      .attr('x', margin.left - 36)
      .attr('y', r2(top + panelHeight / 2))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .attr('font-weight', 700)
      .text(options.rowLabel ? options.rowLabel(row) : row);
    columns.forEach((column, ci) => {
      const left = margin.left + ci * (panelWidth + gap);
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
      // y ticks: 0 %, 50 %, 100 % (on the first column only)
      for (const tick of [0, 0.5, 1]) {
        g.append('line')
          .attr('x1', 0)
          .attr('x2', r2(panelWidth))
          .attr('y1', r2(y(tick)))
          .attr('y2', r2(y(tick)))
          .attr('stroke', tick === 1 ? SERIES.capacity : '#e2e2e2')
          .attr('stroke-dasharray', tick === 1 ? '4,3' : null);
        if (ci === 0)
          g.append('text')
            .attr('x', -4)
            .attr('y', r2(y(tick)))
            .attr('text-anchor', 'end')
            .attr('dominant-baseline', 'middle')
            .attr('font-size', 10)
            .text(formatPercent(tick, lang, 0));
      }
      if (options.shadeUntil !== undefined && options.shadeUntil > xDomain[0]) {
        const until = Math.min(options.shadeUntil, xDomain[1]);
        g.append('rect')
          .attr('class', 'shade')
          .attr('width', r2(x(until)))
          .attr('height', panelHeight)
          .attr('fill', '#000')
          .attr('fill-opacity', 0.07);
        if (ri === 0 && options.shadeLabel)
          g.append('text')
            .attr('x', 3)
            .attr('y', 11)
            .attr('font-size', 10)
            .attr('fill', '#444')
            .text(options.shadeLabel);
      }
      const target = options.targets?.[column];
      if (target !== undefined)
        g.append('line')
          .attr('class', 'target')
          .attr('x1', 0)
          .attr('x2', r2(panelWidth))
          .attr('y1', r2(y(target)))
          .attr('y2', r2(y(target)))
          .attr('stroke', SERIES.target)
          .attr('stroke-dasharray', '2,2')
          .attr('stroke-width', 1.5);
      // x ticks under the last row, also under panels without data
      if (ri === rows.length - 1) {
        for (const tick of x.ticks(4)) {
          g.append('text')
            .attr('x', r2(x(tick)))
            .attr('y', panelHeight + 14)
            .attr('text-anchor', 'middle')
            .attr('font-size', 10)
            .text(formatNumber(tick, lang));
        }
      }
      const panel = byKey.get(`${row}\u0000${column}`);
      if (!panel || panel.noBeds || panel.points.length === 0) {
        g.append('text')
          .attr('class', 'empty')
          .attr('x', r2(panelWidth / 2))
          .attr('y', panelHeight / 2)
          .attr('text-anchor', 'middle')
          .attr('fill', '#666')
          .text(panel?.noBeds ? word('noBeds', lang) : word('noData', lang));
        return;
      }
      g.append('path')
        .attr('class', 'band')
        .attr('d', band(panel.points))
        .attr('fill', SERIES.band)
        .attr('fill-opacity', 0.6);
      g.append('path')
        .attr('class', 'mean')
        .attr('d', meanLine(panel.points))
        .attr('fill', 'none')
        .attr('stroke', SERIES.line)
        .attr('stroke-width', 1.5);
      const last = panel.points[panel.points.length - 1];
      const meanText = `${word('mean', lang)} ${formatPercent(last.mean, lang, 0)}`;
      g.append('text')
        .attr('class', 'latest')
        .attr('x', r2(panelWidth - 4))
        .attr('y', panelHeight - 5)
        .attr('text-anchor', 'end')
        .attr('font-size', 10)
        .text(last.n !== undefined ? `n = ${formatNumber(last.n, lang)} · ${meanText}` : meanText);
    });
  });

  svg
    .append('text')
    .attr('class', 'x-label')
    .attr('x', r2(margin.left + (width - margin.left - margin.right) / 2))
    .attr('y', height - footnote - 8)
    .attr('text-anchor', 'middle')
    .text(options.xLabel ?? word('day', lang));
  appendFootnote(svg, options.footnote, height - 6);
  return svg.node() as SVGSVGElement;
}
