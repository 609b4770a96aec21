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

  it('draws the heading above the chart and the caveat below it, taller by their lines', () => {
    const svg = chart();
    const { width, height } = svgSize(svg);
    const heading = {
      title: '主な指標(平均と95%信頼区間)',
      subtitle: 'a「基準」と b「仙台の転換」 · 2025-05-01 〜 2026-04-30 · 6 反復 · 作成 2026-12-02',
      caveat: 'シミュレーションの結果です。',
    };
    const text = serializeSvg(svg, heading);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(root.getAttribute('width')).toBe(String(width));
    const total = Number(root.getAttribute('height'));
    expect(total).toBeGreaterThan(height + 40);
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${total}`);
    expect(doc.querySelector('.export-title')?.textContent).toBe(heading.title);
    expect(doc.querySelector('.export-subtitle')?.textContent).toBe(heading.subtitle);
    expect(doc.querySelector('.export-caveat-line')?.textContent).toBe(heading.caveat);
    // the chart moved down below the heading, its footnote still in it
    const moved = doc.querySelector('g.export-chart');
    expect(moved?.getAttribute('transform')).toMatch(/^translate\(0,\d+\)$/);
    expect(moved?.textContent).toContain('合成データ: 病院 84/84');
    expect(doc.querySelector('svg > title')?.textContent).toContain(heading.title);
  });
});
