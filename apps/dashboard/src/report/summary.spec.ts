// @vitest-environment jsdom
import { afterAll, describe, expect, it } from 'vitest';
import type { Comparison, Estimate } from '@caretwin/contracts';
import type { ResultDocument } from '../api/types';
import { setLang } from '../i18n';
import { areaDifferenceTableElement, areaTableElement, flowTableElement } from '../views/area-tables';
import { areasInOrder, areaSections } from './area-sections';
import { baselineName, biggestDifferences, summarySentences } from './summary';

const est = (mean: number): Estimate => ({
  n: 3,
  mean,
  sd: 0,
  halfWidth: 0.1,
  lo: mean - 0.1,
  hi: mean + 0.1,
});

function doc(id: string, name: string, extendsId?: string): ResultDocument {
  return {
    schemaVersion: 1,
    provenance: {
      software: { name: 'caretwin', version: '0' },
      scenario: {
        id,
        name: { ja: name, en: name },
        ...(extendsId ? { extends: extendsId } : {}),
        year: 2025,
        region: 'r',
        startDate: '2025-04-01',
        warmupDays: 30,
        horizonDays: 365,
        replications: 3,
        seed: 1,
        demand: { multiplier: '1', maxMultiplier: 1 },
        initialCensus: { mode: 'expected' },
        policies: [],
      },
      region: {
        id: 'r',
        name: { ja: '宮城', en: 'Miyagi' },
        areas: [
          { id: 'north', name: { ja: '北部', en: 'North' } },
          { id: 'south', name: { ja: '南部', en: 'South' } },
        ],
        conditions: [],
        hospitals: [],
      },
      seed: 1,
      replications: 3,
      replicationIndices: [0, 1, 2],
      inputs: [],
    },
    replications: [],
    aggregate: {
      horizonDays: 365,
      kpis: {
        'occupancy.north.general': est(0.99),
        'occupancy.south.general': est(0.7),
        'bedBlocking.days.north': est(1460),
        'area.north.callToHospital.mean': est(47),
      },
      flow: {
        areas: ['north', 'south'],
        admissions: [
          [100, 20],
          [5, 50],
        ],
        leftRegion: [1, 0],
        selfSufficiency: [],
      },
    },
    execution: {},
  } as unknown as ResultDocument;
}

const diff = (a: number, difference: number, significant = true) => ({
  a,
  b: a + difference,
  difference,
  halfWidth: 0.1,
  lo: difference - 0.1,
  hi: difference + 0.1,
  significant,
});

const comparison = {
  paired: true,
  method: 'paired',
  note: 'paired',
  a: { scenarioId: 'base', seed: 1, replications: 3 },
  b: { scenarioId: 'closure', seed: 1, replications: 3 },
  kpis: {
    'ambulance.callToHospital.mean': diff(44, 0.23),
    'area.north.callToHospital.mean': diff(44, 3),
    overflow: diff(100, 40),
  },
} as unknown as Comparison;

afterAll(() => setLang('ja'));

describe('the report names its baseline', () => {
  it('by the compared baseline run, never the what-if itself', () => {
    setLang('ja');
    expect(baselineName(doc('closure', '病院休止', 'base'), doc('base', '基準'))).toBe('基準 (base)');
  });

  it('by what the scenario extends, and says so when a run extends its own id', () => {
    expect(baselineName(doc('closure', '病院休止', 'base'))).toBe('base');
    expect(baselineName(doc('base', '基準', 'base'))).toContain('同じシナリオの設定を変えた実行');
    expect(baselineName(doc('base', '基準'))).toBeNull();
  });
});

describe('the report summary', () => {
  it('names only differences beyond their practical threshold, largest first', () => {
    const keys = Object.keys(comparison.kpis);
    expect(biggestDifferences(comparison, keys)).toEqual(['overflow', 'area.north.callToHospital.mean']);
  });

  it('says what was run, against which baseline, and the tightest area with ≈ patients a day', () => {
    setLang('en');
    const text = summarySentences(doc('closure', 'Closure', 'base'), {
      result: doc('base', 'Baseline'),
      comparison,
    }).join(' ');
    expect(text).toContain('"Closure" in Miyagi');
    expect(text).toContain('baseline "Baseline (base)"');
    expect(text).toContain('North (general-bed occupancy 99.0%');
    expect(text).toContain('≈ 4.0 patients a day');
    expect(text).not.toContain('Call to hospital (mean) 44');
  });
});

describe('area tables and sections', () => {
  const options = {
    areas: ['north', 'south'],
    areaName: (id: string) => id.toUpperCase(),
    horizonDays: 365,
    area: null,
    fileParts: ['t'],
    notes: [],
  };

  it('show a row per area, or only the filtered one', () => {
    setLang('ja');
    const all = areaTableElement(doc('x', 'x').aggregate.kpis, options);
    expect([...all.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-area'))).toEqual([
      'north',
      'south',
    ]);
    const one = areaTableElement(doc('x', 'x').aggregate.kpis, { ...options, area: 'south' });
    expect([...one.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-area'))).toEqual(['south']);
    expect(all.querySelector('td[data-column="bedBlocking"]')?.textContent).toContain('≈ 1日 4.0 人');
    // an area at 99 % stands out even when the prefecture's mean would not
    expect(all.querySelector('tr[data-area="north"] td[data-column="occupancy"]')?.classList).toContain(
      'over-95',
    );
    expect(all.querySelector('tr[data-area="south"] td[data-column="occupancy"]')?.classList).not.toContain(
      'over-95',
    );
  });

  it('give residents admitted per year from the mean flow matrix', () => {
    const flows = flowTableElement(doc('x', 'x').aggregate.flow, { ...options, horizonDays: 73 });
    expect(flows.querySelector('tr[data-home="north"] td[data-treating="south"]')?.textContent).toBe('100');
  });

  it('mark a by-area difference only when it is practically significant', () => {
    const table = areaDifferenceTableElement(comparison, options);
    const cell = table.querySelector('td[data-kpi="area.north.callToHospital.mean"]');
    expect(cell?.getAttribute('data-significant')).toBe('true');
    expect(cell?.textContent).toContain('*');
  });

  it('put the area the filter selected first, one section per area', () => {
    expect(areasInOrder(['north', 'south'], 'south')).toEqual(['south', 'north']);
    const sections = areaSections(doc('x', 'x'), { first: 'south', notes: [] });
    expect([...sections.querySelectorAll('.report-area')].map((s) => s.getAttribute('data-area'))).toEqual([
      'south',
      'north',
    ]);
  });
});
