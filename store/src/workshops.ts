// Planning workshops (migration 7): the workshop, its participants (tokens kept as SHA-256),
// proposals, variants, votes and the per-workshop event seq. Written by the api's
// WorkshopsService; every change that is an event bumps the seq in the same transaction
// (`change`), so the seq a snapshot carries and the state it shows always agree. JSON columns
// hold the shapes of @caretwin/contracts workshop.ts, restated loosely here because the store
// imports no other workspace package.
import { randomBytes } from 'node:crypto';
import type { Db } from './database';
import { hashToken } from './tokens';

/** Participant token secrets start with this (a leaked one is recognisable, and told from `ct_`). */
export const PARTICIPANT_TOKEN_PREFIX = 'ctp_';

type Json = Record<string, unknown>;

export interface WorkshopRecord {
  id: string;
  title: string;
  question: string;
  state: 'open' | 'closed';
  joinCode: string;
  baselineRunId: string;
  scenarioId: string;
  levers: Json[];
  seed: number;
  replications: number;
  horizonDays: number;
  facilitator: string;
  /** the principal id that facilitates (with admins); null: any planner (older and imported workshops) */
  owner: string | null;
  view: Json;
  seq: number;
  createdAt: string;
  closedAt: string | null;
}

export type NewWorkshop = Omit<WorkshopRecord, 'seq' | 'state' | 'closedAt' | 'owner'> &
  Partial<Pick<WorkshopRecord, 'state' | 'closedAt' | 'seq' | 'owner'>>;

export interface ParticipantRecord {
  id: string;
  workshopId: string;
  name: string;
  joinedAt: string;
}

export interface ProposalRecord {
  id: string;
  workshopId: string;
  title: string;
  rationale: string;
  policies: Json[];
  author: { id: string; name: string; role: 'participant' | 'facilitator' };
  state: 'proposed' | 'merged' | 'accepted' | 'declined';
  mergedInto: string | null;
  variantId: string | null;
  createdAt: string;
}

export interface VariantRecord {
  id: string;
  workshopId: string;
  proposalId: string;
  title: string;
  runId: string;
  /** the run state last announced */
  state: string;
  percent: number;
  /** the paired comparison with the baseline (JSON), once both runs completed */
  comparison: Json | null;
  createdAt: string;
}

/** A variant with its run's state and percent as stored now (what the announcer compares against). */
export interface VariantWithRun extends VariantRecord {
  runState: string;
  runPercent: number;
}

export interface VoteRecord {
  participantId: string;
  ranking: string[];
}

/** What a participant token is: its participant and workshop state, or why it may not act. */
export type ParticipantCheck =
  | { ok: true; participant: ParticipantRecord; workshopState: 'open' | 'closed' }
  | { ok: false; reason: 'unknown' };

/**
 * A run copied whole from another deployment (its rows as the runs tables hold them): completed
 * with its replications and aggregate, or failed / cancelled without.
 */
export interface ImportedRun {
  id: string;
  state: 'completed' | 'failed' | 'cancelled';
  error: string | null;
  scenarioId: string;
  regionId: string;
  request: string;
  input: string;
  inputKey: string;
  plan: string;
  seed: number;
  replicationsPlanned: number;
  replicationsMax: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string;
  replications: Array<{ replication: number; result: string; execution: string }>;
  aggregate: string | null;
  execution: string | null;
}

export interface WorkshopImport {
  workshop: NewWorkshop;
  participants: ParticipantRecord[];
  proposals: ProposalRecord[];
  variants: VariantRecord[];
  votes: VoteRecord[];
  runs: ImportedRun[];
}

interface WorkshopRow {
  id: string;
  title: string;
  question: string;
  state: 'open' | 'closed';
  join_code: string;
  baseline_run_id: string;
  scenario_id: string;
  levers: string;
  seed: number;
  replications: number;
  horizon_days: number;
  facilitator: string;
  owner: string | null;
  view: string;
  seq: number;
  created_at: string;
  closed_at: string | null;
}

interface ParticipantRow {
  id: string;
  workshop_id: string;
  name: string;
  joined_at: string;
}

interface ProposalRow {
  id: string;
  workshop_id: string;
  title: string;
  rationale: string;
  policies: string;
  author: string;
  state: ProposalRecord['state'];
  merged_into: string | null;
  variant_id: string | null;
  created_at: string;
}

interface VariantRow {
  id: string;
  workshop_id: string;
  proposal_id: string;
  title: string;
  run_id: string;
  state: string;
  percent: number;
  comparison: string | null;
  created_at: string;
}

const toWorkshop = (r: WorkshopRow): WorkshopRecord => ({
  id: r.id,
  title: r.title,
  question: r.question,
  state: r.state,
  joinCode: r.join_code,
  baselineRunId: r.baseline_run_id,
  scenarioId: r.scenario_id,
  levers: JSON.parse(r.levers) as Json[],
  seed: r.seed,
  replications: r.replications,
  horizonDays: r.horizon_days,
  facilitator: r.facilitator,
  owner: r.owner,
  view: JSON.parse(r.view) as Json,
  seq: r.seq,
  createdAt: r.created_at,
  closedAt: r.closed_at,
});

const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  name: r.name,
  joinedAt: r.joined_at,
});

const toProposal = (r: ProposalRow): ProposalRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  title: r.title,
  rationale: r.rationale,
  policies: JSON.parse(r.policies) as Json[],
  author: JSON.parse(r.author) as ProposalRecord['author'],
  state: r.state,
  mergedInto: r.merged_into,
  variantId: r.variant_id,
  createdAt: r.created_at,
});

const toVariant = (r: VariantRow): VariantRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  proposalId: r.proposal_id,
  title: r.title,
  runId: r.run_id,
  state: r.state,
  percent: r.percent,
  comparison: r.comparison === null ? null : (JSON.parse(r.comparison) as Json),
  createdAt: r.created_at,
});

const workshopParams = (w: NewWorkshop) => ({
  id: w.id,
  title: w.title,
  question: w.question,
  state: w.state ?? 'open',
  join_code: w.joinCode,
  baseline_run_id: w.baselineRunId,
  scenario_id: w.scenarioId,
  levers: JSON.stringify(w.levers),
  seed: w.seed,
  replications: w.replications,
  horizon_days: w.horizonDays,
  facilitator: w.facilitator,
  owner: w.owner ?? null,
  view: JSON.stringify(w.view),
  seq: w.seq ?? 0,
  created_at: w.createdAt,
  closed_at: w.closedAt ?? null,
});

const proposalParams = (p: ProposalRecord) => ({
  id: p.id,
  workshop_id: p.workshopId,
  title: p.title,
  rationale: p.rationale,
  policies: JSON.stringify(p.policies),
  author: JSON.stringify(p.author),
  state: p.state,
  merged_into: p.mergedInto,
  variant_id: p.variantId,
  created_at: p.createdAt,
});

const variantParams = (v: VariantRecord) => ({
  id: v.id,
  workshop_id: v.workshopId,
  proposal_id: v.proposalId,
  title: v.title,
  run_id: v.runId,
  state: v.state,
  percent: v.percent,
  comparison: v.comparison === null ? null : JSON.stringify(v.comparison),
  created_at: v.createdAt,
});

const FINISHED = "('completed', 'failed', 'cancelled')";

/** What a `changeIf` apply answers when there was nothing to change (no seq is taken). */
export const NO_CHANGE: unique symbol = Symbol('no change');

export class WorkshopsRepository {
  private readonly s;
  private readonly inChange: <T>(workshopId: string, apply: () => T) => { value: T; seq: number } | null;
  private readonly importAll: (data: WorkshopImport) => void;

  constructor(db: Db) {
    this.s = {
      insertWorkshop: db.prepare<[ReturnType<typeof workshopParams>]>(
        `INSERT INTO workshops (id, title, question, state, join_code, baseline_run_id, scenario_id, levers,
           seed, replications, horizon_days, facilitator, owner, view, seq, created_at, closed_at)
         VALUES (@id, @title, @question, @state, @join_code, @baseline_run_id, @scenario_id, @levers,
           @seed, @replications, @horizon_days, @facilitator, @owner, @view, @seq, @created_at, @closed_at)`,
      ),
      workshop: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
      byCode: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE join_code = ?'),
      codeTaken: db.prepare<[string], number>('SELECT 1 FROM workshops WHERE join_code = ?').pluck(),
      all: db.prepare<[], WorkshopRow>('SELECT * FROM workshops ORDER BY created_at DESC, id DESC'),
      bump: db
        .prepare<[string], number>('UPDATE workshops SET seq = seq + 1 WHERE id = ? RETURNING seq')
        .pluck(),
      setView: db.prepare<[string, string]>('UPDATE workshops SET view = ? WHERE id = ?'),
      close: db.prepare<[string, string]>(
        "UPDATE workshops SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'",
      ),
      insertParticipant: db.prepare<[ParticipantRow & { token_hash: string | null }]>(
        `INSERT INTO workshop_participants (id, workshop_id, name, token_hash, joined_at)
         VALUES (@id, @workshop_id, @name, @token_hash, @joined_at)`,
      ),
      participants: db.prepare<[string], ParticipantRow>(
        'SELECT id, workshop_id, name, joined_at FROM workshop_participants WHERE workshop_id = ? ORDER BY joined_at, id',
      ),
      participantByHash: db.prepare<[string], ParticipantRow & { workshop_state: 'open' | 'closed' }>(
        `SELECT p.id, p.workshop_id, p.name, p.joined_at, w.state AS workshop_state
         FROM workshop_participants p JOIN workshops w ON w.id = p.workshop_id WHERE p.token_hash = ?`,
      ),
      insertProposal: db.prepare<[ReturnType<typeof proposalParams>]>(
        `INSERT INTO workshop_proposals (id, workshop_id, title, rationale, policies, author, state, merged_into, variant_id, created_at)
         VALUES (@id, @workshop_id, @title, @rationale, @policies, @author, @state, @merged_into, @variant_id, @created_at)`,
      ),
      proposals: db.prepare<[string], ProposalRow>(
        'SELECT * FROM workshop_proposals WHERE workshop_id = ? ORDER BY created_at, id',
      ),
      proposal: db.prepare<[string, string], ProposalRow>(
        'SELECT * FROM workshop_proposals WHERE workshop_id = ? AND id = ?',
      ),
      updateProposal: db.prepare<
        [{ id: string; state: string; merged_into: string | null; variant_id: string | null }]
      >(
        'UPDATE workshop_proposals SET state = @state, merged_into = @merged_into, variant_id = @variant_id WHERE id = @id',
      ),
      repointMerged: db.prepare<[string, string]>(
        "UPDATE workshop_proposals SET merged_into = ? WHERE merged_into = ? AND state = 'merged'",
      ),
      insertVariant: db.prepare<[ReturnType<typeof variantParams>]>(
        `INSERT INTO workshop_variants (id, workshop_id, proposal_id, title, run_id, state, percent, comparison, created_at)
         VALUES (@id, @workshop_id, @proposal_id, @title, @run_id, @state, @percent, @comparison, @created_at)`,
      ),
      variants: db.prepare<[string], VariantRow>(
        'SELECT * FROM workshop_variants WHERE workshop_id = ? ORDER BY created_at, id',
      ),
      variant: db.prepare<[string], VariantRow>('SELECT * FROM workshop_variants WHERE id = ?'),
      variantsWithRuns: db.prepare<[], VariantRow & { run_state: string; run_percent: number }>(
        `SELECT v.*, r.state AS run_state, r.progress_percent AS run_percent
         FROM workshop_variants v JOIN runs r ON r.id = v.run_id
         WHERE v.state NOT IN ${FINISHED} OR r.state NOT IN ${FINISHED}
           OR (r.state = 'completed' AND v.comparison IS NULL)`,
      ),
      announce: db.prepare<[{ id: string; state: string; percent: number }]>(
        'UPDATE workshop_variants SET state = @state, percent = @percent WHERE id = @id AND (state <> @state OR percent <> @percent)',
      ),
      setComparison: db.prepare<[string, string]>(
        'UPDATE workshop_variants SET comparison = ? WHERE id = ? AND comparison IS NULL',
      ),
      workshopsWithBaseline: db
        .prepare<[string], string>('SELECT id FROM workshops WHERE baseline_run_id = ?')
        .pluck(),
      workshopOfRun: db.prepare<[{ w: string; r: string }], number>(
        `SELECT 1 FROM workshops WHERE id = @w AND baseline_run_id = @r
         UNION SELECT 1 FROM workshop_variants WHERE workshop_id = @w AND run_id = @r`,
      ),
      setVote: db.prepare<[{ workshop_id: string; participant_id: string; ranking: string; at: string }]>(
        `INSERT INTO workshop_votes (workshop_id, participant_id, ranking, at) VALUES (@workshop_id, @participant_id, @ranking, @at)
         ON CONFLICT (workshop_id, participant_id) DO UPDATE SET ranking = excluded.ranking, at = excluded.at`,
      ),
      votes: db.prepare<[string], { participant_id: string; ranking: string }>(
        'SELECT participant_id, ranking FROM workshop_votes WHERE workshop_id = ? ORDER BY at, participant_id',
      ),
      // the runs tables (migration 1): an imported run, stored completed with its result
      insertRun: db.prepare<[Record<string, unknown>]>(
        `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned,
           replications_max, replications_done, progress_percent, error, created_at, started_at, finished_at, updated_at, queue_synced, owner)
         VALUES (@id, @scenarioId, @regionId, @state, @request, @input, @inputKey, @plan, @seed, @replicationsPlanned,
           @replicationsMax, @replicationsDone, @percent, @error, @createdAt, @startedAt, @finishedAt, @finishedAt, 1, @owner)`,
      ),
      insertRunState: db.prepare<[string, number, string, string, string | null]>(
        'INSERT INTO run_states (run_id, seq, state, at, reason) VALUES (?, ?, ?, ?, ?)',
      ),
      insertReplication: db.prepare<[string, number, string, string]>(
        'INSERT INTO replication_results (run_id, replication, result, execution) VALUES (?, ?, ?, ?)',
      ),
      insertResult: db.prepare<[string, string, string]>(
        'INSERT INTO run_results (run_id, aggregate, execution) VALUES (?, ?, ?)',
      ),
    };

    const change = db.transaction((workshopId: string, apply: () => unknown) => {
      const value = apply();
      if (value === NO_CHANGE) return null;
      const seq = this.s.bump.get(workshopId);
      if (seq === undefined) throw new Error(`workshop "${workshopId}" does not exist`);
      return { value, seq };
    });
    this.inChange = change as unknown as <T>(
      workshopId: string,
      apply: () => T,
    ) => { value: T; seq: number } | null;

    this.importAll = db.transaction((data: WorkshopImport) => {
      for (const run of data.runs) {
        const { replications, aggregate, execution, ...row } = run;
        this.s.insertRun.run({
          ...row,
          replicationsDone: replications.length,
          percent: run.state === 'completed' ? 100 : 0,
          owner: `import:${data.workshop.id}`,
        });
        this.s.insertRunState.run(run.id, 1, 'queued', run.createdAt, 'imported');
        this.s.insertRunState.run(run.id, 2, run.state, run.finishedAt, run.error ?? 'imported');
        for (const r of replications)
          this.s.insertReplication.run(run.id, r.replication, r.result, r.execution);
        if (aggregate !== null && execution !== null) this.s.insertResult.run(run.id, aggregate, execution);
      }
      this.s.insertWorkshop.run(workshopParams(data.workshop));
      for (const p of data.participants)
        this.s.insertParticipant.run({
          id: p.id,
          workshop_id: data.workshop.id,
          name: p.name,
          joined_at: p.joinedAt,
          token_hash: null,
        });
      for (const p of data.proposals) this.s.insertProposal.run(proposalParams(p));
      for (const v of data.variants) this.s.insertVariant.run(variantParams(v));
      for (const v of data.votes)
        this.s.setVote.run({
          workshop_id: data.workshop.id,
          participant_id: v.participantId,
          ranking: JSON.stringify(v.ranking),
          at: data.workshop.closedAt ?? data.workshop.createdAt,
        });
    });
  }

  /**
   * One change of a workshop and its next seq, in one transaction: `apply` runs the writes
   * (statements of this repository) and its value is returned with the seq the event carries.
   */
  change<T>(workshopId: string, apply: () => T): { value: T; seq: number } {
    const done = this.inChange(workshopId, apply);
    if (done === null) throw new Error('a change answered NO_CHANGE; use changeIf');
    return done;
  }

  /** As `change`, but `apply` may answer NO_CHANGE: then no seq is taken (nothing happened). */
  changeIf<T>(workshopId: string, apply: () => T | typeof NO_CHANGE): { value: T; seq: number } | null {
    return this.inChange(workshopId, apply) as { value: T; seq: number } | null;
  }

  insert(workshop: NewWorkshop): void {
    this.s.insertWorkshop.run(workshopParams(workshop));
  }

  get(id: string): WorkshopRecord | undefined {
    const row = this.s.workshop.get(id);
    return row && toWorkshop(row);
  }

  byCode(code: string): WorkshopRecord | undefined {
    const row = this.s.byCode.get(code);
    return row && toWorkshop(row);
  }

  codeTaken(code: string): boolean {
    return this.s.codeTaken.get(code) !== undefined;
  }

  list(): WorkshopRecord[] {
    return this.s.all.all().map(toWorkshop);
  }

  /** Workshops whose baseline is this run. */
  withBaseline(runId: string): string[] {
    return this.s.workshopsWithBaseline.all(runId);
  }

  /** Whether the run is the workshop's baseline or one of its variants' runs. */
  hasRun(workshopId: string, runId: string): boolean {
    return this.s.workshopOfRun.get({ w: workshopId, r: runId }) !== undefined;
  }

  setView(id: string, view: Json): void {
    this.s.setView.run(JSON.stringify(view), id);
  }

  /** Closes an open workshop; false when it was closed already. */
  close(id: string, at: string): boolean {
    return this.s.close.run(at, id).changes > 0;
  }

  /** A new participant and its token secret (shown once; only its hash is kept). */
  addParticipant(
    workshopId: string,
    name: string,
    at: string,
  ): { participant: ParticipantRecord; secret: string } {
    const secret = PARTICIPANT_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const participant: ParticipantRecord = {
      id: `ptc_${randomBytes(6).toString('hex')}`,
      workshopId,
      name,
      joinedAt: at,
    };
    this.s.insertParticipant.run({
      id: participant.id,
      workshop_id: workshopId,
      name,
      joined_at: at,
      token_hash: hashToken(secret),
    });
    return { participant, secret };
  }

  participants(workshopId: string): ParticipantRecord[] {
    return this.s.participants.all(workshopId).map(toParticipant);
  }

  /** Which participant a secret is, and whether its workshop is still open. */
  checkParticipant(secret: string): ParticipantCheck {
    const row = this.s.participantByHash.get(hashToken(secret));
    if (!row) return { ok: false, reason: 'unknown' };
    return { ok: true, participant: toParticipant(row), workshopState: row.workshop_state };
  }

  insertProposal(proposal: ProposalRecord): void {
    this.s.insertProposal.run(proposalParams(proposal));
  }

  proposals(workshopId: string): ProposalRecord[] {
    return this.s.proposals.all(workshopId).map(toProposal);
  }

  proposal(workshopId: string, id: string): ProposalRecord | undefined {
    const row = this.s.proposal.get(workshopId, id);
    return row && toProposal(row);
  }

  updateProposal(
    id: string,
    state: ProposalRecord['state'],
    mergedInto: string | null,
    variantId: string | null,
  ): void {
    this.s.updateProposal.run({ id, state, merged_into: mergedInto, variant_id: variantId });
  }

  /** Proposals merged into `from` now point at `to` (merging a proposal that others were merged into). */
  repointMerged(from: string, to: string): void {
    this.s.repointMerged.run(to, from);
  }

  insertVariant(variant: VariantRecord): void {
    this.s.insertVariant.run(variantParams(variant));
  }

  variants(workshopId: string): VariantRecord[] {
    return this.s.variants.all(workshopId).map(toVariant);
  }

  variant(id: string): VariantRecord | undefined {
    const row = this.s.variant.get(id);
    return row && toVariant(row);
  }

  /**
   * Variants with something left to announce: the run (or its last announcement) not finished,
   * or completed without a comparison yet.
   */
  pendingVariants(): VariantWithRun[] {
    return this.s.variantsWithRuns.all().map((r) => ({
      ...toVariant(r),
      runState: r.run_state,
      runPercent: r.run_percent,
    }));
  }

  /**
   * Records the state and percent announced for a variant; false when they are what was
   * announced already (another api instance was first), so exactly one instance announces.
   */
  announce(id: string, state: string, percent: number): boolean {
    return this.s.announce.run({ id, state, percent }).changes > 0;
  }

  /** Stores the variant's comparison once; false when one is stored already. */
  setComparison(id: string, comparison: Json): boolean {
    return this.s.setComparison.run(JSON.stringify(comparison), id).changes > 0;
  }

  setVote(workshopId: string, participantId: string, ranking: string[], at: string): void {
    this.s.setVote.run({
      workshop_id: workshopId,
      participant_id: participantId,
      ranking: JSON.stringify(ranking),
      at,
    });
  }

  votes(workshopId: string): VoteRecord[] {
    return this.s.votes
      .all(workshopId)
      .map((r) => ({ participantId: r.participant_id, ranking: JSON.parse(r.ranking) as string[] }));
  }

  /** A workshop from another deployment with its runs (stored completed), all in one transaction or nothing. */
  import(data: WorkshopImport): void {
    this.importAll(data);
  }
}
