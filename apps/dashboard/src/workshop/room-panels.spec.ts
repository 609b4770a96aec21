// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { Board, BoardRow, Proposal, Variant, WorkshopSnapshot } from '@caretwin/contracts';
import { setLang } from '../i18n';
import { UNSORTED } from './board';
import { boardTable, proposalList, variantList, votePanel } from './room-panels';
import { roomFromSnapshot } from './room-state';

const names = { area: (id: string) => (id === 'sendai' ? '仙台' : id), hospital: (id: string) => id };

const row = (variantId: string, lo: number, hi: number): BoardRow => ({
  variantId,
  title: `Variant ${variantId}`,
  runId: `run-${variantId}`,
  state: 'completed',
  comparison: {
    paired: true,
    method: 'paired',
    note: '',
    a: { scenarioId: 'a', seed: 1, replications: 10 },
    b: { scenarioId: 'b', seed: 1, replications: 10 },
    kpis: {
      'bedBlocking.days': {
        a: 100,
        b: 100 + (lo + hi) / 2,
        difference: (lo + hi) / 2,
        halfWidth: (hi - lo) / 2,
        lo,
        hi,
        significant: lo > 0 || hi < 0,
      },
    },
  },
  significant: lo > 0 || hi < 0 ? ['bedBlocking.days'] : [],
  sentence: { ja: `案${variantId}の文`, en: `sentence of ${variantId}` },
  points: 0,
});

const board: Board = {
  workshopId: 'w1',
  baseline: { runId: 'base', scenarioId: 's', state: 'completed' },
  kpis: [{ key: 'bedBlocking.days', label: { ja: '転院待ち', en: 'bed-blocking days' }, unit: 'days' }],
  rows: [row('v1', -5, 5), row('v2', -45, -30)],
  vote: { voters: 1, rows: [{ variantId: 'v2', points: 3, firstPlaces: 1 }] },
};

const variant = (id: string, state: Variant['state'], percent: number): Variant => ({
  id,
  proposalId: `p-${id}`,
  title: `Variant ${id}`,
  runId: `run-${id}`,
  state,
  percent,
});

const proposal = (id: string, state: Proposal['state']): Proposal => ({
  id,
  workshopId: 'w1',
  title: `P ${id}`,
  rationale: 'r',
  policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 }],
  author: { id: 'x', name: 'Sato', role: 'participant' },
  state,
  mergedFrom: [],
  mergedInto: null,
  variantId: null,
  createdAt: '',
});

const room = roomFromSnapshot({
  workshop: {
    id: 'w1',
    title: 't',
    question: 'q',
    state: 'open',
    joinCode: 'ABCDEF',
    joinUrl: '',
    baseline: { runId: 'base', scenarioId: 's' },
    levers: [],
    seed: 1,
    replications: 10,
    horizonDays: 60,
    createdAt: '',
    closedAt: null,
    facilitator: 'open',
  },
  seq: 3,
  participants: [],
  proposals: [proposal('a', 'proposed'), proposal('b', 'proposed'), proposal('c', 'declined')],
  variants: [variant('v1', 'completed', 100), variant('v2', 'running', 40)],
  view: { runId: null, chart: 'board', area: null },
  board,
  myVote: null,
} satisfies WorkshopSnapshot);

afterEach(() => setLang('ja'));

describe('room panels (the e2e selectors)', () => {
  it('draws a board row per variant with its sentence in the page language and the significant cell marked', () => {
    setLang('en');
    const element = boardTable(board, UNSORTED, () => undefined);
    const rows = [...element.querySelectorAll<HTMLElement>('[data-testid=board-row]')];
    expect(rows.map((r) => r.dataset.variantId)).toEqual(['v1', 'v2']);
    expect(rows[1].querySelector('[data-testid=board-sentence]')?.textContent).toBe('sentence of v2');
    expect(rows[1].querySelector('[data-significant=true]')?.textContent).toContain('★');
    expect(rows[0].querySelector('[data-significant=true]')).toBeNull();
    expect(element.querySelector('[data-testid="board-sort-bedBlocking.days"]')).not.toBeNull();
  });

  it('marks only what the api found 有意: a CI excluding 0 below the practical threshold gets no star', () => {
    const small = { ...row('v3', -2, -1), significant: [] };
    const element = boardTable({ ...board, rows: [small] }, UNSORTED, () => undefined);
    expect(element.querySelector('[data-kpi="bedBlocking.days"]')?.getAttribute('data-significant')).toBe(
      'false',
    );
    expect(element.querySelector('[data-kpi="bedBlocking.days"]')?.textContent).not.toContain('★');
  });

  it('calls back with the column a sort header names', () => {
    const clicked: string[] = [];
    const element = boardTable(board, UNSORTED, (key) => clicked.push(key));
    element.querySelector<HTMLButtonElement>('[data-testid="board-sort-bedBlocking.days"]')?.click();
    expect(clicked).toEqual(['bedBlocking.days']);
  });

  it("gives each variant its run's state and percent", () => {
    const items = [...variantList(room.variants).querySelectorAll<HTMLElement>('[data-testid=variant]')];
    expect(items.map((i) => [i.dataset.variantId, i.dataset.state, i.dataset.percent])).toEqual([
      ['v1', 'completed', '100'],
      ['v2', 'running', '40'],
    ]);
  });

  it('offers merge, accept and decline to the facilitator on open proposals only, never to participants', () => {
    const handlers = {
      mergeTarget: () => '',
      setMergeTarget: () => undefined,
      accept: () => undefined,
      decline: () => undefined,
      merge: () => undefined,
      errors: new Map<string, string>(),
    };
    const facilitator = proposalList(room, 'facilitator', handlers, names);
    const open = facilitator.querySelector('[data-proposal-id=a]');
    expect(open?.getAttribute('data-state')).toBe('proposed');
    expect(open?.querySelector('[data-testid=proposal-accept]')).not.toBeNull();
    expect(
      [...(open?.querySelectorAll('[data-testid=proposal-merge-into] option') ?? [])].map((o) =>
        o.getAttribute('value'),
      ),
    ).toEqual(['b']);
    expect(facilitator.querySelector('[data-proposal-id=c] [data-testid=proposal-decline]')).toBeNull();
    expect(facilitator.querySelector('[data-proposal-id=a]')?.textContent).toContain('仙台');
    const participant = proposalList(room, 'participant', handlers, names);
    expect(participant.querySelectorAll('[data-testid=proposal]')).toHaveLength(3);
    expect(participant.querySelector('[data-testid=proposal-accept]')).toBeNull();
  });

  it('lets a participant rank only completed variants, and shows the tally with points', () => {
    const element = votePanel(room, 'participant', {
      picks: [],
      pick: () => undefined,
      submit: () => undefined,
      message: null,
    });
    const options = [...element.querySelectorAll('[data-testid=vote-rank-1] option')].map((o) =>
      o.getAttribute('value'),
    );
    expect(options).toEqual(['', 'v1']);
    expect(element.querySelector('[data-testid=vote-rank-3]')).not.toBeNull();
    const tally = element.querySelector('[data-testid=vote-tally] [data-testid=vote-row]');
    expect(tally?.getAttribute('data-variant-id')).toBe('v2');
    expect(tally?.getAttribute('data-points')).toBe('3');
    const facilitator = votePanel(room, 'facilitator', {
      picks: [],
      pick: () => undefined,
      submit: () => undefined,
      message: null,
    });
    expect(facilitator.querySelector('[data-testid=vote-submit]')).toBeNull();
  });
});
