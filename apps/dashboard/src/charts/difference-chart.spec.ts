// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { KpiDifference } from '@caretwin/contracts';
import { differenceChart, formatDifference, shapeDifferences } from './difference-chart';
import { HEADLINE_KPIS } from './kpi-catalogue';

const diff = (a: number, b: number, halfWidth: number): KpiDifference => {
  const difference = b - a;
  return {
    a,
    b,
    difference,
    halfWidth,
    lo: difference - halfWidth,
    hi: difference + halfWidth,
    significant: difference - halfWidth > 0 || difference + halfWidth < 0,
  };
};
const kpis = {
  'occupancy.prefecture.acute': diff(0.75, 0.79, 0.005),
  'inquiries.refusedShare': diff(0.12, 0.125, 0.01),
  leftRegion: diff(0, 0, 0),
};

describe('difference chart data', () => {
  it('keeps catalogue order and scales each difference by a’s mean', () => {
    const rows = shapeDifferences(kpis, HEADLINE_KPIS, 'en');
    expect(rows.map((r) => r.key)).toEqual([
      'occupancy.prefecture.acute',
      'inquiries.refusedShare',
      'leftRegion',
    ]);
    expect(rows[0].relative?.mean).toBeCloseTo(0.04 / 0.75, 10);
    expect(rows[2].relative).toBeNull();
  });

  it('signs differences in the KPI’s unit, shares as percentage points', () => {
    expect(formatDifference(0.04, 'percent', 'en')).toBe('+4.0 pt');
    expect(formatDifference(-0.012, 'percent', 'ja')).toBe('−1.2 ポイント');
    expect(formatDifference(-300, 'patients', 'en')).toBe('−300 patients');
    expect(formatDifference(1.5, 'minutes', 'en')).toBe('+1.50 min');
    expect(formatDifference(-0.0004, 'percent', 'ja')).toBe('±0.0 ポイント');
    expect(formatDifference(0, 'cases', 'en')).toBe('±0 cases');
  });
});

describe('difference chart SVG', () => {
  it('marks significant rows (filled marker, bold label) apart from the others', () => {
    const svg = differenceChart(shapeDifferences(kpis, HEADLINE_KPIS, 'en'), {
      lang: 'en',
      methodLabel: 'paired',
      footnote: 'synthetic: hospitals',
    });
    const significant = svg.querySelectorAll('g.row[data-significant="true"]');
    expect([...significant].map((g) => g.getAttribute('data-kpi'))).toEqual(['occupancy.prefecture.acute']);
    expect(svg.querySelector('g.row[data-kpi="inquiries.refusedShare"] circle')?.getAttribute('fill')).toBe(
      '#ffffff',
    );
    expect(
      svg.querySelector('g.row[data-kpi="occupancy.prefecture.acute"] text')?.getAttribute('font-weight'),
    ).toBe('700');
    expect(svg.textContent).toContain('synthetic: hospitals');
  });

  it('widens the label column for long labels instead of cutting them at the left edge', () => {
    // the plot's left edge: where the zero line's group starts
    const offset = (svg: SVGSVGElement) =>
      Number(
        /translate\((\d+)/.exec(
          svg.querySelector('g.row')?.parentElement?.getAttribute('transform') ?? '',
        )?.[1],
      );
    const short = differenceChart(shapeDifferences(kpis, HEADLINE_KPIS, 'ja'), { lang: 'ja' });
    const long = differenceChart(
      shapeDifferences({ 'walkIns.redirected': diff(10, 12, 1) }, HEADLINE_KPIS, 'en'),
      { lang: 'en' },
    );
    expect(offset(short)).toBe(220);
    // "Walk-ins redirected (first choice full)": 39 characters
    expect(offset(long)).toBeGreaterThan(39 * 6);
    // the legend with the method label stays inside the chart
    const legend = long.querySelector('g.legend')?.getAttribute('transform') ?? '';
    expect(Number(/translate\((\d+)/.exec(legend)?.[1])).toBeLessThanOrEqual(920 - 640);
  });

  it('draws the same SVG for the same data', () => {
    const rows = shapeDifferences(kpis, HEADLINE_KPIS, 'ja');
    expect(differenceChart(rows, { lang: 'ja' }).outerHTML).toBe(
      differenceChart(rows, { lang: 'ja' }).outerHTML,
    );
    expect(differenceChart(rows, { lang: 'ja' }).outerHTML).toMatchSnapshot();
  });
});
