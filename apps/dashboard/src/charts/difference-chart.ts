// Paired (or Welch) differences b − a between two runs as a forest plot: one row per KPI, the
// difference relative to a's mean with its 95 % CI, a zero line, and each row's absolute
// difference in its unit at the right. Rows whose CI excludes 0 and whose difference reaches the
// KPI's practical threshold (issue 16) are significant: a filled
// marker, a heavier bar and a bold label ("significant" is not colour alone, so greyscale and
// colour-blind readers see it).
import { max, scaleLinear } from 'd3';
import { practicallySignificant, type KpiDifference } from '@caretwin/contracts';
import { digitsFor, formatPercent } from './format';
import { formatKpi } from './kpi-cards';
import type { KpiDefinition, KpiUnit } from './kpi-catalogue';
import type { Lang } from './labels';
import { SERIES } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

export interface DifferenceRow {
  key: string;
  label: string;
  unit: KpiUnit;
  difference: KpiDifference;
  /** difference ÷ |a| with its CI (null when a is 0: no relative scale) */
  relative: { mean: number; lo: number; hi: number } | null;
}

/** Rows for the definitions the comparison has, in catalogue order. */
export function shapeDifferences(
  kpis: Readonly<Record<string, KpiDifference>>,
  definitions: readonly KpiDefinition[],
  lang: Lang,
): DifferenceRow[] {
  return definitions.flatMap((d) => {
    const difference = kpis[d.key];
    if (!difference) return [];
    const base = Math.abs(difference.a);
    const relative =
      base > 0
        ? { mean: difference.difference / base, lo: difference.lo / base, hi: difference.hi / base }
        : null;
    return [{ key: d.key, label: d.label[lang], unit: d.unit, difference, relative }];
  });
}

/** A signed difference in the KPI's unit; shares as percentage points (`withUnit` false: the number alone). */
export function formatDifference(value: number, unit: KpiUnit, lang: Lang, withUnit = true): string {
  const magnitude = Math.abs(value);
  const text =
    unit === 'percent'
      ? `${formatKpi(magnitude * 100, 'number', lang, 1)}${withUnit ? (lang === 'ja' ? ' ポイント' : ' pt') : ''}`
      : formatKpi(magnitude, withUnit ? unit : 'number', lang, withUnit ? undefined : digitsFor(magnitude));
  // a difference that rounds to zero is "±0", never "−0.0"
  const zero = !/[1-9]/.test(text.replace(/[^\d]/g, ''));
  return `${zero ? '±' : value > 0 ? '+' : '−'}${text}`;
}

export interface DifferenceChartOptions {
  lang: Lang;
  /** default 920 */
  width?: number;
  /** e.g. "paired (common random numbers)" */
  methodLabel?: string;
  title?: string;
  footnote?: string;
  document?: Document;
}

const WORDS = {
  axis: { ja: '差 b − a(a に対する割合、95%信頼区間)', en: 'Difference b − a (relative to a, 95% CI)' },
  // 有意 = the CI excludes 0 AND the practical threshold is reached (libs/contracts areas.ts)
  significant: { ja: '有意(0を含まず閾値以上)', en: 'significant, ≥ threshold' },
  notSignificant: { ja: '有意でない', en: 'not significant' },
  noScale: { ja: 'a が 0', en: 'a is 0' },
} as const;

/** Rough drawn width of a label at 12 px: CJK characters are square, Latin ones about half. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) >= 0x2e80 ? 12 : 6.6;
  return w;
}

export function differenceChart(
  rows: readonly DifferenceRow[],
  options: DifferenceChartOptions,
): SVGSVGElement {
  const { lang } = options;
  const width = options.width ?? 920;
  const rowHeight = 28;
  // the label column grows (up to 360) for long labels rather than cutting them off at the left
  const labels = max(rows, (r) => textWidth(r.label)) ?? 0;
  const margin = {
    top: 40,
    right: 280,
    bottom: 40,
    left: Math.min(360, Math.max(220, Math.ceil(labels) + 16)),
  };
  const footnote = footnoteHeight(options.footnote, width, 0);
  const height = margin.top + Math.max(1, rows.length) * rowHeight + margin.bottom + footnote;
  const svg = createFrame({
    width,
    height,
    title: options.title ?? WORDS.axis[lang],
    className: 'chart difference-chart',
    document: options.document,
  });
  const plotWidth = width - margin.left - margin.right;
  const extentAbs =
    max(rows.flatMap((r) => (r.relative ? [Math.abs(r.relative.lo), Math.abs(r.relative.hi)] : []))) ?? 0;
  const bound = Math.max(0.01, extentAbs * 1.1);
  const x = scaleLinear().domain([-bound, bound]).nice().range([0, plotWidth]);

  // above the plot, moved left when a wide label column would push the method label off the chart
  const legendX = Math.min(margin.left, width - 640);
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${legendX},16)`);
  legend.append('circle').attr('cx', 5).attr('cy', 0).attr('r', 5).attr('fill', SERIES.simulated);
  legend.append('text').attr('x', 14).attr('y', 4).text(WORDS.significant[lang]);
  legend
    .append('circle')
    .attr('cx', 235)
    .attr('cy', 0)
    .attr('r', 5)
    .attr('fill', '#ffffff')
    .attr('stroke', SERIES.simulated)
    .attr('stroke-width', 1.5);
  legend.append('text').attr('x', 244).attr('y', 4).text(WORDS.notSignificant[lang]);
  if (options.methodLabel)
    legend.append('text').attr('x', 380).attr('y', 4).attr('fill', '#444').text(options.methodLabel);

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const plotHeight = Math.max(1, rows.length) * rowHeight;
  for (const tick of x.ticks(6)) {
    plot
      .append('line')
      .attr('x1', r2(x(tick)))
      .attr('x2', r2(x(tick)))
      .attr('y1', 0)
      .attr('y2', plotHeight)
      .attr('stroke', tick === 0 ? '#222' : '#e6e6e6')
      .attr('stroke-width', tick === 0 ? 1.5 : 1);
    plot
      .append('text')
      .attr('x', r2(x(tick)))
      .attr('y', plotHeight + 14)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .text(formatPercent(tick, lang, bound < 0.05 ? 1 : 0));
  }
  rows.forEach((row, i) => {
    const y = i * rowHeight + rowHeight / 2;
    const significant = practicallySignificant(row.key, row.difference);
    const g = plot
      .append('g')
      .attr('class', significant ? 'row significant' : 'row')
      .attr('data-kpi', row.key)
      .attr('data-significant', String(significant));
    g.append('text')
      .attr('x', -8)
      .attr('y', r2(y))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .attr('font-weight', significant ? 700 : 400)
      .text(row.label);
    if (row.relative) {
      const rel = row.relative;
      g.append('line')
        .attr('class', 'ci')
        .attr('x1', r2(x(Math.max(-bound, rel.lo))))
        .attr('x2', r2(x(Math.min(bound, rel.hi))))
        .attr('y1', r2(y))
        .attr('y2', r2(y))
        .attr('stroke', SERIES.simulated)
        .attr('stroke-width', significant ? 3 : 1.5);
      g.append('circle')
        .attr('class', 'difference')
        .attr('cx', r2(x(rel.mean)))
        .attr('cy', r2(y))
        .attr('r', 5)
        .attr('fill', significant ? SERIES.simulated : '#ffffff')
        .attr('stroke', SERIES.simulated)
        .attr('stroke-width', 1.5);
    } else {
      g.append('text')
        .attr('x', r2(x(0) + 6))
        .attr('y', r2(y))
        .attr('dominant-baseline', 'middle')
        .attr('fill', '#666')
        .attr('font-size', 10)
        .text(WORDS.noScale[lang]);
    }
    const d = row.difference;
    g.append('text')
      .attr('x', r2(plotWidth + 8))
      .attr('y', r2(y))
      .attr('dominant-baseline', 'middle')
      .attr('font-size', 11)
      .attr('font-weight', significant ? 700 : 400)
      .text(
        `${formatDifference(d.difference, row.unit, lang)} (${formatDifference(d.lo, row.unit, lang, false)} … ${formatDifference(d.hi, row.unit, lang, false)})`,
      );
  });
  svg
    .append('text')
    .attr('x', r2(margin.left + plotWidth / 2))
    .attr('y', height - footnote - 8)
    .attr('text-anchor', 'middle')
    .text(WORDS.axis[lang]);
  appendFootnote(svg, options.footnote, height - 6, 0);
  return svg.node() as SVGSVGElement;
}
