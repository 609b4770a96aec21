// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { kpiCards, shapeKpiCards } from '../charts/kpi-cards';
import { HEADLINE_KPIS } from '../charts/kpi-catalogue';
import { est } from '../testing/fixtures';
import { serializeSvg, svgSize } from './svg-image';

describe('SVG file of a chart', () => {
  const chart = (): SVGSVGElement =>
    kpiCards(shapeKpiCards({ 'occupancy.prefecture.acute': est(0.85, 0.01) }, HEADLINE_KPIS, 'ja'), {
      lang: 'ja',
      footnote: '合成データ: 病院 84/84',
    });

  it('is a standalone XML document with the SVG namespace, the drawn size and a white background', () => {
    const svg = chart();
    const text = serializeSvg(svg);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    const { width, height } = svgSize(svg);
    expect(text).toContain(`width="${width}"`);
    expect(text).toContain(`height="${height}"`);
    expect(text).toMatch(
      /<title>[^<]*<\/title><rect class="export-background" width="100%" height="100%" fill="#ffffff"/,
    );
  });

  it('carries the footnote naming synthetic inputs and leaves the page’s chart untouched', () => {
    const svg = chart();
    const before = svg.outerHTML;
    const text = serializeSvg(svg);
    expect(text).toContain('合成データ: 病院 84/84');
    expect(svg.outerHTML).toBe(before);
    expect(new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')).toBeNull();
  });

  it('reads the size from the viewBox when width and height are missing', () => {
    const svg = chart();
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('viewBox', '0 0 300 200');
    expect(svgSize(svg)).toEqual({ width: 300, height: 200 });
  });
});
