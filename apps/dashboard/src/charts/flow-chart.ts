// Flows of admissions between secondary medical areas: a directed chord diagram (home area
// 患者住所地 → treating area 医療機関所在地, patients treated at home left out so the border
// crossings show), and beside it each area's self-sufficiency 自己完結率 with its 95 % CI.
import { arc as d3arc, chordDirected, descending, ribbonArrow, scaleLinear } from 'd3';
import type { AggregateResult, Estimate } from '@caretwin/contracts';
import { formatNumber, formatPercent } from './format';
import { word, type Lang } from './labels';
import { areaColourMap, SERIES } from './palette';
import { appendFootnote, createFrame, footnoteHeight, r2 } from './svg';

export interface FlowAreaRow {
  area: string;
  /** admissions of the area's residents anywhere, plus those who left the region */
  residents: number;
  /** treated in their own area */
  selfTreated: number;
  /** residents treated in another area of the region */
  outflow: number;
  /** other areas' residents treated here */
  inflow: number;
  leftRegion: number;
  /** 自己完結率; a plain number when there is one replication */
  selfSufficiency: Estimate | null;
}

export interface FlowShape {
  areas: string[];
  /** admissions home (row) → treating area (column), with the diagonal set to 0 */
  between: number[][];
  rows: FlowAreaRow[];
}

type FlowInput = Pick<AggregateResult['flow'], 'areas' | 'admissions' | 'leftRegion'> & {
  selfSufficiency: Array<Estimate | number>;
};

export function shapeFlows(flow: FlowInput): FlowShape {
  const n = flow.areas.length;
  const between = flow.admissions.map((row, i) => row.map((v, j) => (i === j ? 0 : v)));
  const rows = flow.areas.map((area, i) => {
    const row = flow.admissions[i] ?? [];
    const total = row.reduce((s, v) => s + v, 0);
    let inflow = 0;
    for (let k = 0; k < n; k++) if (k !== i) inflow += flow.admissions[k]?.[i] ?? 0;
    const ss = flow.selfSufficiency[i];
    const estimate: Estimate | null =
      ss === undefined
        ? null
        : typeof ss === 'number'
          ? { n: 1, mean: ss, sd: 0, halfWidth: 0, lo: ss, hi: ss }
          : ss;
    return {
      area,
      residents: total + (flow.leftRegion[i] ?? 0),
      selfTreated: row[i] ?? 0,
      outflow: total - (row[i] ?? 0),
      inflow,
      leftRegion: flow.leftRegion[i] ?? 0,
      selfSufficiency: estimate,
    };
  });
  return { areas: flow.areas, between, rows };
}

export interface FlowChartOptions {
  lang: Lang;
  /** default 820 */
  width?: number;
  /** default 360 */
  height?: number;
  areaLabel?: (area: string) => string;
  title?: string;
  footnote?: string;
  document?: Document;
}

export function flowChart(shape: FlowShape, options: FlowChartOptions): SVGSVGElement {
  const { lang } = options;
  const label = options.areaLabel ?? ((a: string) => a);
  const width = options.width ?? 820;
  const footnote = footnoteHeight(options.footnote, width);
  const height = (options.height ?? 360) + footnote;
  const colours = areaColourMap(shape.areas);
  // Labels sit horizontally outside the ring, wrapped at their hyphens or 中点: keep room for
  // the longest line on both sides.
  const charWidth = lang === 'ja' ? 13 : 6.8;
  const ringLabels = new Map(shape.areas.map((a) => [a, wrapLabel(label(a), lang === 'ja' ? 6 : 14)]));
  const labelWidth = Math.min(
    190,
    Math.max(40, ...[...ringLabels.values()].flat().map((line) => line.length * charWidth)),
  );
  const outer = Math.max(50, Math.min((height - footnote - 70) / 2, (width * 0.6) / 2 - labelWidth - 12));
  const inner = outer - 12;
  const cx = 8 + labelWidth + 10 + outer;
  const cy = 30 + outer + 12;
  const chordRight = cx + outer + 10 + labelWidth;
  const svg = createFrame({
    width,
    height,
    title: options.title ?? word('flowsBetween', lang),
    className: 'chart flow-chart',
    document: options.document,
  });

  svg.append('text').attr('x', 8).attr('y', 16).attr('font-weight', 700).text(word('flowsBetween', lang));
  const centre = svg
    .append('g')
    .attr('class', 'chord')
    .attr('transform', `translate(${r2(cx)},${r2(cy)})`);
  const totalBetween = shape.between.flat().reduce((s, v) => s + v, 0);
  if (totalBetween <= 0) {
    centre
      .append('text')
      .attr('class', 'empty')
      .attr('text-anchor', 'middle')
      .attr('fill', '#666')
      .text(word('noFlows', lang));
  } else {
    const chords = chordDirected().padAngle(0.05).sortSubgroups(descending)(shape.between);
    const arc = d3arc<{ startAngle: number; endAngle: number }>().innerRadius(inner).outerRadius(outer);
    const ribbon = ribbonArrow<unknown, { startAngle: number; endAngle: number; radius: number }>()
      .radius(inner - 1)
      .padAngle(1 / inner);
    for (const group of chords.groups) {
      const area = shape.areas[group.index];
      const g = centre.append('g').attr('class', 'group').attr('data-area', area);
      g.append('path')
        .attr('d', arc(group) ?? '')
        .attr('fill', colours.get(area) ?? '#ccc')
        .attr('stroke', '#333');
      // d3 chord angles run clockwise from 12 o'clock
      const angle = (group.startAngle + group.endAngle) / 2;
      const lines = ringLabels.get(area) ?? [area];
      const x = r2(Math.sin(angle) * (outer + 8));
      const text = g
        .append('text')
        .attr('x', x)
        .attr('y', r2(-Math.cos(angle) * (outer + 8) - ((lines.length - 1) * 13) / 2))
        .attr('text-anchor', angle > Math.PI ? 'end' : 'start')
        .attr('dominant-baseline', 'middle')
        .attr('font-size', 11);
      lines.forEach((line, i) =>
        text
          .append('tspan')
          .attr('x', x)
          .attr('dy', i === 0 ? 0 : 13)
          .text(line),
      );
    }
    for (const chord of chords) {
      const from = shape.areas[chord.source.index];
      const to = shape.areas[chord.target.index];
      centre
        .append('path')
        .attr('class', 'ribbon')
        .attr('data-from', from)
        .attr('data-to', to)
        .attr('d', (ribbon(chord as never) as unknown as string) ?? '')
        .attr('fill', colours.get(from) ?? '#ccc')
        .attr('fill-opacity', 0.7)
        .attr('stroke', '#333')
        .attr('stroke-width', 0.5)
        .append('title')
        .text(
          `${label(from)} → ${label(to)}: ${formatNumber(shape.between[chord.source.index][chord.target.index], lang)}`,
        );
    }
  }

  // Self-sufficiency bars with CI whiskers.
  const left = chordRight + 24;
  const barLabelWidth = Math.min(200, Math.max(40, ...shape.areas.map((a) => label(a).length * charWidth)));
  const barLeft = left + barLabelWidth + 8;
  const barWidth = Math.max(60, width - barLeft - 110);
  const x = scaleLinear().domain([0, 1]).range([0, barWidth]);
  const bars = svg.append('g').attr('class', 'self-sufficiency');
  bars
    .append('text')
    .attr('x', left)
    .attr('y', 52)
    .attr('font-weight', 700)
    .text(word('selfSufficiency', lang));
  const rowHeight = Math.min(34, (height - footnote - 90) / Math.max(1, shape.rows.length));
  shape.rows.forEach((row, i) => {
    const y = 66 + i * rowHeight;
    const g = bars.append('g').attr('class', 'bar').attr('data-area', row.area);
    g.append('text')
      .attr('x', barLeft - 6)
      .attr('y', r2(y + rowHeight / 2 - 2))
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'middle')
      .text(label(row.area));
    g.append('rect')
      .attr('x', barLeft)
      .attr('y', r2(y))
      .attr('width', r2(barWidth))
      .attr('height', r2(rowHeight - 8))
      .attr('fill', '#f0f0f0')
      .attr('stroke', '#ccc');
    const estimate = row.selfSufficiency;
    if (!estimate) return;
    g.append('rect')
      .attr('class', 'value')
      .attr('x', barLeft)
      .attr('y', r2(y))
      .attr('width', r2(x(Math.max(0, Math.min(1, estimate.mean)))))
      .attr('height', r2(rowHeight - 8))
      .attr('fill', colours.get(row.area) ?? '#999')
      .attr('stroke', '#333');
    const mid = y + (rowHeight - 8) / 2;
    if (estimate.halfWidth > 0) {
      for (const [stroke, widthPx] of [
        ['#ffffff', 4],
        ['#111111', 1.5],
      ] as const) {
        g.append('line')
          .attr('class', 'ci')
          .attr('x1', r2(barLeft + x(Math.max(0, estimate.lo))))
          .attr('x2', r2(barLeft + x(Math.min(1, estimate.hi))))
          .attr('y1', r2(mid))
          .attr('y2', r2(mid))
          .attr('stroke', stroke)
          .attr('stroke-width', widthPx);
      }
    }
    const ci =
      estimate.halfWidth > 0
        ? ` (${formatPercent(estimate.lo, lang)}–${formatPercent(estimate.hi, lang)})`
        : '';
    g.append('text')
      .attr('x', r2(barLeft + barWidth + 6))
      .attr('y', r2(mid))
      .attr('dominant-baseline', 'middle')
      .attr('font-size', 11)
      .text(formatPercent(estimate.mean, lang));
    g.append('title').text(
      `${label(row.area)} ${word('selfSufficiency', lang)} ${formatPercent(estimate.mean, lang)}${ci} · ${word('leftRegion', lang)} ${formatNumber(row.leftRegion, lang)}`,
    );
  });
  bars
    .append('text')
    .attr('x', barLeft)
    .attr('y', r2(66 + shape.rows.length * rowHeight + 6))
    .attr('font-size', 10)
    .attr('fill', SERIES.capacity)
    .text(`— ${word('ci95', lang)}`);
  appendFootnote(svg, options.footnote, height - 6);
  return svg.node() as SVGSVGElement;
}

/** Splits a name after its hyphens or 中点 into lines of about `maxChars` (a long word stays whole). */
export function wrapLabel(text: string, maxChars: number): string[] {
  const parts = text.split(/(?<=[-・])/);
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + part.length <= maxChars) lines[last] += part;
    else lines.push(part);
  }
  return lines;
}
