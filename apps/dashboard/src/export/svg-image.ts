// A chart's <svg> as a standalone SVG file and as a PNG. The file is a clone with a white
// background (a transparent PNG is unreadable on a dark slide), explicit size and namespaces,
// and the chart's own footnote (synthetic / estimated inputs) — nothing from the page's CSS,
// so the charts must carry their styling as attributes (they do: see charts/svg.ts).
import { footnoteLines, SVG_NS } from '../charts/svg';
import type { ExportHeading } from './caption';

const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Drawn size of a chart: its width/height attributes, else its viewBox. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  if (width > 0 && height > 0) return { width, height };
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  return { width: box[2] > 0 ? box[2] : 800, height: box[3] > 0 ? box[3] : 600 };
}

/** The width and height a serialised SVG file declares on its root. */
function sizeOfText(text: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(text)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return width > 0 && height > 0 ? { width, height } : null;
}

const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 11;
const CAVEAT_SIZE = 10;
const LINE = 1.35;

/** Text lines of `size` px that fit `width` (footnoteLines measures at 10 px). */
const linesAt = (text: string, width: number, size: number): string[] =>
  text ? footnoteLines(text, (width * 10) / size) : [];

function textLine(
  doc: Document,
  text: string,
  x: number,
  y: number,
  size: number,
  className: string,
  bold = false,
): SVGTextElement {
  const node = doc.createElementNS(SVG_NS, 'text');
  node.setAttribute('class', className);
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(Math.round(y * 100) / 100));
  node.setAttribute('font-size', String(size));
  node.setAttribute('fill', bold ? '#111111' : '#333333');
  if (bold) node.setAttribute('font-weight', '700');
  node.textContent = text;
  return node;
}

/**
 * Puts the heading around the chart: title and subtitle (scenario, period, replications, date)
 * above, the caveat below; the chart is moved down and the picture made taller to hold them.
 */
function addHeading(clone: SVGSVGElement, heading: ExportHeading, width: number, height: number): number {
  const doc = clone.ownerDocument;
  const pad = 12;
  const titleLines = linesAt(heading.title, width - 2 * pad, TITLE_SIZE);
  const subtitleLines = linesAt(heading.subtitle, width - 2 * pad, SUBTITLE_SIZE);
  const caveatLines = linesAt(heading.caveat, width - 2 * pad, CAVEAT_SIZE);
  const top =
    pad + titleLines.length * TITLE_SIZE * LINE + subtitleLines.length * SUBTITLE_SIZE * LINE + pad / 2;
  const bottom = caveatLines.length ? caveatLines.length * CAVEAT_SIZE * LINE + pad : 0;
  const chart = doc.createElementNS(SVG_NS, 'g');
  chart.setAttribute('class', 'export-chart');
  chart.setAttribute('transform', `translate(0,${Math.round(top)})`);
  for (const child of [...clone.childNodes])
    if (!(child instanceof Element && child.tagName.toLowerCase() === 'title')) chart.append(child);
  const head = doc.createElementNS(SVG_NS, 'g');
  head.setAttribute('class', 'export-heading');
  let y = pad;
  for (const line of titleLines) {
    y += TITLE_SIZE * LINE;
    head.append(textLine(doc, line, pad, y - TITLE_SIZE * 0.3, TITLE_SIZE, 'export-title', true));
  }
  for (const line of subtitleLines) {
    y += SUBTITLE_SIZE * LINE;
    head.append(textLine(doc, line, pad, y - SUBTITLE_SIZE * 0.3, SUBTITLE_SIZE, 'export-subtitle'));
  }
  const foot = doc.createElementNS(SVG_NS, 'g');
  foot.setAttribute('class', 'export-caveat');
  let by = Math.round(top) + height;
  for (const line of caveatLines) {
    by += CAVEAT_SIZE * LINE;
    foot.append(textLine(doc, line, pad, by, CAVEAT_SIZE, 'export-caveat-line'));
  }
  clone.append(head, chart, foot);
  return Math.round(top) + height + Math.ceil(bottom);
}

/**
 * The text of a standalone .svg file for the chart; with a heading, the chart's title, scenario,
 * period, replications, date and the data caveat are drawn around it (in the page's language).
 */
export function serializeSvg(svg: SVGSVGElement, heading?: ExportHeading): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height: drawn } = svgSize(svg);
  const height = heading ? addHeading(clone, heading, width, drawn) : drawn;
  if (heading) {
    clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const title = clone.querySelector(':scope > title');
    if (title) title.textContent = `${heading.title} — ${heading.subtitle}`;
  }
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', XLINK_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.removeProperty('max-width');
  if (!clone.getAttribute('style')) clone.removeAttribute('style');
  const doc = svg.ownerDocument;
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('class', 'export-background');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  // after <title> (kept first for accessibility), before everything drawn
  const title = clone.querySelector(':scope > title');
  clone.insertBefore(background, title ? title.nextSibling : clone.firstChild);
  const text = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

export const svgBlob = (svg: SVGSVGElement, heading?: ExportHeading): Blob =>
  new Blob([serializeSvg(svg, heading)], { type: 'image/svg+xml;charset=utf-8' });

/**
 * Renders the SVG file into a canvas at `scale` × its drawn size and answers the PNG. The image
 * is loaded from a blob: URL of the same origin, so the canvas is not tainted and `img-src
 * blob:` is all the content security policy has to allow.
 */
export async function pngBlob(svg: SVGSVGElement, heading?: ExportHeading, scale = 2): Promise<Blob> {
  const text = serializeSvg(svg, heading);
  const { width, height } = sizeOfText(text) ?? svgSize(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw into a canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
