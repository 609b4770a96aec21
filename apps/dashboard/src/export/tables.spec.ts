// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { shapeFlows } from '../charts/flow-chart';
import { panelsFromAggregate } from '../charts/occupancy-chart';
import { setLang } from '../i18n';
import { AGGREGATE_OCCUPANCY, est, FLOW, MAP_DATA } from '../testing/fixtures';
import { toCsv } from './csv';
import { flowTable, kpiTable, mapTable, occupancyTable, roundCell } from './tables';

const context = { heading: 'CareTwin — fixture', notes: ['synthetic or estimated inputs: hospitals 4/4'] };

describe('tables behind the charts', () => {
  afterEach(() => setLang('ja'));

  it('has one map row per municipality and per hospital, with utilisation only where a run gave one', () => {
    const table = mapTable(context, MAP_DATA);
    expect(table.rows.filter((r) => r[0] === '市町村')).toHaveLength(MAP_DATA.municipalities.length);
    const hospitals = table.rows.filter((r) => r[0] === '病院');
    expect(hospitals.map((r) => r[1])).toEqual(MAP_DATA.hospitals.map((h) => h.id));
    expect(hospitals.find((r) => r[1] === 'h-south')?.[8]).toBeNull();
    expect(table.notes[0]).toContain('synthetic');
  });

  it('lists occupancy point by point with the band as percentages, leaving out pools without beds', () => {
    const table = occupancyTable(context, panelsFromAggregate(AGGREGATE_OCCUPANCY), {
      what: 'occupancy',
      band: '95 % CI',
      xName: 'day',
      rowName: 'area',
    });
    expect(table.columnIds).toEqual([
      'area',
      'areaName',
      'function',
      'functionName',
      'day',
      'utilisationMean',
      'utilisationLo',
      'utilisationHi',
    ]);
    expect(table.columns).toEqual([
      '医療圏ID',
      '二次医療圏',
      '病床機能ID',
      '病床機能',
      '日',
      '稼働率 平均 (%)',
      '稼働率 帯の下端 (%)',
      '稼働率 帯の上端 (%)',
    ]);
    expect(table.rows).toHaveLength(9); // three pools with beds × three days
    // 100 / 150 beds = 66.7 %, 95 / 150 = 63.3 %, 105 / 150 = 70 %
    expect(table.rows[0]).toEqual(['north', 'north', 'acute', 'acute', 1, 66.7, 63.3, 70]);
  });

  it('names the columns in English with their units when the page is in English', () => {
    setLang('en');
    const table = flowTable(context, shapeFlows(FLOW));
    expect(table.columns.slice(0, 3)).toEqual(['Home area id', 'Home area', 'Residents admitted (patients)']);
    expect(table.columns).toContain('Self-sufficiency mean (%)');
    expect(toCsv(table)).toContain('Treated in centre (patients)');
    expect(toCsv(table)).not.toMatch(/[\u3040-\u30ff]/);
  });

  it('puts the flow matrix beside self-sufficiency with its CI', () => {
    const table = flowTable(context, shapeFlows(FLOW));
    const north = table.rows[0];
    expect(north.slice(0, 7)).toEqual(['north', 'north', 1000, 800, 150, 20, 50]);
    expect(north.slice(-3)).toEqual([0, 150, 0]);
    expect(toCsv(table)).toContain('centreで入院 (人)');
  });

  it('writes each KPI in its own unit: shares as percent, minutes and counts to about three figures', () => {
    const table = kpiTable(context, [
      { key: 'inquiries.refusedShare', label: 'x', unit: 'percent', estimate: est(0.12345, 0.01) },
      { key: 'ambulance.callToHospital.mean', label: 'y', unit: 'minutes', estimate: est(44.8765, 1.234) },
      {
        key: 'inquiries.perAcceptedPatient.mean',
        label: 'z',
        unit: 'inquiries',
        estimate: est(1.53421, 0.1),
      },
    ]);
    expect(table.rows.map((r) => [r[2], r[4]])).toEqual([
      ['%', 12.3],
      ['分', 44.9],
      ['回', 1.53],
    ]);
  });

  it('rounds as a planner reads: percent to a tenth, large counts whole, coordinates to five places', () => {
    expect(roundCell(0.95349, 'share')).toBe(95.3);
    expect(roundCell(266578.4, 'number')).toBe(266578);
    expect(roundCell(17.4567, 'number')).toBe(17.5);
    expect(roundCell(38.2682123, 'coord')).toBe(38.26821);
    expect(roundCell('north', 'number')).toBe('north');
    expect(roundCell(null, 'share')).toBeNull();
  });
});
