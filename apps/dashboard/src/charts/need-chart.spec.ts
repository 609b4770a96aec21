// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { est, STATIC_NEED } from '../testing/fixtures';
import { areaTotals, gapKind, gapText, needChart, shapeNeed } from './need-chart';

describe('static need data shaping', () => {
  it('reads rows by home area or by treating area', () => {
    expect(shapeNeed(STATIC_NEED, 'home')[0]).toEqual({
      area: 'north',
      function: 'acute',
      beds: 150,
      need: 128.2,
      gap: 150 - 128.2,
      staticCensus: 100,
      simulated: null,
    });
    expect(shapeNeed(STATIC_NEED, 'treating')[0].staticCensus).toBe(90);
  });

  it('puts the simulated census of the same area and function beside the static figures', () => {
    const rows = shapeNeed(STATIC_NEED, 'home', { 'bedsInUse.south.acute': est(205, 3) });
    expect(rows.find((r) => r.area === 'south' && r.function === 'acute')?.simulated?.mean).toBe(205);
    expect(rows.find((r) => r.area === 'north' && r.function === 'acute')?.simulated).toBeNull();
  });

  it('totals beds and need per area with the gap between them', () => {
    const totals = areaTotals(shapeNeed(STATIC_NEED, 'home'));
    expect(totals.get('north')?.beds).toBe(190);
    expect(totals.get('north')?.gap).toBeCloseTo(190 - 183.8);
  });
});

describe('beds short of or over the static need', () => {
  it('words the difference beds − need as 不足 (short) or 過剰 (over) in both languages', () => {
    expect(gapText(-120.4, 'ja')).toBe('不足 120床');
    expect(gapText(35, 'ja')).toBe('過剰 35床');
    expect(gapText(-120.4, 'en')).toBe('120 beds short');
    expect(gapText(35, 'en', false)).toBe('35 over');
    expect(gapText(0.3, 'ja')).toBe('過不足なし');
    expect(gapKind(-0.6)).toBe('short');
  });

  it('writes each area × function difference under its bars', () => {
    const svg = needChart(shapeNeed(STATIC_NEED, 'home'), { lang: 'ja' });
    const gaps = [...svg.querySelectorAll('g.panel[data-area="north"] text.gap')];
    // north: acute 150 beds for a need of 128.2, recovery 40 for 55.6
    expect(
      gaps.map((g) => [g.getAttribute('data-function'), g.getAttribute('class'), g.textContent]),
    ).toEqual([
      ['acute', 'gap over', '過剰 22'],
      ['recovery', 'gap short', '不足 16'],
    ]);
  });
});

describe('need chart SVG', () => {
  it('draws three bars per area and function before a run, four with a CI after one', () => {
    const before = needChart(shapeNeed(STATIC_NEED, 'home'), { lang: 'ja' });
    expect(before.querySelectorAll('g.panel')).toHaveLength(2);
    expect(before.querySelectorAll('rect.bar')).toHaveLength(4 * 3);
    const kpis = {
      'bedsInUse.north.acute': est(110, 4),
      'bedsInUse.north.recovery': est(38, 1),
      'bedsInUse.south.acute': est(205, 3),
      'bedsInUse.south.recovery': est(20, 2),
    };
    const after = needChart(shapeNeed(STATIC_NEED, 'home', kpis), { lang: 'ja' });
    expect(after.querySelectorAll('rect.bar')).toHaveLength(4 * 4);
    expect(after.querySelectorAll('line.ci')).toHaveLength(4 * 2);
  });

  it('hatches the static census so it reads in greyscale', () => {
    const svg = needChart(shapeNeed(STATIC_NEED, 'home'), { lang: 'en', idPrefix: 'home-need' });
    expect(svg.querySelector('pattern#home-need-hatch')).not.toBeNull();
    expect(svg.querySelector('rect.bar.staticCensus')?.getAttribute('fill')).toBe('url(#home-need-hatch)');
  });

  it('is stable for fixed data', () => {
    expect(
      needChart(shapeNeed(STATIC_NEED, 'treating', { 'bedsInUse.north.acute': est(110, 4) }), {
        lang: 'en',
        footnote: 'synthetic hospitals',
      }).outerHTML,
    ).toMatchSnapshot();
  });
});
