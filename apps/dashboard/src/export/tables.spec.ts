import { describe, expect, it } from 'vitest';
import { shapeFlows } from '../charts/flow-chart';
import { panelsFromAggregate } from '../charts/occupancy-chart';
import { AGGREGATE_OCCUPANCY, FLOW, MAP_DATA } from '../testing/fixtures';
import { toCsv } from './csv';
import { flowTable, mapTable, occupancyTable } from './tables';

const context = { heading: 'CareTwin — fixture', notes: ['synthetic or estimated inputs: hospitals 4/4'] };

describe('tables behind the charts', () => {
  it('has one map row per municipality and per hospital, with utilisation only where a run gave one', () => {
    const table = mapTable(context, MAP_DATA);
    expect(table.rows.filter((r) => r[0] === 'municipality')).toHaveLength(MAP_DATA.municipalities.length);
    const hospitals = table.rows.filter((r) => r[0] === 'hospital');
    expect(hospitals.map((r) => r[1])).toEqual(MAP_DATA.hospitals.map((h) => h.id));
    expect(hospitals.find((r) => r[1] === 'h-south')?.[8]).toBeNull();
    expect(table.notes[0]).toContain('synthetic');
  });

  it('lists occupancy point by point with the band, leaving out pools without beds', () => {
    const table = occupancyTable(context, panelsFromAggregate(AGGREGATE_OCCUPANCY), {
      what: 'occupancy',
      band: '95 % CI',
      xName: 'day',
      rowName: 'area',
    });
    expect(table.columns).toEqual([
      'area',
      'areaName',
      'function',
      'functionName',
      'day',
      'utilisationMean',
      'utilisationLo',
      'utilisationHi',
    ]);
    expect(table.rows).toHaveLength(9); // three pools with beds × three days
    expect(table.rows[0]).toEqual(['north', 'north', 'acute', 'acute', 1, 100 / 150, 95 / 150, 105 / 150]);
  });

  it('puts the flow matrix beside self-sufficiency with its CI', () => {
    const table = flowTable(context, shapeFlows(FLOW));
    const north = table.rows[0];
    expect(north.slice(0, 7)).toEqual(['north', 'north', 1000, 800, 150, 20, 50]);
    expect(north.slice(-3)).toEqual([0, 150, 0]);
    expect(toCsv(table)).toContain('treatedIn:centre');
  });
});
