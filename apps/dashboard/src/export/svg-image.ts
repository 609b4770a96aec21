// A chart's <svg> as a standalone SVG file and as a PNG. The file is a clone with a white
// background (a transparent PNG is unreadable on a dark slide), explicit size and namespaces,
// and the chart's own footnote (synthetic / estimated inputs) — nothing from the page's CSS,
// so the charts must carry their styling as attributes (they do: see charts/svg.ts).
import { SVG_NS } from '../charts/svg';

const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Drawn size of a chart: its width/height attributes, else its viewBox. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  if (width > 0 && height > 0) return { width, height };
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  return { width: box[2] > 0 ? box[2] : 800, height: box[3] > 0 ? box[3] : 600 };
}

/** The text of a standalone .svg file for the chart. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svgSize(svg);
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

export const svgBlob = (svg: SVGSVGElement): Blob =>
  new Blob([serializeSvg(svg)], { type: 'image/svg+xml;charset=utf-8' });

/**
 * Renders the SVG file into a canvas at `scale` × its drawn size and answers the PNG. The image
 * is loaded from a blob: URL of the same origin, so the canvas is not tainted and `img-src
 * blob:` is all the content security policy has to allow.
 */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(svgBlob(svg));
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
