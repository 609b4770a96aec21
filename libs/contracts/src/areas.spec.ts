import { describe, expect, it } from 'vitest';
import {
  AREA_COLUMNS,
  areaKpiKeys,
  areaRows,
  flowPerYear,
  patientsPerDay,
  practicallySignificant,
  practicalThreshold,
  thresholdKind,
} from './areas';
import type { Estimate } from './result';

const est = (mean: number): Estimate => ({ n: 3, mean, sd: 0, halfWidth: 0, lo: mean, hi: mean });

describe('the by-area table', () => {
  const kpis: Record<string, Estimate> = {
    'area.north.response.mean': est(9.5),
    'area.north.callToHospital.mean': est(44),
    'bedBlocking.days.north': est(730),
    'occupancy.north.general': est(0.99),
    'area.south.response.mean': est(12),
  };

  it('gives one row per area in the order asked, every local KPI as a column', () => {
    const rows = areaRows(kpis, ['south', 'north'], 365);
    expect(rows.map((r) => r.area)).toEqual(['south', 'north']);
    expect(rows[1].cells.map((c) => c.column.id)).toEqual(AREA_COLUMNS.map((c) => c.id));
    expect(rows[1].cells.find((c) => c.column.id === 'callToScene')?.estimate?.mean).toBe(9.5);
  });

  it('leaves a column the result lacks empty instead of inventing a zero', () => {
    const south = areaRows(kpis, ['south', 'north'], 365)[0];
    expect(south.cells.find((c) => c.column.id === 'occupancy')?.estimate).toBeNull();
  });

  it('reads bed blocking as patient-days and about how many patients a day', () => {
    const north = areaRows(kpis, ['north'], 365)[0];
    const blocking = north.cells.find((c) => c.column.id === 'bedBlocking');
    expect(blocking?.estimate?.mean).toBe(730);
    expect(blocking?.perDay).toBe(2);
    expect(north.cells.find((c) => c.column.id === 'callToScene')?.perDay).toBeNull();
    expect(patientsPerDay(10, 0)).toBe(0);
  });

  it('keeps only the selected area when filtered', () => {
    expect(areaRows(kpis, ['south', 'north'], 365, 'north').map((r) => r.area)).toEqual(['north']);
  });

  it('lists the keys of the table area by area, treating-area figures labelled as such', () => {
    const keys = areaKpiKeys(['north']);
    expect(keys).toContain('outflow.north');
    expect(keys).toContain('area.north.overflow');
    expect(keys.length).toBe(AREA_COLUMNS.length);
    const byId = new Map(AREA_COLUMNS.map((c) => [c.id, c.basis]));
    expect(byId.get('occupancy')).toBe('treating');
    expect(byId.get('bedBlocking')).toBe('treating');
    expect(byId.get('callToHospital')).toBe('home');
  });

  it('scales the mean flow matrix to residents treated per year', () => {
    const perYear = flowPerYear(
      {
        areas: ['a', 'b'],
        admissions: [
          [10, 2],
          [0, 5],
        ],
        leftRegion: [1, 0],
      },
      73,
    );
    expect(perYear.perYear).toEqual([
      [50, 10],
      [0, 25],
    ]);
    expect(perYear.leftRegionPerYear).toEqual([5, 0]);
  });
});

describe('practical thresholds', () => {
  it('take minutes 1.0, shares 1 point, days 0.5 and counts 5 % of the baseline', () => {
    expect(thresholdKind('ambulance.callToHospital.mean')).toBe('minutes');
    expect(thresholdKind('area.sennan.response.mean')).toBe('minutes');
    expect(thresholdKind('inquiries.refusedShare')).toBe('share');
    expect(thresholdKind('occupancy.prefecture.acute')).toBe('share');
    expect(thresholdKind('alos.general')).toBe('days');
    expect(thresholdKind('bedBlocking.days')).toBe('relative');
    expect(practicalThreshold('ambulance.response.mean', 9)).toBe(1);
    expect(practicalThreshold('outflow.north', 0.3)).toBe(0.01);
    expect(practicalThreshold('admissions', 2000)).toBe(100);
  });

  it('call a +0.23 min change with a CI excluding 0 not 有意, a +1.5 min change 有意', () => {
    const key = 'ambulance.callToHospital.mean';
    expect(practicallySignificant(key, { a: 44, difference: 0.23, significant: true })).toBe(false);
    expect(practicallySignificant(key, { a: 44, difference: 1.5, significant: true })).toBe(true);
    expect(practicallySignificant(key, { a: 44, difference: 5, significant: false })).toBe(false);
  });

  it('need a 5 % change of a count, and a difference of one when the baseline is 0', () => {
    expect(practicallySignificant('overflow', { a: 100, difference: 4, significant: true })).toBe(false);
    expect(practicallySignificant('overflow', { a: 100, difference: -6, significant: true })).toBe(true);
    expect(practicallySignificant('overflow', { a: 0, difference: 0.5, significant: true })).toBe(false);
    expect(practicallySignificant('overflow', { a: 0, difference: 3, significant: true })).toBe(true);
  });
});
