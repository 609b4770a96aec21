// Workshops on a real SQLite database (in memory): the seq bumped with each change (and not on a
// failed one), participant tokens known only by their hash and refused once unknown, one
// announcement per variant change, and an import stored whole or not at all.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  NO_CHANGE,
  PARTICIPANT_TOKEN_PREFIX,
  WorkshopsRepository,
  hashToken,
  migrate,
  type Db,
  type ImportedRun,
  type NewWorkshop,
  type ProposalRecord,
  type VariantRecord,
} from './index';

const AT = '2026-12-02T09:00:00.000Z';

const workshop = (over: Partial<NewWorkshop> = {}): NewWorkshop => ({
  id: 'ws-1',
  title: 'Sendai beds',
  question: 'Should Sendai convert acute beds to recovery?',
  joinCode: 'ABC234',
  baselineRunId: 'run-base',
  scenarioId: 'miyagi-2025-baseline',
  levers: [{ kind: 'convertBeds', area: 'sendai', maxBeds: 300 }],
  seed: 7,
  replications: 2,
  horizonDays: 5,
  facilitator: 'planner',
  view: { runId: null, chart: 'board', area: null },
  createdAt: AT,
  ...over,
});

const proposal = (over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id: 'p-1',
  workshopId: 'ws-1',
  title: 'Convert 50',
  rationale: 'recovery beds are short',
  policies: [{ kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 50 }],
  author: { id: 'ptc_1', name: 'Sato', role: 'participant' },
  state: 'proposed',
  mergedInto: null,
  variantId: null,
  createdAt: AT,
  ...over,
});

const run = (id: string): ImportedRun => ({
  id,
  state: 'completed',
  error: null,
  scenarioId: 'miyagi-2025-baseline',
  regionId: 'miyagi',
  request: '{}',
  input: '{"scenario":{}}',
  inputKey: 'k',
  plan: '{"mode":"fixed","replications":1}',
  seed: 7,
  replicationsPlanned: 1,
  replicationsMax: 1,
  createdAt: AT,
  startedAt: AT,
  finishedAt: AT,
  replications: [{ replication: 0, result: '{"replication":0}', execution: '{}' }],
  aggregate: '{"replications":1}',
  execution: '{}',
});

describe('the workshop repository', () => {
  let db: Db;
  let workshops: WorkshopsRepository;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    workshops = new WorkshopsRepository(db);
  });
  afterEach(() => db.close());

  it('numbers each change of a workshop with the next seq, and a failed change takes none', () => {
    workshops.insert(workshop());
    expect(workshops.change('ws-1', () => workshops.insertProposal(proposal())).seq).toBe(1);
    expect(() =>
      workshops.change('ws-1', () => {
        workshops.insertProposal(proposal({ id: 'p-2' }));
        throw new Error('refused after the write');
      }),
    ).toThrow('refused after the write');
    expect(workshops.proposals('ws-1').map((p) => p.id)).toEqual(['p-1']);
    expect(workshops.change('ws-1', () => workshops.setView('ws-1', { chart: 'map' })).seq).toBe(2);
    expect(workshops.get('ws-1')).toMatchObject({ seq: 2, view: { chart: 'map' } });
    expect(workshops.changeIf('ws-1', () => NO_CHANGE)).toBeNull();
    expect(workshops.changeIf('ws-1', () => 'moved')).toEqual({ value: 'moved', seq: 3 });
  });

  it('keeps only the hash of a participant token and answers who it is while it is known', () => {
    workshops.insert(workshop());
    const { participant, secret } = workshops.addParticipant('ws-1', 'Sato', AT);
    expect(secret.startsWith(PARTICIPANT_TOKEN_PREFIX)).toBe(true);
    const stored = db.prepare('SELECT token_hash FROM workshop_participants').pluck().get();
    expect(stored).toBe(hashToken(secret));
    expect(workshops.checkParticipant(secret)).toEqual({ ok: true, participant, workshopState: 'open' });
    expect(workshops.close('ws-1', AT)).toBe(true);
    expect(workshops.close('ws-1', AT)).toBe(false);
    expect(workshops.checkParticipant(secret)).toMatchObject({ ok: true, workshopState: 'closed' });
    expect(workshops.checkParticipant(`${secret}x`)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses a second workshop with a join code in use', () => {
    workshops.insert(workshop());
    expect(workshops.codeTaken('ABC234')).toBe(true);
    expect(() => workshops.insert(workshop({ id: 'ws-2' }))).toThrow(/UNIQUE/);
    expect(workshops.byCode('ABC234')?.id).toBe('ws-1');
  });

  it('announces a variant change once: the same state and percent again is not news', () => {
    importBaselineAndVariantRun();
    workshops.insert(workshop());
    workshops.insertProposal(proposal());
    const variant: VariantRecord = {
      id: 'v-1',
      workshopId: 'ws-1',
      proposalId: 'p-1',
      title: 'Convert 50',
      runId: 'run-v',
      state: 'queued',
      percent: 0,
      comparison: null,
      createdAt: AT,
    };
    workshops.insertVariant(variant);
    expect(workshops.pendingVariants().map((v) => [v.id, v.runState])).toEqual([['v-1', 'completed']]);
    expect(workshops.announce('v-1', 'completed', 100)).toBe(true);
    expect(workshops.announce('v-1', 'completed', 100)).toBe(false);
    // completed without a comparison: still pending, until one is stored (once)
    expect(workshops.pendingVariants()).toHaveLength(1);
    expect(workshops.setComparison('v-1', { kpis: {} })).toBe(true);
    expect(workshops.setComparison('v-1', { kpis: { x: 1 } })).toBe(false);
    expect(workshops.pendingVariants()).toEqual([]);
    expect(workshops.hasRun('ws-1', 'run-v')).toBe(true);
    expect(workshops.hasRun('ws-1', 'run-base')).toBe(true);
    expect(workshops.hasRun('ws-1', 'run-other')).toBe(false);
  });

  it('keeps one ranking per participant, the latest', () => {
    workshops.insert(workshop());
    workshops.setVote('ws-1', 'ptc_1', ['v-1'], AT);
    workshops.setVote('ws-1', 'ptc_1', ['v-2', 'v-1'], AT);
    expect(workshops.votes('ws-1')).toEqual([{ participantId: 'ptc_1', ranking: ['v-2', 'v-1'] }]);
  });

  it('imports a workshop with its runs as completed, or stores nothing when any part fails', () => {
    const data = {
      workshop: workshop({ id: 'ws-imp', state: 'closed' as const, closedAt: AT, seq: 12 }),
      participants: [{ id: 'ptc_1', workshopId: 'ws-imp', name: 'Sato', joinedAt: AT }],
      proposals: [proposal({ workshopId: 'ws-imp', state: 'accepted', variantId: 'v-1' })],
      variants: [
        {
          id: 'v-1',
          workshopId: 'ws-imp',
          proposalId: 'p-1',
          title: 'Convert 50',
          runId: 'run-v',
          state: 'completed',
          percent: 100,
          comparison: { kpis: {} },
          createdAt: AT,
        },
      ],
      votes: [{ participantId: 'ptc_1', ranking: ['v-1'] }],
      runs: [run('run-base'), run('run-v')],
    };
    // a duplicate proposal fails after the runs and the workshop were written: nothing is kept
    expect(() => workshops.import({ ...data, proposals: [...data.proposals, ...data.proposals] })).toThrow(
      /UNIQUE/,
    );
    expect(workshops.list()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);

    workshops.import(data);
    expect(workshops.get('ws-imp')).toMatchObject({ state: 'closed', seq: 12 });
    expect(workshops.variants('ws-imp')[0].comparison).toEqual({ kpis: {} });
    expect(workshops.votes('ws-imp')).toEqual([{ participantId: 'ptc_1', ranking: ['v-1'] }]);
    expect(db.prepare("SELECT state FROM runs WHERE id = 'run-v'").pluck().get()).toBe('completed');
    expect(db.prepare("SELECT COUNT(*) FROM run_states WHERE run_id = 'run-v'").pluck().get()).toBe(2);
    expect(db.prepare("SELECT COUNT(*) FROM replication_results WHERE run_id = 'run-v'").pluck().get()).toBe(
      1,
    );
    expect(workshops.pendingVariants()).toEqual([]);
  });

  function importBaselineAndVariantRun(): void {
    // runs stored through the import path (completed) so the variant has a run to point at
    const base = { ...workshop({ id: 'ws-runs', joinCode: 'ZZZ999' }) };
    workshops.import({
      workshop: base,
      participants: [],
      proposals: [],
      variants: [],
      votes: [],
      runs: [run('run-base'), run('run-v')],
    });
  }
});
