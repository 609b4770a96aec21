// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { est, STATIC_NEED } from '../testing/fixtures';
import { areaTotals, needChart, shapeNeed } from './need-chart';

describe('static need data shaping', () => {
  it('reads rows by home area or by treating area', () => {
    expect(shapeNeed(STATIC_NEED, 'home')[0]).toEqual({
      area: 'north',
      function: 'acute',
      beds: 150,
      need: 128.2,
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
