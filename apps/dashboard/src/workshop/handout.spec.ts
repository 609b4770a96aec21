// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Board, KpiDifference, Proposal, Variant, WorkshopSnapshot } from '@caretwin/contracts';
import type { InputLabel } from '../api/types';
import {
  boardCell,
  caveatLines,
  describeLever,
  handoutVariants,
  inputsLineOf,
  namersIn,
  regionNames,
  renderHandout,
  voteStanding,
} from './handout';

const diff = (a: number, b: number, halfWidth: number): KpiDifference => {
  const difference = b - a;
  return {
    a,
    b,
    difference,
    halfWidth,
    lo: difference - halfWidth,
    hi: difference + halfWidth,
    significant: difference - halfWidth > 0 || difference + halfWidth < 0,
  };
};

const names = regionNames({
  areas: [
    { id: 'sendai', name: { ja: '仙台', en: 'Sendai' } },
    { id: 'sennan', name: { ja: '仙南', en: 'Sennan' } },
  ],
  hospitals: [{ id: 'h1', name: { ja: '北病院(仮)', en: 'North Hospital (synthetic)' } }],
});

const proposal = (
  id: string,
  title: string,
  state: Proposal['state'],
  variantId: string | null,
): Proposal => ({
  id,
  workshopId: 'w1',
  title,
  rationale: `${title}の理由`,
  policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 }],
  author: { id: `p-${id}`, name: `参加者${id}`, role: 'participant' },
  state,
  mergedFrom: id === 'a' ? ['d'] : [],
  mergedInto: null,
  variantId,
  createdAt: '2026-12-02T10:00:00Z',
});

const variant = (id: string, proposalId: string, title: string, state: Variant['state']): Variant => ({
  id,
  proposalId,
  title,
  runId: `run-${id}`,
  state,
  percent: state === 'completed' ? 100 : 40,
});

const comparison = {
  paired: true,
  method: 'paired' as const,
  note: 'same seed',
  a: { scenarioId: 'base', seed: 1, replications: 3 },
  b: { scenarioId: 'v', seed: 1, replications: 3 },
  kpis: {
    'bedBlocking.days': diff(1000, 620, 80),
    'inquiries.refusedShare': diff(0.05, 0.049, 0.01),
  },
};

const board: Board = {
  workshopId: 'w1',
  baseline: { runId: 'run-base', scenarioId: 'miyagi-2025-baseline', state: 'completed' },
  kpis: [
    { key: 'bedBlocking.days', label: { ja: '転院待ち', en: 'Bed-blocking days' }, unit: 'patientDays' },
    {
      key: 'inquiries.refusedShare',
      label: { ja: '受入照会の断り', en: 'Refused inquiries' },
      unit: 'percent',
    },
  ],
  rows: [
    {
      variantId: 'v1',
      title: '仙台で転換',
      runId: 'run-v1',
      state: 'completed',
      comparison,
      significant: ['bedBlocking.days'],
      sentence: {
        ja: '仙台で急性期50床を回復期へ転換すると、転院待ちは38%減(95%CI 30–46%)',
        en: 'Converting 50 acute beds to recovery in Sendai: bed-blocking days −38% (95% CI 30–46%)',
      },
      points: 5,
    },
    {
      variantId: 'v2',
      title: '仙南も',
      runId: 'run-v2',
      state: 'running',
      comparison: null,
      significant: [],
      sentence: null,
      points: 3,
    },
  ],
  vote: {
    voters: 2,
    rows: [
      { variantId: 'v2', points: 3, firstPlaces: 1 },
      { variantId: 'v1', points: 5, firstPlaces: 1 },
    ],
  },
};

const snapshot: WorkshopSnapshot = {
  workshop: {
    id: 'w1',
    title: '仙台の回復期病床',
    question: '急性期を回復期へ転換すると転院待ちは減るか',
    state: 'open',
    joinCode: 'ABCDEF',
    joinUrl: 'http://x/#/join/ABCDEF',
    baseline: { runId: 'run-base', scenarioId: 'miyagi-2025-baseline' },
    levers: [{ kind: 'convertBeds', area: 'sendai', maxBeds: 300, from: ['acute'], to: ['recovery'] }],
    seed: 1,
    replications: 3,
    horizonDays: 60,
    createdAt: '2026-12-02T09:00:00Z',
    closedAt: null,
    facilitator: 'planner',
  },
  seq: 12,
  participants: [
    { id: 'p-a', name: '参加者a', joinedAt: '2026-12-02T09:01:00Z' },
    { id: 'p-b', name: '参加者b', joinedAt: '2026-12-02T09:02:00Z' },
  ],
  // the api lists proposals by arrival; the board orders the variants
  proposals: [
    proposal('b', '仙南も', 'accepted', 'v2'),
    proposal('a', '仙台で転換', 'accepted', 'v1'),
    proposal('c', '救急車を増やす', 'declined', null),
  ],
  variants: [variant('v2', 'b', '仙南も', 'running'), variant('v1', 'a', '仙台で転換', 'completed')],
  view: { runId: null, chart: 'board', area: null },
  board,
  myVote: null,
};

const inputs: InputLabel[] = [
  { input: 'hospitals', items: 84, synthetic: 84, estimated: 0, sources: [] },
  { input: 'ambulanceBases', items: 39, synthetic: 0, estimated: 39, sources: [] },
  { input: 'region', items: 1, synthetic: 0, estimated: 0, sources: [] },
];

describe('the workshop handout', () => {
  it('says each lever bound in words with the area named in the language asked', () => {
    const lever = snapshot.workshop.levers[0];
    expect(describeLever(lever, namersIn(names, 'ja'), 'ja')).toBe(
      '仙台: 病床の機能転換 最大 300床(急性期 → 回復期)',
    );
    expect(describeLever(lever, namersIn(names, 'en'), 'en')).toBe(
      'Sendai: convert up to 300 beds (acute → recovery)',
    );
    expect(describeLever({ kind: 'ambulances', maxChange: 10 }, namersIn(names, 'en'), 'en')).toBe(
      'any area: ambulances within ±10 of the baseline',
    );
    expect(
      describeLever({ kind: 'closeHospital', hospitals: ['h1', 'h9'] }, namersIn(names, 'ja'), 'ja'),
    ).toBe('閉鎖できる病院: 北病院(仮)、h9');
  });

  it('lists the variants in board order with their proposal’s rationale, author and merged duplicates', () => {
    const variants = handoutVariants(snapshot);
    expect(variants.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(variants[0]).toMatchObject({
      title: '仙台で転換',
      rationale: '仙台で転換の理由',
      author: '参加者a',
      merged: 1,
      state: 'completed',
    });
    expect(variants[1].row?.comparison).toBeNull();
  });

  it('gives a board cell the difference in its unit, the change relative to the baseline and the CI', () => {
    const cell = boardCell('bedBlocking.days', diff(1000, 620, 80), true, 'ja');
    expect(cell.difference).toBe('−380 人日 (−38.0%)');
    expect(cell.ci).toBe('95%CI −460 … −300');
    expect(cell.significant).toBe(true);
    // a share's difference is in points already: no relative change beside it
    const share = boardCell('inquiries.refusedShare', diff(0.05, 0.04, 0.002), false, 'en');
    expect(share.difference).toBe('−1.0 pt');
    expect(share.ci).toBe('95% CI −1.2 … −0.8');
  });

  it('ranks the vote by points, ties sharing a rank, and leaves out variants nobody voted for', () => {
    const titles = new Map([
      ['v1', 'one'],
      ['v2', 'two'],
      ['v3', 'three'],
    ]);
    const standing = voteStanding(
      {
        voters: 3,
        rows: [
          { variantId: 'v1', points: 4, firstPlaces: 1 },
          { variantId: 'v2', points: 6, firstPlaces: 1 },
          { variantId: 'v3', points: 4, firstPlaces: 1 },
          { variantId: 'v4', points: 0, firstPlaces: 0 },
        ],
      },
      titles,
    );
    expect(standing.map((r) => [r.rank, r.title, r.points])).toEqual([
      [1, 'two', 6],
      [2, 'one', 4],
      [2, 'three', 4],
    ]);
  });

  it('states the caveats: synthetic patients, model estimates, the region’s synthetic and estimated counts', () => {
    expect(inputsLineOf(inputs, 'ja')).toBe('合成データ: 病院 84/84 / 推定値: 救急隊 39/39');
    expect(inputsLineOf(inputs, 'en')).toBe('Synthetic: hospitals 84/84 / estimated: ambulance bases 39/39');
    const en = caveatLines(inputs, 'en');
    expect(en[0]).toMatch(/synthetic patients/);
    expect(en[1]).toMatch(/estimates from a simulation model/);
    expect(en).toContain('Synthetic: hospitals 84/84 / estimated: ambulance bases 39/39');
    expect(en.some((line) => line.startsWith('Hospitals (synthetic): '))).toBe(true);
    // counts unknown (no baseline result yet): the caveats still say what is synthetic
    const ja = caveatLines(null, 'ja');
    expect(ja[0]).toMatch(/合成の患者/);
    expect(ja.some((line) => line.startsWith('病院(合成データ): '))).toBe(true);
  });

  for (const lang of ['ja', 'en'] as const) {
    it(`draws the question, variants, board, vote, a chart per completed variant and the caveats in ${lang}`, () => {
      const root = document.createElement('article');
      renderHandout(
        root,
        { snapshot, names, inputs, scenarioName: null, printedAt: '2026-12-02T12:00:00Z' },
        lang,
      );
      const text = root.textContent ?? '';
      expect(root.querySelector('h1')?.textContent).toBe('仙台の回復期病床');
      expect(text).toContain('急性期を回復期へ転換すると転院待ちは減るか');
      // the variants' levers in words, in the handout's language
      const levers = root.querySelector('[data-variant-id="v1"] ul.levers')?.textContent;
      expect(levers).toBe(
        lang === 'ja' ? '仙台: 急性期 → 回復期 50床を転換' : 'Sendai: Acute → Recovery 50 beds converted',
      );
      // the sentence in the language asked, never the other
      const sentences = [...root.querySelectorAll('[data-testid="handout-sentence"]')].map(
        (e) => e.textContent,
      );
      expect(sentences).toEqual([board.rows[0].sentence?.[lang]]);
      expect(text).not.toContain(board.rows[0].sentence?.[lang === 'ja' ? 'en' : 'ja']);
      // significant cells marked (star and attribute), the others not
      const cells = root.querySelectorAll('.handout-board td[data-variant-id="v1"]');
      expect([...cells].map((c) => c.getAttribute('data-significant'))).toEqual(['true', 'false']);
      expect(cells[0].textContent).toContain('★');
      // a running variant says so in its column
      expect(root.querySelector('.handout-board td[data-variant-id="v2"]')?.textContent).toMatch(/40/);
      // the vote, most points first
      expect(
        [...root.querySelectorAll('.handout-vote-table tbody tr')].map((r) =>
          r.getAttribute('data-variant-id'),
        ),
      ).toEqual(['v1', 'v2']);
      // one static difference chart, for the completed variant
      expect(root.querySelectorAll('.handout-chart svg').length).toBe(1);
      expect(root.querySelector('.handout-chart')?.getAttribute('data-variant-id')).toBe('v1');
      // the declined proposal is listed among the others
      expect(root.querySelector('.other-proposals [data-proposal-id="c"]')?.getAttribute('data-state')).toBe(
        'declined',
      );
      expect(root.querySelector('[data-section="caveats"]')?.textContent).toContain(
        lang === 'ja' ? '合成データ: 病院 84/84' : 'Synthetic: hospitals 84/84',
      );
    });
  }
});
