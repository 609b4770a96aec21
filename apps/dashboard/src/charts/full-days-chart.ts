// Days over 95 % full (daysOver95.<area>.<function>) as a small table of area × bed function,
// with the whole region below: an area whose recovery beds are full every day shows up even
// when the region's figure looks calm. Each cell gives the mean days over the horizon and their
// share of it; the fill darkens with that share (cividis, so greyscale keeps the order).
import { interpolateCividis, scaleSequential } from 'd3';
import type { BedFunction, Estimate } from '@caretwin/contracts';
import { formatNumber, formatPercent } from './format';
import { UNIT_NAMES } from './kpi-labels';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES, word, type Lang } from './labels';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

/** The row of the whole region (the model's `prefecture` scope). */
export const REGION_SCOPE = 'prefecture';

export interface FullDaysCell {
  function: BedFunction;
  /** mean days over 95 % full with its CI; null when the area has no beds of the function */
  days: Estimate | null;
  /** days ÷ horizon days (0–1) */
  share: number | null;
}

export interface FullDaysRow {
  /** an area id, or REGION_SCOPE */
  scope: string;
  cells: FullDaysCell[];
}

export interface FullDaysShape {
  horizonDays: number;
  rows: FullDaysRow[];
}

/** Rows per area in the order given, then the whole region; a cell without beds is null. */
export function shapeFullDays(
  kpis: Readonly<Record<string, Estimate>>,
  areas: readonly string[],
  horizonDays: number,
): FullDaysShape {
  const rows = [...areas, REGION_SCOPE].map((scope) => ({
    scope,
    cells: BED_FUNCTION_ORDER.map((fn) => {
      const days = kpis[`daysOver95.${scope}.${fn}`] ?? null;
      // an area without beds of a function reads 0 days: say "no beds" rather than "never full"
      const beds = kpis[`beds.${scope}.${fn}`];
      const none = beds !== undefined && beds.mean <= 0;
      return {
        function: fn,
        days: none ? null : days,
        share: none || !days || horizonDays <= 0 ? null : days.mean / horizonDays,
      };
    }),
  }));
  return { horizonDays, rows };
}

export interface FullDaysChartOptions {
  lang: Lang;
  areaLabel?: (area: string) => string;
  /** default 640 */
  width?: number;
  title?: string;
  footnote?: string;
  document?: Document;
}

export function fullDaysChart(shape: FullDaysShape, options: FullDaysChartOptions): SVGSVGElement {
  const { lang } = options;
  const areaLabel = options.areaLabel ?? ((a: string) => a);
  const name = (scope: string): string =>
    scope === REGION_SCOPE ? word('wholeRegion', lang) : areaLabel(scope);
  const width = options.width ?? 640;
  const left = 170;
  const header = 40;
  const rowHeight = 38;
  const cellWidth = (width - left) / BED_FUNCTION_ORDER.length;
  const footnote = footnoteHeight(options.footnote, width, 0);
  const height = header + shape.rows.length * rowHeight + 6 + footnote;
  const svg = createFrame({
    width,
    height,
    title:
      options.title ??
      `${word('daysOver95', lang)} (${word('horizon', lang)} ${formatNumber(shape.horizonDays, lang)} ${UNIT_NAMES.days[lang]})`,
    className: 'chart full-days-chart',
    document: options.document,
  });
  const fill = scaleSequential((t: number) => interpolateCividis(1 - t))
    .domain([0, 1])
    .clamp(true);

  svg
    .append('text')
    .attr('x', 0)
    .attr('y', 14)
    .attr('font-weight', 700)
    .text(
      `${word('daysOver95', lang)} · ${word('horizon', lang)} ${formatNumber(shape.horizonDays, lang)} ${UNIT_NAMES.days[lang]}`,
    );
  BED_FUNCTION_ORDER.forEach((fn, i) =>
    svg
      .append('text')
      .attr('x', r2(left + cellWidth * (i + 0.5)))
      .attr('y', header - 8)
      .attr('text-anchor', 'middle')
      .text(FUNCTION_NAMES[fn][lang]),
  );
  shape.rows.forEach((row, r) => {
    const y = header + r * rowHeight;
    const g = svg
      .append('g')
      .attr('class', row.scope === REGION_SCOPE ? 'row region' : 'row')
      .attr('data-area', row.scope);
    g.append('text')
      .attr('x', 0)
      .attr('y', r2(y + rowHeight / 2))
      .attr('dominant-baseline', 'middle')
      .attr('font-weight', row.scope === REGION_SCOPE ? 700 : 400)
      .text(name(row.scope));
    row.cells.forEach((cell, i) => {
      const x = left + i * cellWidth;
      const c = g
        .append('g')
        .attr('class', 'cell')
        .attr('data-function', cell.function)
        .attr('data-days', cell.days ? r2(cell.days.mean) : '');
      const dark = cell.share !== null && cell.share > 0.45;
      c.append('rect')
        .attr('x', r2(x + 1))
        .attr('y', r2(y + 1))
        .attr('width', r2(cellWidth - 2))
        .attr('height', rowHeight - 2)
        .attr('fill', cell.share === null ? '#f2f2f2' : cell.share > 0 ? fill(cell.share) : '#ffffff')
        .attr('stroke', '#bbb');
      const cx = r2(x + cellWidth / 2);
      if (!cell.days) {
        c.append('text')
          .attr('x', cx)
          .attr('y', r2(y + rowHeight / 2))
          .attr('text-anchor', 'middle')
          .attr('dominant-baseline', 'middle')
          .attr('fill', '#666')
          .attr('font-size', 11)
          .text(word('noBeds', lang));
        return;
      }
      const digits = cell.days.mean >= 10 || cell.days.mean === 0 ? 0 : 1;
      const days = `${formatNumber(cell.days.mean, lang, digits)} ${UNIT_NAMES.days[lang]}`;
      c.append('text')
        .attr('class', 'value')
        .attr('x', cx)
        .attr('y', r2(y + 16))
        .attr('text-anchor', 'middle')
        .attr('font-weight', 700)
        .attr('fill', dark ? '#ffffff' : '#222222')
        .text(days);
      c.append('text')
        .attr('x', cx)
        .attr('y', r2(y + 30))
        .attr('text-anchor', 'middle')
        .attr('font-size', 10)
        .attr('fill', dark ? '#ffffff' : '#444444')
        .text(formatPercent(cell.share ?? 0, lang, 0));
      const ci =
        cell.days.n >= 2
          ? ` (${word('ci95', lang)} ${formatNumber(cell.days.lo, lang, 1)}–${formatNumber(cell.days.hi, lang, 1)})`
          : '';
      c.append('title').text(`${name(row.scope)} · ${FUNCTION_NAMES[cell.function][lang]}: ${days}${ci}`);
    });
  });
  appendFootnote(svg, options.footnote, height - 4, 0);
  return svg.node() as SVGSVGElement;
}
