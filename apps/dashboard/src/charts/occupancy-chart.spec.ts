// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { BandSeries } from '@caretwin/contracts';
import { AGGREGATE_OCCUPANCY } from '../testing/fixtures';
import {
  drawOccupancyChart,
  occupancyChart,
  panelsFromAggregate,
  panelsFromHospitalWeeks,
  panelsFromLive,
  type OccupancyChartOptions,
  type OccupancyPanel,
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

  it('averages only the days after the warm-up in a live corner, as the results page does', () => {
    const points = [
      { day: 1, n: 6, mean: 20, min: 20, max: 20, capacity: 100 },
      { day: 2, n: 6, mean: 40, min: 40, max: 40, capacity: 100 },
      { day: 3, n: 6, mean: 80, min: 80, max: 80, capacity: 100 },
      { day: 4, n: 6, mean: 90, min: 90, max: 90, capacity: 100 },
    ];
    const options = {
      lang: 'en' as const,
      band: 'minmax' as const,
      xDomain: [1, 4] as [number, number],
      shadeUntil: 2,
      shadeLabel: 'warm-up',
      meanAfter: 2,
      afterLabel: 'mean after warm-up',
    };
    const svg = occupancyChart(panelsFromLive([{ area: 'north', function: 'acute', points }]), options);
    // (80 + 90) / 2, not the 57.5 % over all four days nor the latest day's 90 %
    expect(svg.querySelector('text.latest')?.textContent).toBe('n = 6 · mean after warm-up 85%');
    const early = occupancyChart(
      panelsFromLive([{ area: 'north', function: 'acute', points: points.slice(0, 2) }]),
      options,
    );
    expect(early.querySelector('text.latest')?.textContent).toBe('n = 6 · warm-up');
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

describe('occupancy chart updated in place (the live view)', () => {
  // a live band of one area × function after `days` days, each reached by `n` replications
  const liveBand = (
    days: number,
    n: number,
    area = 'north',
    fn: BandSeries['function'] = 'acute',
  ): BandSeries => ({
    area,
    function: fn,
    points: Array.from({ length: days }, (_, i) => ({
      day: i + 1,
      n,
      mean: 80 + i + n,
      min: 70 + i,
      max: 90 + i + 2 * n,
      capacity: 100,
    })),
  });
  const liveOptions = {
    lang: 'en' as const,
    band: 'minmax' as const,
    rows: ['north', 'south'],
    columns: ['acute', 'recovery'],
    xDomain: [1, 330] as [number, number],
    shadeUntil: 90,
    shadeLabel: 'warm-up',
    targets: { acute: 0.78, recovery: 0.9 },
  };

  it('keeps the same svg, panels and paths when updated twice, and shows the new data', () => {
    const chart = drawOccupancyChart(panelsFromLive([liveBand(3, 1)]), liveOptions);
    const svg = chart.node;
    const panels = [...svg.querySelectorAll('g.panel')];
    const band = svg.querySelector('path.band');
    const mean = svg.querySelector('path.mean');
    const children = svg.querySelectorAll('*').length;
    const firstBand = band?.getAttribute('d');

    chart.update(panelsFromLive([liveBand(40, 2)]));
    chart.update(panelsFromLive([liveBand(120, 4)]));

    expect(chart.node).toBe(svg);
    expect([...svg.querySelectorAll('g.panel')]).toEqual(panels);
    expect(svg.querySelector('path.band')).toBe(band);
    expect(svg.querySelector('path.mean')).toBe(mean);
    expect(svg.querySelectorAll('*')).toHaveLength(children);
    expect(band?.getAttribute('d')).not.toBe(firstBand);
    // 120 points: the band goes out along the hi values and back along the lo ones
    expect(band?.getAttribute('d')?.split('L')).toHaveLength(240);
    expect(svg.querySelector('text.latest')?.textContent).toBe('n = 4 · mean 203%');
  });

  it('reads after every update exactly like the same chart drawn anew', () => {
    const region = {
      ...liveOptions,
      rowLabel: (row: string) => `${row} area`,
      footnote: 'synthetic inputs',
    };
    const steps: Array<[OccupancyPanel[], OccupancyChartOptions]> = [
      // nothing yet, then the first days of one pool, then more days, more replications and pools
      [[], liveOptions],
      [panelsFromLive([liveBand(2, 1)]), liveOptions],
      [panelsFromLive([liveBand(60, 3), liveBand(60, 3, 'south', 'recovery')]), liveOptions],
      // the region arrives: row labels and a footnote (the frame is drawn again)
      [panelsFromLive([liveBand(61, 3), liveBand(61, 3, 'south', 'recovery')]), region],
      // a pool that turns out to have no beds, and one whose band passes 125 %
      [
        [
          ...panelsFromLive([liveBand(90, 10)]),
          { row: 'south', column: 'recovery', noBeds: true, points: [] },
          {
            row: 'south',
            column: 'acute',
            noBeds: false,
            points: [
              { x: 1, mean: 1, lo: 0.5, hi: 3 },
              { x: 2, mean: 1.1, lo: 0.6, hi: 3 },
            ],
          },
        ],
        region,
      ],
      // an x extent taken from the data: its ticks change in number
      [panelsFromLive([liveBand(3, 1)]), { ...region, xDomain: undefined }],
      [panelsFromLive([liveBand(250, 2)]), { ...region, xDomain: undefined }],
      [panelsFromLive([liveBand(7, 2)]), { ...region, xDomain: undefined }],
    ];
    const chart = drawOccupancyChart(...steps[0]);
    for (const [panels, options] of steps) {
      chart.update(panels, options);
      expect(chart.node.outerHTML).toBe(occupancyChart(panels, options).outerHTML);
    }
  });
});
