// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { est } from '../testing/fixtures';
import { fullDaysChart, REGION_SCOPE, shapeFullDays } from './full-days-chart';

// north's recovery beds are full every day of 100 while the region's are full on 12 of them
const kpis = {
  'daysOver95.north.acute': est(3, 1),
  'daysOver95.north.recovery': est(100, 0),
  'daysOver95.south.acute': est(0, 0),
  'daysOver95.south.recovery': est(0, 0),
  'beds.south.recovery': est(0, 0),
  'daysOver95.prefecture.acute': est(1, 1),
  'daysOver95.prefecture.recovery': est(12, 2),
};

describe('days over 95 % full, data', () => {
  it('gives a row per area then the whole region, with the share of the horizon', () => {
    const shape = shapeFullDays(kpis, ['north', 'south'], 100);
    expect(shape.rows.map((r) => r.scope)).toEqual(['north', 'south', REGION_SCOPE]);
    const north = shape.rows[0].cells;
    expect(north.map((c) => c.function)).toEqual(['highAcute', 'acute', 'recovery', 'chronic']);
    expect(north[2].share).toBe(1);
    expect(north[0].days).toBeNull();
  });

  it('says an area has no beds of a function rather than "never full"', () => {
    const south = shapeFullDays(kpis, ['north', 'south'], 100).rows[1].cells;
    expect(south[1].days?.mean).toBe(0);
    expect(south[2].days).toBeNull();
  });
});

describe('days over 95 % full, SVG', () => {
  it('shows an area full every day beside a calm region figure', () => {
    const svg = fullDaysChart(shapeFullDays(kpis, ['north', 'south'], 100), {
      lang: 'ja',
      areaLabel: (a) => (a === 'north' ? '北部' : '南部'),
    });
    const cell = (area: string, fn: string) =>
      svg.querySelector(`g.row[data-area="${area}"] g.cell[data-function="${fn}"]`);
    expect(cell('north', 'recovery')?.querySelector('text.value')?.textContent).toBe('100 日');
    expect(cell('north', 'recovery')?.textContent).toContain('100%');
    expect(cell(REGION_SCOPE, 'recovery')?.querySelector('text.value')?.textContent).toBe('12 日');
    expect(cell('south', 'recovery')?.textContent).toBe('病床なし');
    expect(svg.querySelector('g.row.region text')?.textContent).toBe('地域全体');
    // fuller is darker: the full cell's fill is not the empty cells' white
    expect(cell('north', 'recovery')?.querySelector('rect')?.getAttribute('fill')).not.toBe('#ffffff');
    expect(cell('south', 'acute')?.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
  });

  it('is stable for fixed data', () => {
    expect(
      fullDaysChart(shapeFullDays(kpis, ['north', 'south'], 100), {
        lang: 'en',
        footnote: 'synthetic hospitals',
      }).outerHTML,
    ).toMatchSnapshot();
  });
});
