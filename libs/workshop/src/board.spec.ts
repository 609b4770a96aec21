// The board: rows per variant in order, a comparison only for completed runs (cut to the board's
// KPIs), significant keys marked, a sentence and the vote points.
import { describe, expect, it } from 'vitest';
import type { Comparison, KpiDifference, Variant } from '@caretwin/contracts';
import { buildBoard } from './board';
import { BOARD_KPI_KEYS, boardKpiLabels } from './kpis';

const d = (a: number, difference: number, lo: number, hi: number): KpiDifference => ({
  a,
  b: a + difference,
  difference,
  halfWidth: (hi - lo) / 2,
  lo,
  hi,
  significant: lo > 0 || hi < 0,
});

const comparison: Comparison = {
  paired: true,
  method: 'paired',
  note: 'paired',
  a: { scenarioId: 'base', seed: 1, replications: 4 },
  b: { scenarioId: 'v', seed: 1, replications: 4 },
  kpis: {
    'bedBlocking.days': d(100, -38, -45, -30),
    'inquiries.refusedShare': d(0.3, 0, -0.02, 0.02),
    admissions: d(5000, 80, 20, 140),
    'los.acute': d(12, 1, 0.5, 1.5),
  },
};

const variant = (id: string, state: Variant['state']): Variant => ({
  id,
  proposalId: `q-${id}`,
  title: `title ${id}`,
  runId: `run-${id}`,
  state,
  percent: state === 'completed' ? 100 : 40,
});

describe('buildBoard', () => {
  const board = buildBoard({
    workshopId: 'w1',
    baseline: { runId: 'r0', scenarioId: 'miyagi-2025-baseline', state: 'completed' },
    variants: [
      {
        variant: variant('v1', 'completed'),
        policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 }],
        comparison,
      },
      { variant: variant('v2', 'running'), policies: [{ kind: 'closeHospital', hospital: 'x' }], comparison },
      {
        variant: variant('v3', 'completed'),
        policies: [{ kind: 'closeHospital', hospital: 'x' }],
        comparison: null,
      },
    ],
    votes: [
      { participantId: 'p1', ranking: ['v1', 'v3'] },
      { participantId: 'p2', ranking: ['v2', 'v1'] },
    ],
    names: { area: (id) => ({ ja: id, en: id }), hospital: (id) => ({ ja: id, en: id }) },
  });

  it('lists the board KPIs as columns, each with labels and a unit', () => {
    expect(board.kpis.map((k) => k.key)).toEqual(BOARD_KPI_KEYS);
    expect(board.kpis).toEqual(boardKpiLabels());
    expect(board.kpis[0]).toEqual({
      key: 'bedBlocking.days',
      label: { ja: '転院待ち(延べ日数)', en: 'Bed blocking (patient-days)' },
      unit: 'patientDays',
    });
  });

  it('gives a completed variant its comparison cut to the board KPIs, the significant ones and a sentence', () => {
    const row = board.rows[0];
    expect(row).toMatchObject({ variantId: 'v1', title: 'title v1', runId: 'run-v1', state: 'completed' });
    expect(Object.keys(row.comparison!.kpis)).toEqual([
      'bedBlocking.days',
      'inquiries.refusedShare',
      'admissions',
    ]);
    expect(row.significant).toEqual(['bedBlocking.days', 'admissions']);
    expect(row.sentence!.ja).toBe(
      'sendaiで急性期50床を回復期へ転換すると、転院待ちは38%減(95%CI 30–45%)、入院は1.6%増(95%CI 0.4–2.8%)、受入照会の断りに有意な変化なし',
    );
  });

  it('shows no comparison or sentence for a run still going or without its comparison', () => {
    for (const row of board.rows.slice(1)) {
      expect(row.comparison).toBeNull();
      expect(row.sentence).toBeNull();
      expect(row.significant).toEqual([]);
    }
  });

  it('counts votes for completed variants only and gives each row its points', () => {
    expect(board.vote).toEqual({
      voters: 2,
      rows: [
        { variantId: 'v1', points: 5, firstPlaces: 1 },
        { variantId: 'v3', points: 2, firstPlaces: 0 },
      ],
    });
    expect(board.rows.map((r) => r.points)).toEqual([5, 0, 2]);
  });
});
