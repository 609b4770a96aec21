import { describe, expect, it } from 'vitest';
import type {
  Board,
  BoardRow,
  KpiDifference,
  Proposal,
  Variant,
  Workshop,
  WorkshopEvent,
  WorkshopEventBody,
  WorkshopSnapshot,
  WorkshopView,
} from '@caretwin/contracts';
import { href, parseRoute, type Route } from '../router';
import { boardCell, nextSort, rankingOf, sortBoardRows, UNSORTED } from './board';
import { broadcasts, follow, initialFollow, restoreFollow, savedFollow } from './follow';
import { defaultInput, leverChoices, leverOfDraft, newLeverDraft, policyOf, regionFacts } from './levers';
import {
  applyWorkshopEvent,
  roomFromSnapshot,
  roomRuns,
  runCompleted,
  takeSnapshot,
  withVote,
} from './room-state';

const view = (
  chart: WorkshopView['chart'],
  runId: string | null = null,
  area: string | null = null,
): WorkshopView => ({
  runId,
  chart,
  area,
});

const workshop: Workshop = {
  id: 'w1',
  title: 'Beds in Sendai',
  question: 'Where should acute beds go?',
  state: 'open',
  joinCode: 'K7PQ2M',
  joinUrl: 'http://localhost/#/join/K7PQ2M',
  baseline: { runId: 'base', scenarioId: 'miyagi-2025-baseline' },
  levers: [{ kind: 'convertBeds', area: 'sendai', maxBeds: 300 }],
  seed: 1,
  replications: 10,
  horizonDays: 365,
  createdAt: '2026-12-02T20:00:00Z',
  closedAt: null,
  facilitator: 'open',
};

const board: Board = {
  workshopId: 'w1',
  baseline: { runId: 'base', scenarioId: 'miyagi-2025-baseline', state: 'completed' },
  kpis: [{ key: 'bedBlocking.days', label: { ja: '転院待ち', en: 'bed-blocking days' }, unit: 'days' }],
  rows: [],
  vote: { voters: 0, rows: [] },
};

const snapshot = (seq: number, patch: Partial<WorkshopSnapshot> = {}): WorkshopSnapshot => ({
  workshop,
  seq,
  participants: [],
  proposals: [],
  variants: [],
  view: view('board'),
  board,
  myVote: null,
  ...patch,
});

const event = (seq: number, prev: number, body: WorkshopEventBody): WorkshopEvent => ({
  ...body,
  workshopId: 'w1',
  seq,
  prev,
  at: 0,
});

const proposal = (id: string, state: Proposal['state'] = 'proposed'): Proposal => ({
  id,
  workshopId: 'w1',
  title: `Proposal ${id}`,
  rationale: 'fewer patients waiting',
  policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 }],
  author: { id: 'p1', name: 'Sato', role: 'participant' },
  state,
  mergedFrom: [],
  mergedInto: null,
  variantId: null,
  createdAt: '2026-12-02T20:05:00Z',
});

const variant = (id: string, percent: number, state: Variant['state'] = 'running'): Variant => ({
  id,
  proposalId: `p-${id}`,
  title: `Variant ${id}`,
  runId: `run-${id}`,
  state,
  percent,
});

const difference = (a: number, b: number, lo: number, hi: number): KpiDifference => ({
  a,
  b,
  difference: b - a,
  halfWidth: (hi - lo) / 2,
  lo,
  hi,
  significant: lo > 0 || hi < 0,
});

const row = (variantId: string, diff: KpiDifference | null, points = 0): BoardRow => ({
  variantId,
  title: variantId,
  runId: `run-${variantId}`,
  state: diff ? 'completed' : 'running',
  comparison: diff
    ? {
        paired: true,
        method: 'paired',
        note: '',
        a: { scenarioId: 'a', seed: 1, replications: 10 },
        b: { scenarioId: 'b', seed: 1, replications: 10 },
        kpis: { 'bedBlocking.days': diff },
      }
    : null,
  significant: diff?.significant ? ['bedBlocking.days'] : [],
  sentence: diff ? { ja: '転院待ちは減', en: 'fewer bed-blocking days' } : null,
  points,
});

describe('follow mode', () => {
  it("moves a following participant's screen with the facilitator's view", () => {
    let state = initialFollow('participant', view('board'));
    state = follow(state, { type: 'facilitator', view: view('map', 'base', 'sendai') });
    expect(state.following).toBe(true);
    expect(state.shown).toEqual(view('map', 'base', 'sendai'));
  });

  it('stops following when the participant picks a tab, and keeps their own view while the facilitator moves on', () => {
    let state = initialFollow('participant', view('board'));
    state = follow(state, { type: 'local', change: { chart: 'kpis' } });
    expect(state.following).toBe(false);
    state = follow(state, { type: 'facilitator', view: view('occupancy', 'run-v1') });
    expect(state.shown).toEqual(view('kpis'));
    expect(state.facilitator).toEqual(view('occupancy', 'run-v1'));
  });

  it("jumps back to the facilitator's current view on one click", () => {
    let state = initialFollow('participant', view('board'));
    state = follow(state, { type: 'local', change: { area: 'sendai' } });
    state = follow(state, { type: 'facilitator', view: view('vote') });
    state = follow(state, { type: 'follow' });
    expect(state).toMatchObject({ following: true, shown: view('vote') });
  });

  it('keeps following when a participant picks what is already shown', () => {
    const state = initialFollow('participant', view('board'));
    expect(follow(state, { type: 'local', change: { chart: 'board' } }).following).toBe(true);
  });

  it("makes the facilitator's own change the view everyone follows, and only theirs is sent", () => {
    const before = initialFollow('facilitator', view('board'));
    const after = follow(before, { type: 'local', change: { chart: 'map', area: 'sendai' } });
    expect(after.following).toBe(true);
    expect(after.facilitator).toEqual(view('map', null, 'sendai'));
    expect(broadcasts(before, after)).toBe(true);
    const participant = initialFollow('participant', view('board'));
    expect(broadcasts(participant, follow(participant, { type: 'local', change: { chart: 'map' } }))).toBe(
      false,
    );
  });

  it('lands a participant who reloads while exploring where they were, still exploring', () => {
    let before = initialFollow('participant', view('board'));
    before = follow(before, { type: 'local', change: { chart: 'kpis', runId: 'run-v1' } });
    const saved = JSON.parse(JSON.stringify(savedFollow(before))) as unknown;
    const after = restoreFollow(initialFollow('participant', view('vote')), saved);
    expect(after).toMatchObject({
      following: false,
      shown: view('kpis', 'run-v1'),
      facilitator: view('vote'),
    });
    // one click still follows the facilitator's view of the moment
    expect(follow(after, { type: 'follow' }).shown).toEqual(view('vote'));
  });

  it('follows the facilitator after a reload when the participant was following, or kept nothing readable', () => {
    const fresh = initialFollow('participant', view('vote'));
    expect(restoreFollow(fresh, savedFollow(initialFollow('participant', view('board'))))).toBe(fresh);
    expect(
      restoreFollow(fresh, { following: false, shown: { chart: 'nonsense', runId: null, area: null } }),
    ).toBe(fresh);
    expect(restoreFollow(fresh, 'garbage')).toBe(fresh);
    expect(savedFollow(initialFollow('facilitator', view('board')))).toBeNull();
  });
});

describe('room state from the workshop channel', () => {
  it('applies events in order and drops one it already holds (seq not newer)', () => {
    let state = roomFromSnapshot(snapshot(4));
    const created = applyWorkshopEvent(
      state,
      event(5, 4, { type: 'proposal.created', proposal: proposal('a') }),
    );
    expect(created.outcome).toBe('applied');
    state = created.state;
    expect(state.seq).toBe(5);
    expect(state.proposals.map((p) => p.id)).toEqual(['a']);
    const again = applyWorkshopEvent(
      state,
      event(5, 4, { type: 'proposal.created', proposal: proposal('b') }),
    );
    expect(again.outcome).toBe('stale');
    expect(again.state.proposals).toHaveLength(1);
  });

  it('reports a gap when an event follows a seq it does not hold, and changes nothing', () => {
    const state = roomFromSnapshot(snapshot(4));
    const gap = applyWorkshopEvent(state, event(7, 6, { type: 'view.changed', view: view('map') }));
    expect(gap.outcome).toBe('gap');
    expect(gap.state.view).toEqual(view('board'));
    expect(gap.state.seq).toBe(4);
  });

  it('replaces a proposal by id when it is updated (merged, accepted)', () => {
    let state = roomFromSnapshot(snapshot(1, { proposals: [proposal('a'), proposal('b')] }));
    state = applyWorkshopEvent(
      state,
      event(2, 1, { type: 'proposal.updated', proposal: proposal('a', 'accepted') }),
    ).state;
    expect(state.proposals.map((p) => [p.id, p.state])).toEqual([
      ['a', 'accepted'],
      ['b', 'proposed'],
    ]);
  });

  it("moves a variant's percent and its board row's state as the run fills in", () => {
    let state = roomFromSnapshot(snapshot(1, { board: { ...board, rows: [row('v1', null)] } }));
    state = applyWorkshopEvent(
      state,
      event(2, 1, { type: 'variant.progress', variant: variant('v1', 40) }),
    ).state;
    expect(state.variants).toEqual([variant('v1', 40)]);
    state = applyWorkshopEvent(
      state,
      event(3, 2, { type: 'variant.progress', variant: variant('v1', 100, 'completed') }),
    ).state;
    expect(state.variants[0].percent).toBe(100);
    expect(state.board.rows[0].state).toBe('completed');
    expect(roomRuns(state).map((r) => r.runId)).toEqual(['base', 'run-v1']);
    expect(runCompleted(state, 'run-v1')).toBe(true);
    expect(runCompleted(state, 'base')).toBe(true);
  });

  it("puts a vote's points on the board's rows", () => {
    const withRows = { ...board, rows: [row('v1', null), row('v2', null)] };
    const voted = withVote(withRows, { voters: 2, rows: [{ variantId: 'v2', points: 5, firstPlaces: 1 }] });
    expect(voted.rows.map((r) => r.points)).toEqual([0, 5]);
    expect(voted.vote.voters).toBe(2);
  });

  it('ignores events of another workshop and a snapshot older than what it holds', () => {
    const state = roomFromSnapshot(snapshot(3));
    const other = { ...event(4, 3, { type: 'view.changed', view: view('map') }), workshopId: 'w2' };
    expect(applyWorkshopEvent(state, other).outcome).toBe('stale');
    expect(takeSnapshot(state, snapshot(2))).toBeNull();
    expect(takeSnapshot(state, snapshot(9))?.seq).toBe(9);
  });
});

describe('the board', () => {
  const rows = [
    row('small', difference(100, 90, -15, -5), 1),
    row('running', null, 0),
    row('large', difference(100, 60, -45, -35), 6),
    row('none', difference(100, 101, -4, 6), 2),
  ];

  it('sorts by a KPI, most reduced first, then flips; runs without a result stay last', () => {
    const asc = nextSort(UNSORTED, 'bedBlocking.days');
    expect(sortBoardRows(rows, asc).map((r) => r.variantId)).toEqual(['large', 'small', 'none', 'running']);
    const desc = nextSort(asc, 'bedBlocking.days');
    expect(desc.dir).toBe('desc');
    expect(sortBoardRows(rows, desc).map((r) => r.variantId)).toEqual(['none', 'small', 'large', 'running']);
  });

  it('sorts by vote points, most first, and keeps the order of acceptance unsorted', () => {
    expect(sortBoardRows(rows, nextSort(UNSORTED, 'points')).map((r) => r.variantId)).toEqual([
      'large',
      'none',
      'small',
      'running',
    ]);
    expect(sortBoardRows(rows, UNSORTED)).toEqual(rows);
  });

  it('shows the change relative to the baseline with its CI', () => {
    const cell = boardCell(difference(100, 62, -45, -30), 'days', 'en', 'bedBlocking.days');
    expect(cell.change).toBe('−38.0%');
    expect(cell.ci).toBe('95% CI −45.0% to −30.0%');
    expect(cell.absolute).toBe('−38.0 days');
    expect(boardCell(difference(100, 101, -4, 6), 'days', 'ja').ci).toBe('95%CI −4.0%〜+6.0%');
  });

  it('writes a change that rounds to zero as ±0.0%, never −0.0%', () => {
    expect(boardCell(difference(1000, 999.9, -0.5, 0.3), 'days', 'en').change).toBe('±0.0%');
  });

  it('gives the difference in its unit when the baseline is 0 (no relative scale)', () => {
    expect(boardCell(difference(0, 3, 1, 5), 'cases', 'en').change).toBe('+3.00 cases');
  });

  it('takes a vote of up to three distinct completed variants, in the order picked', () => {
    expect(rankingOf(['v2', '', 'v2', 'v1', 'v3', 'v4'], ['v1', 'v2', 'v3', 'v4'])).toEqual([
      'v2',
      'v1',
      'v3',
    ]);
    expect(rankingOf(['running', 'v1'], ['v1'])).toEqual(['v1']);
  });
});

describe('levers as forms', () => {
  const facts = regionFacts({
    areas: [{ id: 'sendai' }, { id: 'osaki' }],
    hospitals: [{ id: 'h1' }, { id: 'h2' }],
    ambulanceBases: [
      { area: 'sendai', vehicles: 20 },
      { area: 'sendai', vehicles: 5 },
      { area: 'osaki', vehicles: 8 },
    ],
  });

  it('sums the baseline ambulances by area', () => {
    expect(facts.ambulancesByArea).toEqual({ sendai: 25, osaki: 8 });
  });

  it("makes a convertBeds policy in the lever's area, from acute to recovery by default", () => {
    const lever = { kind: 'convertBeds' as const, area: 'sendai', maxBeds: 300 };
    const input = { ...defaultInput(leverChoices(lever, facts)), count: 350 };
    expect(policyOf(lever, input, facts)).toEqual({
      kind: 'convertBeds',
      area: 'sendai',
      from: 'acute',
      to: 'recovery',
      count: 350,
    });
  });

  it('offers only the functions a lever allows', () => {
    const choices = leverChoices(
      { kind: 'convertBeds', area: 'sendai', maxBeds: 10, from: ['chronic'], to: ['recovery'] },
      facts,
    );
    expect(choices.from).toEqual(['chronic']);
    expect(defaultInput(choices)).toMatchObject({ from: 'chronic', to: 'recovery', count: 10 });
  });

  it("turns an ambulance change into the area's vehicles (baseline + change)", () => {
    const lever = { kind: 'ambulances' as const, maxChange: 10 };
    expect(leverChoices(lever, facts).areas).toEqual(['sendai', 'osaki']);
    expect(policyOf(lever, { area: 'osaki', from: '', to: '', hospital: '', count: -3 }, facts)).toEqual({
      kind: 'setAmbulances',
      area: 'osaki',
      vehicles: 5,
    });
  });

  it('makes the other levers’ policies from the count or the hospital', () => {
    const input = { area: '', from: '', to: '', hospital: 'h2', count: 0.9 };
    expect(policyOf({ kind: 'closeHospital', hospitals: ['h2'] }, input, facts)).toEqual({
      kind: 'closeHospital',
      hospital: 'h2',
    });
    expect(policyOf({ kind: 'lengthOfStay', min: 0.8, max: 1 }, input, facts)).toEqual({
      kind: 'lengthOfStay',
      multiplier: 0.9,
    });
    expect(policyOf({ kind: 'eligibility', maxFailureRate: 0.1 }, input, facts)).toEqual({
      kind: 'eligibility',
      failureRate: 0.9,
    });
  });

  it("builds the create form's lever bounds, leaving out 'any' choices", () => {
    const beds = { ...newLeverDraft('convertBeds', facts), from: '', to: 'recovery', maxBeds: 300 };
    expect(leverOfDraft(beds)).toEqual({
      kind: 'convertBeds',
      area: 'sendai',
      maxBeds: 300,
      to: ['recovery'],
    });
    expect(leverOfDraft({ ...newLeverDraft('ambulances', facts), maxChange: 10 })).toEqual({
      kind: 'ambulances',
      maxChange: 10,
    });
  });
});

describe('workshop routes', () => {
  it('reads the workshop views from their hashes', () => {
    expect(parseRoute('#/workshops')).toEqual({ name: 'workshops' });
    expect(parseRoute('#/workshops/w1')).toEqual({ name: 'workshop', id: 'w1' });
    expect(parseRoute('#/workshops/w1/projector')).toEqual({ name: 'workshopProjector', id: 'w1' });
    expect(parseRoute('#/workshops/w1/handout?lang=en')).toEqual({
      name: 'workshopHandout',
      id: 'w1',
      lang: 'en',
    });
    expect(parseRoute('#/workshops/w1/handout')).toEqual({ name: 'workshopHandout', id: 'w1' });
    expect(parseRoute('#/join/K7PQ2M')).toEqual({ name: 'workshopJoin', code: 'K7PQ2M' });
    expect(parseRoute('#/workshops/w1/other')).toEqual({ name: 'notFound', path: 'workshops/w1/other' });
    expect(parseRoute('#/join')).toEqual({ name: 'notFound', path: 'join' });
  });

  it('writes links that read back as the same route', () => {
    const routes: Route[] = [
      { name: 'workshops' },
      { name: 'workshop', id: 'w 1' },
      { name: 'workshopProjector', id: 'w1' },
      { name: 'workshopHandout', id: 'w1', lang: 'ja' },
      { name: 'workshopJoin', code: 'K7PQ2M' },
    ];
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  });
});
