import { describe, expect, it } from 'vitest';
import type { Estimate } from '@caretwin/contracts';
import { resultCsv } from './result-csv';
import type { RunResultDocument } from './result';

const est = (mean: number): Estimate => ({ n: 2, mean, sd: 0, halfWidth: 1, lo: mean - 1, hi: mean + 1 });

const doc = {
  provenance: {
    scenario: { id: 's', name: { ja: '名前', en: 'name' } },
    seed: 1,
    replications: 2,
    inputs: [],
  },
  aggregate: {
    horizonDays: 10,
    flow: { areas: ['north', 'south'], admissions: [], leftRegion: [], selfSufficiency: [] },
    kpis: { 'area.north.callToHospital.mean': est(44), 'bedBlocking.days.north': est(30) },
  },
  replications: [],
  warnings: [],
  execution: { runId: 'r-1' },
} as unknown as RunResultDocument<{ runId?: string }>;

describe('the areas CSV table', () => {
  const lines = resultCsv(doc, 'areas')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  const header = lines.find((l) => l.startsWith('area,')) ?? '';
  const row = (area: string): string[] => (lines.find((l) => l.startsWith(`${area},`)) ?? '').split(',');
  const at = (cells: string[], column: string): string => cells[header.split(',').indexOf(column)];

  it('says which columns are by treating area before the column names', () => {
    expect(lines.some((l) => l.startsWith('# by home area') && l.includes('bedBlocking'))).toBe(true);
  });

  it('gives one row per area with mean, lo and hi, and bed blocking as patients a day', () => {
    expect(at(row('north'), 'callToHospitalMean')).toBe('44');
    expect(at(row('north'), 'callToHospitalLo')).toBe('43');
    expect(at(row('north'), 'bedBlockingPatientsPerDay')).toBe('3');
    expect(at(row('south'), 'callToHospitalMean')).toBe('');
  });
});
