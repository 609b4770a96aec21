// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { FLOW } from '../testing/fixtures';
import { flowChart, shapeFlows, wrapLabel } from './flow-chart';

describe('flow data shaping', () => {
  it('counts each area residents, outflow and inflow, leaving self-treatment out of the chords', () => {
    const shape = shapeFlows(FLOW);
    expect(shape.between).toEqual([
      [0, 150, 0],
      [20, 0, 30],
      [0, 400, 0],
    ]);
    expect(shape.rows[0]).toMatchObject({
      area: 'north',
      residents: 1000,
      selfTreated: 800,
      outflow: 150,
      inflow: 20,
      leftRegion: 50,
    });
    expect(shape.rows[1]).toMatchObject({ area: 'centre', residents: 3050, outflow: 50, inflow: 550 });
    expect(shape.rows[2].selfSufficiency?.mean).toBe(0.6);
  });

  it('accepts a single replication self-sufficiency as a number', () => {
    const shape = shapeFlows({ ...FLOW, selfSufficiency: [0.8, 0.9, 0.6] });
    expect(shape.rows[0].selfSufficiency).toEqual({ n: 1, mean: 0.8, sd: 0, halfWidth: 0, lo: 0.8, hi: 0.8 });
  });
});

describe('ring labels', () => {
  it('wrap long area names after their hyphens or 中点', () => {
    expect(wrapLabel('Ishinomaki-Tome-Kesennuma', 14)).toEqual(['Ishinomaki-', 'Tome-Kesennuma']);
    expect(wrapLabel('Ishinomaki-Tome-Kesennuma', 10)).toEqual(['Ishinomaki-', 'Tome-', 'Kesennuma']);
    expect(wrapLabel('石巻・登米・気仙沼', 6)).toEqual(['石巻・登米・', '気仙沼']);
    expect(wrapLabel('Sendai', 14)).toEqual(['Sendai']);
  });
});

describe('flow chart SVG', () => {
  const areaLabel = (a: string) => ({ north: '北部', centre: '中央', south: '南部' })[a] ?? a;

  it('draws one arc per area, one ribbon per crossing flow and a self-sufficiency bar per area', () => {
    const svg = flowChart(shapeFlows(FLOW), { lang: 'ja', areaLabel });
    expect(svg.querySelectorAll('g.group')).toHaveLength(3);
    expect(svg.querySelectorAll('path.ribbon')).toHaveLength(4);
    expect(svg.querySelector('path.ribbon[data-from="south"][data-to="centre"] title')?.textContent).toBe(
      '南部 → 中央: 400',
    );
    expect(svg.querySelectorAll('g.bar rect.value')).toHaveLength(3);
    expect(svg.querySelectorAll('g.bar line.ci')).toHaveLength(6);
  });

  it('says so when no admission crosses a border', () => {
    const svg = flowChart(
      shapeFlows({ areas: ['a'], admissions: [[10]], leftRegion: [0], selfSufficiency: [1] }),
      { lang: 'en' },
    );
    expect(svg.querySelector('text.empty')?.textContent).toBe('no admissions cross an area border');
  });

  it('is stable for fixed data', () => {
    expect(
      flowChart(shapeFlows(FLOW), { lang: 'ja', areaLabel, footnote: '推定値を含む' }).outerHTML,
    ).toMatchSnapshot();
  });
});
