// Census history and forecast fan, small multiples area × function: the reported occupancy of
// the last 60 days (beds occupied ÷ beds; a day without a report is a gap in the line, a day
// with fewer hospitals than expected a hollow dot), then from today the forecast's 95 % and
// 80 % prediction intervals (light and darker band) and its mean (dashed); the 95 % threshold
// (vermillion, dashed) and 100 %; today's figure in the panel's corner. The data is shaped by
// the Now view (src/now/alerts.ts) and given here as plain panels.
import { area as d3area, line as d3line, max, min, scaleLinear, scaleUtc } from 'd3';
import type { BedFunction } from '@caretwin/contracts';
import { formatPercent } from './format';
import { word, type Lang } from './labels';
import { SERIES } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2, textWidth, type G } from './svg';

export interface CensusChartDay {
  date: string;
  occupancy: number | null;
  partial: boolean;
}
export interface CensusChartForecast {
  date: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}
export interface CensusChartPanel {
  area: string;
  function: BedFunction;
  days: CensusChartDay[];
  forecast: CensusChartForecast[];
}

export interface CensusChartOptions {
  lang: Lang;
  rows: readonly string[];
  columns: readonly BedFunction[];
  rowLabel?: (area: string) => string;
  columnLabel?: (fn: BedFunction) => string;
  /** the alert line; default 0.95 */
  threshold?: number;
  /** default 920 */
  width?: number;
  /** one panel's height; default 120 */
  panelHeight?: number;
  title?: string;
  footnote?: string;
  document?: Document;
}

const dayOf = (date: string): Date => new Date(`${date}T00:00:00Z`);
const BAND95 = '#c9d8ee';
const BAND80 = SERIES.band;

export function censusChart(panels: readonly CensusChartPanel[], options: CensusChartOptions): SVGSVGElement {
  const { lang } = options;
  const width = options.width ?? 920;
  const panelHeight = options.panelHeight ?? 120;
  const threshold = options.threshold ?? 0.95;
  const labelWidth = 150;
  const top = 26;
  const gap = 14;
  const columns = options.columns;
  const panelWidth = (width - labelWidth - 10 - gap * (columns.length - 1)) / columns.length;
  const innerHeight = panelHeight - 30;
  const footnote = footnoteHeight(options.footnote, width);
  // the legend's items in rows that fit the width (English labels are long)
  const legendWords = ['reported', 'pi80', 'pi95', 'forecastMean'] as const;
  const legendLabels = [
    ...legendWords.map((k) => word(k, lang)),
    formatPercent(threshold, lang, 0),
    word('partialReport', lang),
  ];
  const legendPlaces: Array<{ x: number; row: number }> = [];
  let placeX = 0;
  let placeRow = 0;
  for (const label of legendLabels) {
    const w = 30 + textWidth(label, 11);
    if (placeX > 0 && placeX + w > width - labelWidth) {
      placeRow += 1;
      placeX = 0;
    }
    legendPlaces.push({ x: placeX, row: placeRow });
    placeX += w;
  }
  const height = top + options.rows.length * panelHeight + 20 * (placeRow + 1) + footnote;
  const svg = createFrame({
    width,
    height,
    title: options.title ?? word('occupancy', lang),
    className: 'chart census-chart',
    document: options.document,
  });

  const dates = panels.flatMap((p) => [...p.days.map((d) => d.date), ...p.forecast.map((f) => f.date)]);
  const sorted = [...new Set(dates)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const x = scaleUtc()
    .domain(first ? [dayOf(first), dayOf(last)] : [new Date(0), new Date(86_400_000)])
    .range([0, panelWidth]);
  const top95 =
    max(panels, (p) => max([...p.days.map((d) => d.occupancy ?? 0), ...p.forecast.map((f) => f.hi95)])) ?? 1;
  // from a round tenth below the lowest figure (at most 80 %): the days around the threshold
  // get the height, as a planner reads them
  const lowest =
    min(panels, (p) =>
      min([
        ...p.days.flatMap((d) => (d.occupancy === null ? [] : [d.occupancy])),
        ...p.forecast.map((f) => f.lo95),
      ]),
    ) ?? 0.5;
  const floor = Math.max(0, Math.min(0.8, Math.floor((lowest - 0.05) * 10) / 10));
  const y = scaleLinear()
    .domain([floor, Math.max(1.05, top95)])
    .range([innerHeight, 0])
    .clamp(true);
  const byKey = new Map(panels.map((p) => [`${p.area}|${p.function}`, p]));
  const columnLabel = options.columnLabel ?? ((fn: BedFunction) => fn);
  const rowLabel = options.rowLabel ?? ((a: string) => a);

  columns.forEach((fn, c) => {
    svg
      .append('text')
      .attr('x', r2(labelWidth + c * (panelWidth + gap) + panelWidth / 2))
      .attr('y', 16)
      .attr('text-anchor', 'middle')
      .attr('font-weight', 700)
      .text(columnLabel(fn));
  });

  options.rows.forEach((area, r) => {
    const rowTop = top + r * panelHeight;
    const label = svg
      .append('text')
      .attr('class', 'row-label')
      .attr('x', 0)
      .attr('y', r2(rowTop + innerHeight / 2))
      .attr('font-weight', 700);
    // a long area name (石巻・登米・気仙沼) on two lines, left of the tick labels
    const lines = splitLabel(rowLabel(area), labelWidth - 40);
    lines.forEach((line, i) =>
      label
        .append('tspan')
        .attr('x', 0)
        .attr('dy', i === 0 ? (lines.length > 1 ? -7 : 0) : 14)
        .text(line),
    );
    for (const tick of [floor, threshold]) {
      svg
        .append('text')
        .attr('class', 'y-tick')
        .attr('x', labelWidth - 4)
        .attr('y', r2(rowTop + y(tick) + 4))
        .attr('text-anchor', 'end')
        .attr('font-size', 10)
        .attr('fill', '#555')
        .text(formatPercent(tick, lang, 0));
    }
    columns.forEach((fn, c) => {
      const panel = byKey.get(`${area}|${fn}`);
      const g = svg
        .append('g')
        .attr('class', 'panel')
        .attr('data-area', area)
        .attr('data-function', fn)
        .attr('transform', `translate(${r2(labelWidth + c * (panelWidth + gap))},${r2(rowTop)})`);
      g.append('rect')
        .attr('width', r2(panelWidth))
        .attr('height', innerHeight)
        .attr('fill', '#fafafa')
        .attr('stroke', '#ccc');
      for (const [value, cls] of [
        [1, 'full'],
        [threshold, 'threshold'],
      ] as const)
        g.append('line')
          .attr('class', cls)
          .attr('x2', r2(panelWidth))
          .attr('y1', r2(y(value)))
          .attr('y2', r2(y(value)))
          .attr('stroke', cls === 'full' ? '#222' : SERIES.threshold)
          .attr('stroke-dasharray', cls === 'full' ? null : '4 3')
          .attr('stroke-width', 1);
      if (!panel || panel.days.every((d) => d.occupancy === null)) {
        g.append('text')
          .attr('x', r2(panelWidth / 2))
          .attr('y', r2(innerHeight / 2))
          .attr('text-anchor', 'middle')
          .attr('fill', '#666')
          .text(word('noReport', lang));
        return;
      }
      // the fan, joined to today's figure so the band starts where the history ends
      const today = panel.days[panel.days.length - 1];
      const start =
        today?.occupancy != null
          ? [
              {
                date: today.date,
                mean: today.occupancy,
                lo80: today.occupancy,
                hi80: today.occupancy,
                lo95: today.occupancy,
                hi95: today.occupancy,
              },
            ]
          : [];
      const fan = [...start, ...panel.forecast];
      if (panel.forecast.length > 0) {
        const band = (lo: (f: CensusChartForecast) => number, hi: (f: CensusChartForecast) => number) =>
          d3area<CensusChartForecast>()
            .x((f) => r2(x(dayOf(f.date))))
            .y0((f) => r2(y(lo(f))))
            .y1((f) => r2(y(hi(f))))(fan) ?? '';
        g.append('path')
          .attr('class', 'band95')
          .attr(
            'd',
            band(
              (f) => f.lo95,
              (f) => f.hi95,
            ),
          )
          .attr('fill', BAND95);
        g.append('path')
          .attr('class', 'band80')
          .attr(
            'd',
            band(
              (f) => f.lo80,
              (f) => f.hi80,
            ),
          )
          .attr('fill', BAND80)
          .attr('fill-opacity', 0.7);
        g.append('path')
          .attr('class', 'forecast-mean')
          .attr(
            'd',
            d3line<CensusChartForecast>()
              .x((f) => r2(x(dayOf(f.date))))
              .y((f) => r2(y(f.mean)))(fan) ?? '',
          )
          .attr('fill', 'none')
          .attr('stroke', SERIES.line)
          .attr('stroke-width', 1.5)
          .attr('stroke-dasharray', '3 2');
      }
      g.append('path')
        .attr('class', 'history')
        .attr(
          'd',
          d3line<CensusChartDay>()
            .defined((d) => d.occupancy !== null)
            .x((d) => r2(x(dayOf(d.date))))
            .y((d) => r2(y(d.occupancy ?? 0)))(panel.days) ?? '',
        )
        .attr('fill', 'none')
        .attr('stroke', '#111')
        .attr('stroke-width', 1.5);
      for (const d of panel.days.filter((d) => d.partial && d.occupancy !== null))
        g.append('circle')
          .attr('class', 'partial')
          .attr('cx', r2(x(dayOf(d.date))))
          .attr('cy', r2(y(d.occupancy ?? 0)))
          .attr('r', 2.5)
          .attr('fill', '#fff')
          .attr('stroke', '#111');
      if (today)
        g.append('line')
          .attr('class', 'today')
          .attr('x1', r2(x(dayOf(today.date))))
          .attr('x2', r2(x(dayOf(today.date))))
          .attr('y2', innerHeight)
          .attr('stroke', '#888');
      g.append('text')
        .attr('class', 'today-value')
        .attr('x', 4)
        .attr('y', 13)
        .attr('font-weight', 700)
        .text(today?.occupancy != null ? formatPercent(today.occupancy, lang) : word('noReport', lang));
      g.append('text')
        .attr('x', 0)
        .attr('y', innerHeight + 13)
        .attr('font-size', 10)
        .attr('fill', '#555')
        .text(panel.days[0]?.date.slice(5) ?? '');
      g.append('text')
        .attr('x', r2(panelWidth))
        .attr('y', innerHeight + 13)
        .attr('text-anchor', 'end')
        .attr('font-size', 10)
        .attr('fill', '#555')
        .text(last?.slice(5) ?? '');
    });
  });

  // legend: what each mark is
  const legendY = top + options.rows.length * panelHeight + 6;
  const legend = svg
    .append('g')
    .attr('class', 'legend')
    .attr('transform', `translate(${labelWidth},${legendY})`);
  const items: Array<[string, (g: G) => void]> = [
    [
      word('reported', lang),
      (g) =>
        g
          .append('line')
          .attr('x2', 18)
          .attr('y1', -4)
          .attr('y2', -4)
          .attr('stroke', '#111')
          .attr('stroke-width', 1.5),
    ],
    [
      word('pi80', lang),
      (g) =>
        g
          .append('rect')
          .attr('y', -9)
          .attr('width', 18)
          .attr('height', 10)
          .attr('fill', BAND80)
          .attr('fill-opacity', 0.7),
    ],
    [
      word('pi95', lang),
      (g) => g.append('rect').attr('y', -9).attr('width', 18).attr('height', 10).attr('fill', BAND95),
    ],
    [
      word('forecastMean', lang),
      (g) =>
        g
          .append('line')
          .attr('x2', 18)
          .attr('y1', -4)
          .attr('y2', -4)
          .attr('stroke', SERIES.line)
          .attr('stroke-dasharray', '3 2')
          .attr('stroke-width', 1.5),
    ],
    [
      `${formatPercent(threshold, lang, 0)}`,
      (g) =>
        g
          .append('line')
          .attr('x2', 18)
          .attr('y1', -4)
          .attr('y2', -4)
          .attr('stroke', SERIES.threshold)
          .attr('stroke-dasharray', '4 3'),
    ],
    [
      word('partialReport', lang),
      (g) =>
        g
          .append('circle')
          .attr('cx', 9)
          .attr('cy', -4)
          .attr('r', 2.5)
          .attr('fill', '#fff')
          .attr('stroke', '#111'),
    ],
  ];
  items.forEach(([label, mark], i) => {
    const place = legendPlaces[i] ?? { x: 0, row: 0 };
    const g = legend.append('g').attr('transform', `translate(${r2(place.x)},${8 + place.row * 20})`);
    mark(g);
    g.append('text').attr('x', 22).attr('font-size', 11).text(label);
  });
  appendFootnote(svg, options.footnote, height - 6);
  return svg.node() as SVGSVGElement;
}

/** A label cut in two at the separator nearest its middle (・, -, space) when wider than `width`. */
export function splitLabel(text: string, width: number): string[] {
  if (textWidth(text, 12) <= width) return [text];
  const cuts = [...text.matchAll(/[・\-\s]/g)].map((m) => (m.index ?? 0) + 1);
  if (cuts.length === 0) return [text];
  const cut = cuts.reduce((best, at) =>
    Math.abs(at - text.length / 2) < Math.abs(best - text.length / 2) ? at : best,
  );
  return [text.slice(0, cut).trim(), text.slice(cut).trim()];
}
