// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { est, replication } from '../testing/fixtures';
import { distributionChart, isOneTwoFive, shapeAmbulanceTimes, shapeTimeToCare } from './distribution-chart';

const replications = [
  replication(1, {
    'ambulance.response.mean': 11,
    'ambulance.callToHospital.mean': 44,
    'timeToCare.stroke.mean': 70,
  }),
  replication(0, {
    'ambulance.response.mean': 10,
    'ambulance.callToHospital.mean': 40,
    'timeToCare.stroke.mean': 60,
  }),
];
const kpis = {
  'ambulance.response.mean': est(10.5, 0.7),
  'ambulance.response.p50': est(9, 0.5),
  'ambulance.response.p90': est(16, 1),
  'ambulance.callToHospital.mean': est(42, 2),
  'timeToCare.stroke.mean': est(65, 5),
  'timeToCare.stroke.count': est(120, 4),
  'timeToCare.stroke.withinThreshold': est(0.82, 0.03),
  'timeToCare.cancer.mean': est(0, 0),
  'timeToCare.cancer.count': est(0, 0),
};
const conditions = [
  { id: 'stroke', name: { ja: '脳卒中', en: 'Stroke' }, timeCriticalMinutes: 120 },
  { id: 'cancer', name: { ja: 'がん', en: 'Cancer' }, timeCriticalMinutes: null },
];

describe('distribution data shaping', () => {
  it('lists each ambulance time the result has, with replications in index order and percentiles', () => {
    const rows = shapeAmbulanceTimes(replications, kpis, 'en');
    expect(rows.map((r) => r.key)).toEqual(['ambulance.response', 'ambulance.callToHospital']);
    expect(rows[0]).toMatchObject({ label: 'Call → scene', values: [10, 11], p50: 9, p90: 16 });
    expect(rows[1]).toMatchObject({ p50: null, p90: null });
  });

  it('lists time to care for conditions with patients, with threshold and the share within it', () => {
    const rows = shapeTimeToCare(conditions, replications, kpis, 'ja');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: 'timeToCare.stroke',
      label: '脳卒中',
      values: [60, 70],
      threshold: 120,
    });
    expect(rows[0].withinShare?.mean).toBe(0.82);
  });

  it('keeps 1-2-5 ticks on a log axis', () => {
    expect([1, 2, 3, 5, 10, 20, 40, 50, 100].filter(isOneTwoFive)).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });
});

describe('distribution chart SVG', () => {
  it('draws a dot per replication, the mean with its CI, percentiles and the threshold', () => {
    const rows = [
      ...shapeAmbulanceTimes(replications, kpis, 'en'),
      ...shapeTimeToCare(conditions, replications, kpis, 'en'),
    ];
    const svg = distributionChart(rows, { lang: 'en' });
    expect(svg.querySelectorAll('g.row')).toHaveLength(3);
    expect(svg.querySelectorAll('circle.replication')).toHaveLength(6);
    expect(svg.querySelectorAll('rect.mean')).toHaveLength(3);
    expect(svg.querySelectorAll('line.p50')).toHaveLength(1);
    expect(svg.querySelectorAll('line.p90')).toHaveLength(2);
    expect(svg.querySelectorAll('line.threshold')).toHaveLength(1);
  });

  it('is stable for fixed data on a log axis', () => {
    const rows = shapeTimeToCare(conditions, replications, kpis, 'ja');
    expect(distributionChart(rows, { lang: 'ja', scale: 'log' }).outerHTML).toMatchSnapshot();
  });
});
