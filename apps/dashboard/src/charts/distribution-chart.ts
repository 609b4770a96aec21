// Distributions of times (ambulance call → scene, call → hospital, time to care per condition):
// one strip per measure with each replication's value as a dot, the mean over replications
// with its 95 % CI, the 50th and 90th percentiles (means over replications), and the
// condition's time-critical threshold with the share of patients treated within it.
import { extent, scaleLinear, scaleLog } from 'd3';
import type { Estimate, ReplicationResult } from '@caretwin/contracts';
import { formatNumber, formatPercent } from './format';
import { word, type Lang, type Localized } from './labels';
import { SERIES } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

export interface DistributionRow {
  key: string;
  label: string;
  /** the measure of each replication (index order) */
  values: number[];
  /** mean over replications with its CI */
  estimate: Estimate | null;
  /** 50th / 90th percentile within replications, averaged over them */
  p50: number | null;
  p90: number | null;
  /** minutes within which care should start (time-critical conditions) */
  threshold: number | null;
  /** share of patients within the threshold */
  withinShare: Estimate | null;
}

type Kpis = Readonly<Record<string, Estimate>>;

function values(replications: readonly ReplicationResult[], key: string): number[] {
  return [...replications]
    .sort((a, b) => a.replication - b.replication)
    .map((r) => r.kpis[key])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

const AMBULANCE_MEASURES: ReadonlyArray<{ base: string; label: Localized; percentiles: boolean }> = [
  { base: 'ambulance.response', label: { ja: '119番 → 現場到着', en: 'Call → scene' }, percentiles: true },
  {
    base: 'ambulance.callToHospital',
    label: { ja: '119番 → 病院到着', en: 'Call → hospital' },
    percentiles: true,
  },
  { base: 'ambulance.onScene', label: { ja: '現場滞在', en: 'On scene' }, percentiles: false },
  {
    base: 'ambulance.callWait',
    label: { ja: '救急車の出動待ち', en: 'Wait for a free ambulance' },
    percentiles: true,
  },
  // results stored before issue 15 named the call wait this way
  {
    base: 'ambulance.vehicleWait',
    label: { ja: '救急車の出動待ち', en: 'Wait for a free ambulance' },
    percentiles: false,
  },
];

/** Ambulance times: per-replication means, their CI, and p50/p90 where the model reports them. */
export function shapeAmbulanceTimes(
  replications: readonly ReplicationResult[],
  kpis: Kpis,
  lang: Lang,
): DistributionRow[] {
  return AMBULANCE_MEASURES.flatMap((m) => {
    const estimate = kpis[`${m.base}.mean`] ?? null;
    if (!estimate) return [];
    return [
      {
        key: m.base,
        label: m.label[lang],
        values: values(replications, `${m.base}.mean`),
        estimate,
        p50: m.percentiles ? (kpis[`${m.base}.p50`]?.mean ?? null) : null,
        p90: m.percentiles ? (kpis[`${m.base}.p90`]?.mean ?? null) : null,
        threshold: null,
        withinShare: null,
      },
    ];
  });
}

export interface ConditionInfo {
  id: string;
  name: Localized;
  timeCriticalMinutes: number | null;
}

/** Time to care per condition (conditions with patients only), with threshold and share within it. */
export function shapeTimeToCare(
  conditions: readonly ConditionInfo[],
  replications: readonly ReplicationResult[],
  kpis: Kpis,
  lang: Lang,
): DistributionRow[] {
  return conditions.flatMap((c) => {
    const estimate = kpis[`timeToCare.${c.id}.mean`] ?? null;
    const count = kpis[`timeToCare.${c.id}.count`]?.mean ?? 0;
    if (!estimate || count <= 0) return [];
    return [
      {
        key: `timeToCare.${c.id}`,
        label: c.name[lang],
        values: values(replications, `timeToCare.${c.id}.mean`),
        estimate,
        p50: null,
        p90: null,
        threshold: c.timeCriticalMinutes,
        withinShare: kpis[`timeToCare.${c.id}.withinThreshold`] ?? null,
      },
    ];
  });
}

export interface DistributionChartOptions {
  lang: Lang;
  /** default 920 */
  width?: number;
  /** log suits measures spanning minutes to days (time to care of electives) */
  scale?: 'linear' | 'log';
  xLabel?: string;
  title?: string;
  footnote?: string;
  document?: Document;
}

export function distributionChart(
  rows: readonly DistributionRow[],
  options: DistributionChartOptions,
): SVGSVGElement {
  const { lang } = options;
  const width = options.width ?? 920;
  const rowHeight = 34;
  const margin = { top: 34, right: 150, bottom: 42, left: 170 };
  const footnote = footnoteHeight(options.footnote, width, 0);
  const height = margin.top + Math.max(1, rows.length) * rowHeight + margin.bottom + footnote;
  const svg = createFrame({
    width,
    height,
    title: options.title ?? word('minutes', lang),
    className: 'chart distribution-chart',
    document: options.document,
  });
  const plotWidth = width - margin.left - margin.right;
  const all = rows
    .flatMap((r) => [...r.values, r.estimate?.lo, r.estimate?.hi, r.p50, r.p90, r.threshold])
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const [lo, hi] = extent(all) as [number | undefined, number | undefined];
  const log = options.scale === 'log';
  const x = log
    ? scaleLog()
        .domain([Math.max(1, (lo ?? 1) * 0.8), Math.max(10, (hi ?? 10) * 1.25)])
        .range([0, plotWidth])
        .clamp(true)
    : scaleLinear()
        .domain([0, Math.max(1, (hi ?? 1) * 1.1)])
        .nice()
        .range([0, plotWidth]);

  // legend
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${margin.left},14)`);
  legend
    .append('circle')
    .attr('cx', 5)
    .attr('cy', 0)
    .attr('r', 2.5)
    .attr('fill', '#ffffff')
    .attr('stroke', '#111')
    .attr('stroke-width', 0.8);
  legend.append('text').attr('x', 14).attr('y', 4).text(word('perReplication', lang));
  legend
    .append('rect')
    .attr('x', 150)
    .attr('y', -5)
    .attr('width', 8)
    .attr('height', 10)
    .attr('fill', SERIES.simulated);
  legend
    .append('text')
    .attr('x', 164)
    .attr('y', 4)
    .text(`${word('mean', lang)} ± ${word('ci95', lang)}`);
  legend.append('text').attr('x', 330).attr('y', 4).text('| p50  ‖ p90');
  legend
    .append('line')
    .attr('x1', 430)
    .attr('x2', 430)
    .attr('y1', -6)
    .attr('y2', 6)
    .attr('stroke', SERIES.threshold)
    .attr('stroke-dasharray', '3,2')
    .attr('stroke-width', 2);
  legend.append('text').attr('x', 438).attr('y', 4).text(word('threshold', lang));

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const ticks = log ? x.ticks(6).filter(isOneTwoFive) : x.ticks(6);
  for (const tick of ticks) {
    plot
      .append('line')
      .attr('x1', r2(x(tick)))
      .attr('x2', r2(x(tick)))
      .attr('y1', 0)
      .attr('y2', rows.length * rowHeight)
      .attr('stroke', '#e6e6e6');
    plot
      .append('text')
      .attr('x', r2(x(tick)))
      .attr('y', rows.length * rowHeight + 14)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .text(formatNumber(tick, lang));
  }
  rows.forEach((row, i) => {
    const y = i * rowHeight + rowHeight / 2;
    const g = plot.append('g').attr('class', 'row').attr('data-key', row.key);
    g.append('text')
      .attr('x', -8)
      .attr('y', r2(y))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .text(row.label);
    g.append('line')
      .attr('x1', 0)
      .attr('x2', r2(plotWidth))
      .attr('y1', r2(y))
      .attr('y2', r2(y))
      .attr('stroke', '#f0f0f0');
    if (row.estimate) {
      const e = row.estimate;
      g.append('line')
        .attr('class', 'ci')
        .attr('x1', r2(x(Math.max(e.lo, log ? 1 : 0))))
        .attr('x2', r2(x(e.hi)))
        .attr('y1', r2(y))
        .attr('y2', r2(y))
        .attr('stroke', SERIES.simulated)
        .attr('stroke-width', 3);
      g.append('rect')
        .attr('class', 'mean')
        .attr('x', r2(x(e.mean) - 2))
        .attr('y', r2(y - 8))
        .attr('width', 4)
        .attr('height', 16)
        .attr('fill', SERIES.simulated);
    }
    for (const [value, double] of [
      [row.p50, false],
      [row.p90, true],
    ] as const) {
      if (value === null) continue;
      for (const offset of double ? [-1.5, 1.5] : [0]) {
        g.append('line')
          .attr('class', double ? 'p90' : 'p50')
          .attr('x1', r2(x(value) + offset))
          .attr('x2', r2(x(value) + offset))
          .attr('y1', r2(y - 10))
          .attr('y2', r2(y + 10))
          .attr('stroke', '#111')
          .attr('stroke-width', 1);
      }
    }
    row.values.forEach((value, k) => {
      // on top of the mean; a deterministic spread so replications with equal values stay visible
      const dy = ((k % 5) - 2) * 2.5;
      g.append('circle')
        .attr('class', 'replication')
        .attr('cx', r2(x(value)))
        .attr('cy', r2(y + dy))
        .attr('r', 2.5)
        .attr('fill', '#ffffff')
        .attr('stroke', '#111')
        .attr('stroke-width', 0.8);
    });
    if (row.threshold !== null) {
      g.append('line')
        .attr('class', 'threshold')
        .attr('x1', r2(x(row.threshold)))
        .attr('x2', r2(x(row.threshold)))
        .attr('y1', r2(y - 13))
        .attr('y2', r2(y + 13))
        .attr('stroke', SERIES.threshold)
        .attr('stroke-dasharray', '3,2')
        .attr('stroke-width', 2);
    }
    const summary = [
      row.estimate ? `${formatNumber(row.estimate.mean, lang, 1)} ${word('minutes', lang)}` : '',
      row.withinShare ? `${word('within', lang)} ${formatPercent(row.withinShare.mean, lang, 0)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    g.append('text')
      .attr('x', r2(plotWidth + 8))
      .attr('y', r2(y))
      .attr('dominant-baseline', 'middle')
      .attr('font-size', 11)
      .text(summary);
  });
  svg
    .append('text')
    .attr('x', r2(margin.left + plotWidth / 2))
    .attr('y', height - footnote - 8)
    .attr('text-anchor', 'middle')
    .text(options.xLabel ?? `${word('minutes', lang)}${log ? ` (${word('logScale', lang)})` : ''}`);
  appendFootnote(svg, options.footnote, height - 6, 0);
  return svg.node() as SVGSVGElement;
}

/** 1, 2, 5, 10, 20, 50…: readable ticks on a log axis. */
export function isOneTwoFive(value: number): boolean {
  if (!(value > 0)) return false;
  const lead = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6);
}
