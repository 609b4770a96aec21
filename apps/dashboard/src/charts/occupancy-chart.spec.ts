// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { BandSeries } from '@caretwin/contracts';
import { AGGREGATE_OCCUPANCY } from '../testing/fixtures';
import {
  occupancyChart,
  panelsFromAggregate,
  panelsFromHospitalWeeks,
  panelsFromLive,
} from './occupancy-chart';

describe('occupancy data shaping', () => {
  it('turns beds in use and their CI into utilisation per day after warm-up', () => {
    const [north] = panelsFromAggregate(AGGREGATE_OCCUPANCY);
    expect(north).toMatchObject({ row: 'north', column: 'acute', noBeds: false });
    expect(north.points[1]).toEqual({ x: 2, mean: 110 / 150, lo: 104 / 150, hi: 116 / 150 });
  });

  it('marks a pool without beds instead of dividing by zero', () => {
    const panels = panelsFromAggregate(AGGREGATE_OCCUPANCY);
    const empty = panels.find((p) => p.row === 'south' && p.column === 'recovery');
    expect(empty).toMatchObject({ noBeds: true, points: [] });
  });

  it('reads a live band as min–max over the replications that reached each day, with their count', () => {
    const live: BandSeries[] = [
      {
        area: 'north',
        function: 'acute',
        points: [
          { day: 2, n: 1, mean: 120, min: 120, max: 120, capacity: 150 },
          { day: 1, n: 3, mean: 100, min: 90, max: 111, capacity: 150 },
        ],
      },
    ];
    const [panel] = panelsFromLive(live);
    expect(panel.points.map((p) => [p.x, p.n])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(panel.points[0].lo).toBeCloseTo(0.6);
    expect(panel.points[0].hi).toBeCloseTo(111 / 150);
  });

  it('reads weekly hospital series as one panel per hospital', () => {
    const panels = panelsFromHospitalWeeks([
      { hospital: 'h1', inUse: { mean: [40, 45], lo: [38, 44], hi: [42, 46] }, capacity: [50, 50] },
    ]);
    expect(panels).toEqual([
      {
        row: 'h1',
        column: 'all',
        noBeds: false,
        points: [
          { x: 1, mean: 0.8, lo: 0.76, hi: 0.84 },
          { x: 2, mean: 0.9, lo: 0.88, hi: 0.92 },
        ],
      },
    ]);
  });
});

describe('occupancy chart SVG', () => {
  const options = {
    lang: 'ja' as const,
    band: 'ci' as const,
    width: 700,
    rows: ['north', 'south'],
    columns: ['acute', 'recovery'],
    targets: { acute: 0.78, recovery: 0.9 },
  };

  it('draws one panel per row × column, a band and a mean line where there are beds', () => {
    const svg = occupancyChart(panelsFromAggregate(AGGREGATE_OCCUPANCY), options);
    expect(svg.querySelectorAll('g.panel')).toHaveLength(4);
    expect(svg.querySelectorAll('path.band')).toHaveLength(3);
    expect(svg.querySelectorAll('path.mean')).toHaveLength(3);
    expect(svg.querySelectorAll('line.target')).toHaveLength(4);
    expect(
      svg.querySelector('g.panel[data-row="south"][data-column="recovery"] text.empty')?.textContent,
    ).toBe('病床なし');
  });

  it('shows the count of replications behind the latest live point', () => {
    const svg = occupancyChart(
      panelsFromLive([
        {
          area: 'north',
          function: 'acute',
          points: [{ day: 1, n: 4, mean: 75, min: 70, max: 80, capacity: 100 }],
        },
      ]),
      {
        lang: 'en',
        band: 'minmax',
        xDomain: [1, 30],
      },
    );
    expect(svg.querySelector('text.latest')?.textContent).toBe('n = 4 · mean 75%');
  });

  it('shades the warm-up of a live run in every panel', () => {
    const svg = occupancyChart([], {
      lang: 'en',
      band: 'minmax',
      rows: ['a', 'b'],
      columns: ['acute'],
      xDomain: [1, 100],
      shadeUntil: 30,
      shadeLabel: 'warm-up',
    });
    expect(svg.querySelectorAll('rect.shade')).toHaveLength(2);
    const panelWidth = Number(svg.querySelector('g.panel rect')?.getAttribute('width'));
    const shadeWidth = Number(svg.querySelector('rect.shade')?.getAttribute('width'));
    expect(shadeWidth / panelWidth).toBeCloseTo((30 - 1) / (100 - 1), 3);
  });

  it('cuts a band wider than any possible utilisation at 125 %', () => {
    const svg = occupancyChart(
      [
        {
          row: 'a',
          column: 'acute',
          noBeds: false,
          points: [
            { x: 1, mean: 0.9, lo: 0.1, hi: 3 },
            { x: 2, mean: 0.9, lo: 0.1, hi: 3 },
          ],
        },
      ],
      {
        lang: 'en',
        band: 'ci',
        panelHeight: 100,
      },
    );
    const ys =
      (svg.querySelector('path.band')?.getAttribute('d') ?? '')
        .match(/,(-?[0-9.]+)/g)
        ?.map((v) => Number(v.slice(1))) ?? [];
    expect(Math.min(...ys)).toBe(0);
  });

  it('says when a panel has no data yet', () => {
    const svg = occupancyChart([], { lang: 'en', band: 'minmax', rows: ['north'], columns: ['acute'] });
    expect(svg.querySelector('text.empty')?.textContent).toBe('no data yet');
  });

  it('is stable for fixed data', () => {
    expect(
      occupancyChart(panelsFromAggregate(AGGREGATE_OCCUPANCY), { ...options, footnote: 'estimated inputs' })
        .outerHTML,
    ).toMatchSnapshot();
  });
});
