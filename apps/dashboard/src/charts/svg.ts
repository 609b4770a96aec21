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

/** Appends a footnote line (e.g. which inputs are synthetic) at the bottom-left. */
export function appendFootnote(svg: Svg, text: string | undefined, y: number, x = 8): void {
  if (!text) return;
  svg
    .append('text')
    .attr('class', 'footnote')
    .attr('x', x)
    .attr('y', y)
    .attr('font-size', 10)
    .attr('fill', '#444')
    .text(text);
}

/** Height a footnote needs (0 when there is none). */
export const footnoteHeight = (text: string | undefined): number => (text ? 18 : 0);

/** Rounds coordinates so SVG output is stable and small (two decimals). */
export const r2 = (value: number): number => Math.round(value * 100) / 100;

/** Path data of a closed polygon. */
export function polygonPath(points: ReadonlyArray<readonly [number, number]>): string {
  if (points.length === 0) return '';
  return `M${points.map(([x, y]) => `${r2(x)},${r2(y)}`).join('L')}Z`;
}
