// The frame every chart draws into: one <svg> with a viewBox (it scales with its container),
// an accessible title, the font planners' machines have for Japanese, and an optional
// footnote that travels with the SVG when it is exported (synthetic / estimated inputs).
import { select, type Selection } from 'd3';

export type Svg = Selection<SVGSVGElement, undefined, null, undefined>;
export type G = Selection<SVGGElement, undefined, null, undefined>;

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT_FAMILY =
  "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, sans-serif";

export interface FrameOptions {
  width: number;
  height: number;
  /** read by screen readers and shown as a tooltip */
  title: string;
  /** CSS class on the <svg> (e.g. "chart region-map") */
  className: string;
  /** the document to create elements in (default: the global one; a report build may pass jsdom's) */
  document?: Document;
}

export function createFrame(options: FrameOptions): Svg {
  const doc = options.document ?? document;
  const element = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  const svg = select(element) as unknown as Svg;
  resetFrame(svg, options);
  return svg;
}

/**
 * Empties a frame and sets its size and title again, keeping the <svg> element itself (a chart
 * redrawn in place stays the node its page holds). Attributes keep their order, so a reset
 * frame serialises like a new one.
 */
export function resetFrame(svg: Svg, options: FrameOptions): void {
  svg.selectChildren().remove();
  svg
    .attr('xmlns', SVG_NS)
    .attr('class', options.className)
    .attr('viewBox', `0 0 ${options.width} ${options.height}`)
    .attr('width', options.width)
    .attr('height', options.height)
    .attr('role', 'img')
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', 12)
    // scales down with its container, never up past its drawn size (CSSOM: allowed by any CSP)
    .style('max-width', `${options.width}px`);
  svg.append('title').text(options.title);
}

const FOOTNOTE_SIZE = 10;
const FOOTNOTE_LINE = 13;

/** Rough drawn width of text at `size` px: CJK glyphs one em, Latin and digits about 0.6 em. */
export function textWidth(text: string, size = FOOTNOTE_SIZE): number {
  let em = 0;
  for (const ch of text)
    em += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return em * size;
}

/**
 * The footnote broken into lines that fit `width` px (at spaces, after commas and 、, or inside
 * a long run of CJK). An English line is longer than its Japanese original: it wraps rather
 * than running off the chart's right edge.
 */
export function footnoteLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  const push = (): void => {
    if (current.trim()) lines.push(current.trim());
    current = '';
  };
  for (const token of text.split(/(?<=[\s、,，/])/)) {
    if (textWidth(current + token) <= width) {
      current += token;
      continue;
    }
    push();
    // a token wider than a line on its own (a CJK run) is cut where the line is full
    for (const ch of token) {
      if (textWidth(current + ch) > width) push();
      current += ch;
    }
  }
  push();
  return lines.length ? lines : [text];
}

/**
 * Appends the footnote (e.g. which inputs are synthetic) at the bottom-left: `y` is the baseline
 * of its last line; a footnote wider than the chart takes more lines above it (see footnoteHeight).
 */
export function appendFootnote(svg: Svg, text: string | undefined, y: number, x = 8): void {
  if (!text) return;
  const width = Number(svg.attr('width')) || 920;
  const lines = footnoteLines(text, Math.max(80, width - Math.max(x, 0) - 8));
  const node = svg
    .append('text')
    .attr('class', 'footnote')
    .attr('x', x)
    .attr('y', y - (lines.length - 1) * FOOTNOTE_LINE)
    .attr('font-size', FOOTNOTE_SIZE)
    .attr('fill', '#444');
  if (lines.length === 1) {
    node.text(text);
    return;
  }
  lines.forEach((line, i) =>
    node
      .append('tspan')
      .attr('x', x)
      .attr('dy', i === 0 ? 0 : FOOTNOTE_LINE)
      .text(line),
  );
}

/** Height a footnote needs in a chart `width` px wide (0 when there is none). */
export const footnoteHeight = (text: string | undefined, width = Infinity, x = 8): number =>
  text ? 18 + (footnoteLines(text, Math.max(80, width - Math.max(x, 0) - 8)).length - 1) * FOOTNOTE_LINE : 0;

/** Rounds coordinates so SVG output is stable and small (two decimals). */
export const r2 = (value: number): number => Math.round(value * 100) / 100;

/** Path data of a closed polygon. */
export function polygonPath(points: ReadonlyArray<readonly [number, number]>): string {
  if (points.length === 0) return '';
  return `M${points.map(([x, y]) => `${r2(x)},${r2(y)}`).join('L')}Z`;
}
