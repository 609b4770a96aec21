// Static bed need beside the simulated census, per area and bed function (grouped bars):
// beds open, the MHLW static need (必要病床数, 地域医療構想: expected census ÷ target
// occupancy), the static expected census, and — after a run — the simulated mean census with
// its 95 % CI. Under each group the difference beds − need is written out as 不足 (short) or
// 過剰 (over), so where a region is short reads without comparing bar heights. Series differ
// in lightness and the static census is hatched, so greyscale prints read.
import { max, scaleBand, scaleLinear } from 'd3';
import type { Estimate, ResultBedFunction, StaticNeed } from '@caretwin/contracts';
import { formatNumber } from './format';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES, word, type Lang } from './labels';
import { SERIES } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

export interface NeedRow {
  area: string;
  function: ResultBedFunction;
  beds: number;
  need: number;
  /** beds − need: negative = short of the need (不足), positive = over it (過剰) */
  gap: number;
  staticCensus: number;
  /** mean beds in use over the horizon (bedsInUse.<area>.<function>), when a run gave one */
  simulated: Estimate | null;
}

export type NeedBasis = 'home' | 'treating';

/** Rows by home area (患者住所地) or treating area (医療機関所在地), with simulated census when given. */
export function shapeNeed(
  staticNeed: StaticNeed,
  basis: NeedBasis,
  kpis?: Readonly<Record<string, Estimate>>,
): NeedRow[] {
  const source = basis === 'home' ? staticNeed.byHomeArea : staticNeed.byTreatingArea;
  return source.map((row) => ({
    area: row.area,
    function: row.function,
    beds: row.beds,
    need: row.need,
    gap: row.beds - row.need,
    staticCensus: row.census,
    simulated: kpis?.[`bedsInUse.${row.area}.${row.function}`] ?? null,
  }));
}

/** Per area: beds in use, static need, and their gap (positive = more beds than the formula needs). */
export function areaTotals(
  rows: readonly NeedRow[],
): Map<string, { beds: number; need: number; gap: number }> {
  const totals = new Map<string, { beds: number; need: number; gap: number }>();
  for (const row of rows) {
    const t = totals.get(row.area) ?? { beds: 0, need: 0, gap: 0 };
    t.beds += row.beds;
    t.need += row.need;
    t.gap = t.beds - t.need;
    totals.set(row.area, t);
  }
  return totals;
}

/** Whole beds a gap rounds to; within half a bed the beds match the need. */
export type GapKind = 'short' | 'over' | 'balanced';
export function gapKind(gap: number): GapKind {
  return Math.round(gap) < 0 ? 'short' : Math.round(gap) > 0 ? 'over' : 'balanced';
}

/** "不足 120床" / "120 beds short", "過剰 35床" / "35 beds over" (without the unit: "不足 120", "120 short"). */
export function gapText(gap: number, lang: Lang, withUnit = true): string {
  const kind = gapKind(gap);
  if (kind === 'balanced') return word('balanced', lang);
  const n = formatNumber(Math.abs(gap), lang);
  if (lang === 'ja') return `${word(kind, lang)} ${n}${withUnit ? word('bedsCount', lang) : ''}`;
  return `${n}${withUnit ? ` ${word('bedsCount', lang)}` : ''} ${word(kind, lang)}`;
}

export const GAP_COLOURS: Record<GapKind, string> = {
  short: '#B34700',
  over: '#1f3a6e',
  balanced: '#444444',
};

export interface NeedChartOptions {
  lang: Lang;
  /** default 920 */
  width?: number;
  /** area panels per row; default 2 */
  columns?: number;
  /** default 200 */
  panelHeight?: number;
  areas?: string[];
  areaLabel?: (area: string) => string;
  title?: string;
  footnote?: string;
  /** prefix of pattern ids (unique per page); default "need" */
  idPrefix?: string;
  document?: Document;
}

type SeriesKey = 'beds' | 'need' | 'staticCensus' | 'simulated';

export function needChart(rows: readonly NeedRow[], options: NeedChartOptions): SVGSVGElement {
  const { lang } = options;
  const label = options.areaLabel ?? ((a: string) => a);
  const areas = options.areas ?? [...new Set(rows.map((r) => r.area))];
  const withSimulated = rows.some((r) => r.simulated !== null);
  const series: SeriesKey[] = withSimulated
    ? ['beds', 'need', 'staticCensus', 'simulated']
    : ['beds', 'need', 'staticCensus'];
  const width = options.width ?? 920;
  const columns = Math.max(1, Math.min(options.columns ?? 2, areas.length));
  const panelHeight = options.panelHeight ?? 200;
  const gap = 24;
  const legendHeight = 30;
  const panelWidth = (width - gap * (columns - 1)) / columns;
  const panelRows = Math.ceil(areas.length / columns);
  const footnote = footnoteHeight(options.footnote, width, 0);
  const height = legendHeight + panelRows * (panelHeight + gap) + footnote;
  const prefix = options.idPrefix ?? 'need';
  const svg = createFrame({
    width,
    height,
    title: options.title ?? `${word('need', lang)} / ${word('simulatedCensus', lang)}`,
    className: 'chart need-chart',
    document: options.document,
  });

  const hatch = `${prefix}-hatch`;
  const pattern = svg
    .append('defs')
    .append('pattern')
    .attr('id', hatch)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)');
  pattern.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#ffffff');
  pattern
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 6)
    .attr('stroke', SERIES.staticCensus)
    .attr('stroke-width', 3);
  const fill: Record<SeriesKey, string> = {
    beds: SERIES.beds,
    need: SERIES.need,
    staticCensus: `url(#${hatch})`,
    simulated: SERIES.simulated,
  };
  const name: Record<SeriesKey, string> = {
    beds: word('beds', lang),
    need: word('need', lang),
    staticCensus: word('staticCensus', lang),
    simulated: `${word('simulatedCensus', lang)} ± ${word('ci95', lang)}`,
  };

  const legend = svg.append('g').attr('class', 'legend');
  let lx = 0;
  for (const key of series) {
    legend
      .append('rect')
      .attr('x', lx)
      .attr('y', 4)
      .attr('width', 14)
      .attr('height', 12)
      .attr('fill', fill[key])
      .attr('stroke', SERIES.bedsStroke);
    legend
      .append('text')
      .attr('x', lx + 20)
      .attr('y', 14)
      .text(name[key]);
    lx += 40 + name[key].length * (lang === 'ja' ? 12 : 6.5);
  }

  areas.forEach((area, ai) => {
    const left = (ai % columns) * (panelWidth + gap);
    const top = legendHeight + Math.floor(ai / columns) * (panelHeight + gap);
    const g = svg
      .append('g')
      .attr('class', 'panel')
      .attr('data-area', area)
      .attr('transform', `translate(${r2(left)},${r2(top)})`);
    const areaRows = BED_FUNCTION_ORDER.map((fn) =>
      rows.find((r) => r.area === area && r.function === fn),
    ).filter((r): r is NeedRow => r !== undefined);
    const inner = { left: 48, right: 4, top: 20, bottom: 36 };
    const plotWidth = panelWidth - inner.left - inner.right;
    const plotHeight = panelHeight - inner.top - inner.bottom;
    const top100 = max(areaRows, (r) => Math.max(r.beds, r.need, r.staticCensus, r.simulated?.hi ?? 0)) ?? 1;
    const y = scaleLinear()
      .domain([0, Math.max(1, top100)])
      .nice()
      .range([plotHeight, 0]);
    const groupX = scaleBand<string>()
      .domain(BED_FUNCTION_ORDER)
      .range([0, plotWidth])
      .paddingInner(0.2)
      .paddingOuter(0.05);
    const barX = scaleBand<SeriesKey>().domain(series).range([0, groupX.bandwidth()]).padding(0.08);
    g.append('text').attr('x', 0).attr('y', 12).attr('font-weight', 700).text(label(area));
    const plot = g.append('g').attr('transform', `translate(${inner.left},${inner.top})`);
    for (const tick of y.ticks(4)) {
      plot
        .append('line')
        .attr('x1', 0)
        .attr('x2', r2(plotWidth))
        .attr('y1', r2(y(tick)))
        .attr('y2', r2(y(tick)))
        .attr('stroke', '#e6e6e6');
      plot
        .append('text')
        .attr('x', -4)
        .attr('y', r2(y(tick)))
        .attr('text-anchor', 'end')
        .attr('dominant-baseline', 'middle')
        .attr('font-size', 10)
        .text(formatNumber(tick, lang));
    }
    for (const row of areaRows) {
      const gx = groupX(row.function) ?? 0;
      plot
        .append('text')
        .attr('x', r2(gx + groupX.bandwidth() / 2))
        .attr('y', r2(plotHeight + 15))
        .attr('text-anchor', 'middle')
        .attr('font-size', 11)
        .text(FUNCTION_NAMES[row.function][lang]);
      const kind = gapKind(row.gap);
      plot
        .append('text')
        .attr('class', `gap ${kind}`)
        .attr('data-function', row.function)
        .attr('x', r2(gx + groupX.bandwidth() / 2))
        .attr('y', r2(plotHeight + 29))
        .attr('text-anchor', 'middle')
        .attr('font-size', 11)
        .attr('font-weight', kind === 'short' ? 700 : 400)
        .attr('fill', GAP_COLOURS[kind])
        .text(gapText(row.gap, lang, false));
      for (const key of series) {
        const value = key === 'simulated' ? (row.simulated?.mean ?? null) : row[key];
        if (value === null) continue;
        const bx = gx + (barX(key) ?? 0);
        const bar = plot
          .append('rect')
          .attr('class', `bar ${key}`)
          .attr('data-function', row.function)
          .attr('x', r2(bx))
          .attr('y', r2(y(value)))
          .attr('width', r2(barX.bandwidth()))
          .attr('height', r2(Math.max(0, plotHeight - y(value))))
          .attr('fill', fill[key])
          .attr('stroke', SERIES.bedsStroke)
          .attr('stroke-width', 0.8);
        bar
          .append('title')
          .text(
            `${label(area)} ${FUNCTION_NAMES[row.function][lang]} · ${name[key]}: ${formatNumber(value, lang)}`,
          );
        const ci = key === 'simulated' ? row.simulated : null;
        if (ci && ci.halfWidth > 0) {
          const cx = r2(bx + barX.bandwidth() / 2);
          for (const [stroke, w] of [
            ['#ffffff', 3.5],
            ['#D55E00', 1.5],
          ] as const) {
            plot
              .append('line')
              .attr('class', 'ci')
              .attr('x1', cx)
              .attr('x2', cx)
              .attr('y1', r2(y(ci.lo)))
              .attr('y2', r2(y(ci.hi)))
              .attr('stroke', stroke)
              .attr('stroke-width', w);
          }
        }
      }
    }
  });
  appendFootnote(svg, options.footnote, height - 6, 0);
  return svg.node() as SVGSVGElement;
}
