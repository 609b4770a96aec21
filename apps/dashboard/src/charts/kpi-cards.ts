// KPI cards: each KPI's mean over replications with its 95 % CI and the number of
// replications, drawn as SVG so the cards export with the other charts.
import type { Estimate } from '@caretwin/contracts';
import { digitsFor, formatNumber, formatPercent } from './format';
import type { KpiDefinition } from './kpi-catalogue';
import { UNIT_NAMES, type KpiUnit } from './kpi-labels';
import { word, type Lang } from './labels';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

export interface KpiCard {
  key: string;
  label: string;
  unit: KpiUnit;
  estimate: Estimate;
  /** a short line beside the value, e.g. bed blocking's "≈ 1日 3.4 人" (issue 16) */
  note?: string;
}

/** Cards for the definitions the KPIs have (missing keys are left out, in catalogue order). */
export function shapeKpiCards(
  kpis: Readonly<Record<string, Estimate>>,
  definitions: readonly KpiDefinition[],
  lang: Lang,
): KpiCard[] {
  return definitions.flatMap((d) => {
    const estimate = kpis[d.key];
    return estimate ? [{ key: d.key, label: d.label[lang], unit: d.unit, estimate }] : [];
  });
}

/** A KPI value in its unit: shares as %, other figures with locale grouping and their unit. */
export function formatKpi(value: number, unit: KpiUnit, lang: Lang, digits?: number): string {
  if (unit === 'percent') return formatPercent(value, lang, digits ?? 1);
  const number = formatNumber(value, lang, digits ?? digitsFor(value));
  const name = UNIT_NAMES[unit][lang];
  return name && Number.isFinite(value) ? `${number} ${name}` : number;
}

/** Splits a label into at most two lines of about `max` characters (before a bracket, else at a space in English). */
export function wrapLabel(label: string, lang: Lang, max: number): string[] {
  if (label.length <= max) return [label];
  let cut = -1;
  if (lang === 'en') {
    // before a bracket when there is one past the first third, else at the last space
    const bracket = label.lastIndexOf(' (', max);
    cut = bracket > max / 3 ? bracket : label.lastIndexOf(' ', max);
  } else
    for (let i = Math.min(max, label.length - 1); i > max / 2 && cut < 0; i--)
      // before a bracket, after a particle, colon or middle dot
      if (label[i] === '(' || 'の:・'.includes(label[i - 1])) cut = i;
  if (cut <= 0) cut = max;
  const first = label.slice(0, cut).trimEnd();
  const rest = label.slice(cut).trimStart();
  return [first, rest.length > max ? `${rest.slice(0, max - 1)}…` : rest];
}

export interface KpiCardsOptions {
  lang: Lang;
  /** default 920 */
  width?: number;
  /** default 4 */
  columns?: number;
  title?: string;
  footnote?: string;
  document?: Document;
}

export function kpiCards(cards: readonly KpiCard[], options: KpiCardsOptions): SVGSVGElement {
  const { lang } = options;
  const width = options.width ?? 920;
  const columns = options.columns ?? 4;
  const gap = 10;
  const cardWidth = (width - gap * (columns - 1)) / columns;
  const cardHeight = 92;
  const rows = Math.ceil(cards.length / columns);
  const footnote = footnoteHeight(options.footnote, width, 0);
  const height = Math.max(1, rows) * (cardHeight + gap) - gap + footnote + 4;
  const svg = createFrame({
    width,
    height,
    title: options.title ?? word('kpis', lang),
    className: 'chart kpi-cards',
    document: options.document,
  });
  cards.forEach((card, i) => {
    const x = (i % columns) * (cardWidth + gap);
    const y = Math.floor(i / columns) * (cardHeight + gap);
    const g = svg
      .append('g')
      .attr('class', 'card')
      .attr('data-kpi', card.key)
      .attr('transform', `translate(${r2(x)},${r2(y)})`);
    g.append('rect')
      .attr('width', r2(cardWidth))
      .attr('height', cardHeight)
      .attr('rx', 6)
      .attr('fill', '#ffffff')
      .attr('stroke', '#bbb');
    // long labels take two lines, a little smaller, rather than running past the card
    const lines = wrapLabel(card.label, lang, Math.floor((cardWidth - 20) / (lang === 'ja' ? 11 : 5.6)));
    lines.forEach((line, l) =>
      g
        .append('text')
        .attr('class', 'label')
        .attr('x', 10)
        .attr('y', 18 + 14 * l)
        .attr('font-size', lines.length > 1 ? 11 : 12)
        .attr('fill', '#333')
        .text(line),
    );
    const { estimate } = card;
    const digits = card.unit === 'percent' ? 1 : digitsFor(estimate.mean);
    // the number large, its unit small beside it ("13,243 patient-days" fits a card)
    const value = g
      .append('text')
      .attr('class', 'value')
      .attr('x', 10)
      .attr('y', 60)
      .attr('font-size', 24)
      .attr('font-weight', 700);
    if (card.unit === 'percent') value.text(formatKpi(estimate.mean, 'percent', lang, digits));
    else {
      value.append('tspan').text(formatKpi(estimate.mean, 'number', lang, digits));
      if (UNIT_NAMES[card.unit][lang])
        value
          .append('tspan')
          .attr('font-size', 13)
          .attr('font-weight', 400)
          .text(` ${UNIT_NAMES[card.unit][lang]}`);
    }
    if (card.note)
      g.append('text')
        .attr('class', 'note')
        .attr('x', r2(cardWidth - 10))
        .attr('y', 60)
        .attr('text-anchor', 'end')
        .attr('font-size', 11)
        .attr('fill', '#333')
        .text(card.note);
    // the CI in the value's unit, which the line above names (a share keeps its %)
    const bound = (x: number): string =>
      formatKpi(x, card.unit === 'percent' ? 'percent' : 'number', lang, digits);
    const ci =
      estimate.n >= 2
        ? `${word('ci95', lang)} ${bound(estimate.lo)} – ${bound(estimate.hi)}`
        : `n = 1 (${word('ci95', lang)} –)`;
    g.append('text')
      .attr('class', 'ci')
      .attr('x', 10)
      .attr('y', 82)
      .attr('font-size', 11)
      .attr('fill', '#444')
      .text(ci);
    g.append('text')
      .attr('x', r2(cardWidth - 10))
      .attr('y', 82)
      .attr('text-anchor', 'end')
      .attr('font-size', 10)
      .attr('fill', '#666')
      .text(`n = ${formatNumber(estimate.n, lang)}`);
  });
  appendFootnote(svg, options.footnote, height - 4, 0);
  return svg.node() as SVGSVGElement;
}
