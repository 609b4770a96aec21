// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { censusChart, splitLabel, type CensusChartPanel } from './census-chart';

const day = (date: string, occupancy: number | null, partial = false) => ({ date, occupancy, partial });
const panel: CensusChartPanel = {
  area: 'sendai',
  function: 'acute',
  days: [
    day('2026-11-29', 0.9),
    day('2026-11-30', null),
    day('2026-12-01', 0.96, true),
    day('2026-12-02', 0.97),
  ],
  forecast: [1, 2].map((h) => ({
    date: `2026-12-0${2 + h}`,
    mean: 0.96,
    lo80: 0.92,
    hi80: 0.99,
    lo95: 0.9,
    hi95: 1.02,
  })),
};
const options = { lang: 'ja' as const, rows: ['sendai', 'sennan'], columns: ['acute' as const] };

describe('census chart', () => {
  it('breaks the history line at a day without reports and marks a partial day hollow', () => {
    const svg = censusChart([panel], options);
    const d = svg.querySelector('g.panel[data-area="sendai"] path.history')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // two runs: before and after the gap
    expect(svg.querySelectorAll('g.panel[data-area="sendai"] circle.partial')).toHaveLength(1);
  });

  it('draws the 95 % and 80 % bands and the mean from today on, and today’s figure in the corner', () => {
    const svg = censusChart([panel], options);
    const g = svg.querySelector('g.panel[data-area="sendai"]');
    for (const cls of ['band95', 'band80', 'forecast-mean', 'threshold', 'today'])
      expect(g?.querySelector(`.${cls}`), cls).not.toBeNull();
    expect(g?.querySelector('.today-value')?.textContent).toBe('97.0%');
  });

  it('says "no report" in a panel of an area that never reported', () => {
    const svg = censusChart([panel], options);
    expect(svg.querySelector('g.panel[data-area="sennan"]')?.textContent).toContain('報告なし');
  });

  it('cuts a long area name in two at its separator', () => {
    expect(splitLabel('石巻・登米・気仙沼', 100)).toEqual(['石巻・', '登米・気仙沼']);
    expect(splitLabel('仙台', 100)).toEqual(['仙台']);
  });
});
