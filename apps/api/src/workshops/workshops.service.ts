// Planning workshops (issue 19, docs/workshops.md): create (a baseline run, lever bounds, a join
// code), join (a participant token bound to the workshop), proposals within the levers, accept
// (a variant run on common random numbers with the baseline), the board, the vote, the
// facilitator's view, close, export and import. Every change is stored with the workshop's next
// seq in one transaction and then published (WorkshopPublisher) to every api instance's sockets.
// The rules themselves (bounds, board, sentences, tally, export file) are @caretwin/workshop's.
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '@caretwin/config';
import type {
  Board,
  Comparison,
  JoinAnswer,
  JoinInfo,
  Participant,
  Proposal,
  ReplicationResult,
  RunState,
  RunView,
  Variant,
  VoteTally,
  Workshop,
  WorkshopEventBody,
  WorkshopExport,
  WorkshopSnapshot,
  PrintLink,
  WorkshopBaselineFacts,
  WorkshopView,
} from '@caretwin/contracts';
import { compareResults } from '@caretwin/model';
import { runInputKey, type RunInput, type RunResultDocument } from '@caretwin/runner';
import type { Policy, Region, Scenario } from '@caretwin/scenario';
import {
  NO_CHANGE,
  WorkshopsRepository,
  type Db,
  type ImportedRun,
  type ParticipantRecord,
  type ProposalRecord,
  type VariantRecord,
  type WorkshopRecord,
} from '@caretwin/store';
import {
  buildBoard,
  checkLevers,
  checkProposal,
  checkVote,
  formatIssuePath,
  newJoinCode,
  normalizeJoinCode,
  parseWorkshopExport,
  tallyVotes,
  type BaselineFacts,
  type Namers,
  type ProposalIssue,
} from '@caretwin/workshop';
import { ForbiddenError } from '../access/access-errors';
import { READERS } from '../access/access.decorators';
import { AccessService, WORKSHOP_CLOSED } from '../access/access.service';
import { closesWithWorkshop, type Principal } from '../access/principal';
import { APP_LOGGER } from '../config/config.tokens';
import { ApiError, NotFoundError, RequestInvalidError, requestIssue } from '../errors/api-error';
import { RegionBoundariesService, type BoundariesBody } from '../regions/region-boundaries.service';
import { RunResultService, type ServiceExecution } from '../runs/run-result.service';
import { RunsService } from '../runs/runs.service';
import type { CreateRunRequest } from '../runs/runs.dto';
import { RunsRepository } from '../store/runs.repository';
import { DATABASE } from '../store/store.tokens';
import { WorkshopPublisher } from './workshop-publisher';
import {
  exportedResultSchema,
  exportedRunExtrasSchema,
  type CreateWorkshopBody,
  type JoinBody,
  type MergeBody,
  type ProposalBody,
  type ViewBody,
  type PrintLinkBody,
} from './workshops.dto';

/** What a workshop needs of its baseline run, read once from its stored input. */
interface BaselineContext {
  request: CreateRunRequest;
  scenario: Scenario;
  region: Region;
  facts: BaselineFacts;
  names: Namers;
}

/** A variant's progress goes out at most this often (issue 19: ≤ 2 a second per variant). */
export const VARIANT_PROGRESS_INTERVAL_MS = 500;

const FINISHED: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
const INITIAL_VIEW: WorkshopView = { runId: null, chart: 'board', area: null };

/** 422 whose issues carry the JSON path in the request body and the bound or rule broken. */
function refused(message: string, issues: ProposalIssue[]): RequestInvalidError {
  return new RequestInvalidError(
    message,
    issues.map((i) => requestIssue(formatIssuePath(i.path), i.message)),
  );
}

export class WorkshopClosedError extends ApiError {
  constructor(id: string, status: 409 | 410 = 409) {
    super(status, 'WORKSHOP_CLOSED', `workshop "${id}" has closed: it stays readable, nothing more changes`);
  }
}

function namersOf(region: Region): Namers {
  const areas = new Map(region.areas.map((a) => [a.id, a.name]));
  const hospitals = new Map(region.hospitals.map((h) => [h.id, h.name]));
  const conditions = new Map(
    region.conditions.map((c) => [c.id, (c as { name?: { ja: string; en: string } }).name]),
  );
  const or = (name: { ja: string; en: string } | undefined, id: string) => name ?? { ja: id, en: id };
  return {
    area: (id) => or(areas.get(id), id),
    hospital: (id) => or(hospitals.get(id), id),
    condition: (id) => or(conditions.get(id), id),
  };
}

function factsOf(scenario: Scenario, region: Region): BaselineFacts {
  const closed = new Set(
    (scenario.policies ?? []).flatMap((p) => (p.kind === 'closeHospital' ? [p.hospital] : [])),
  );
  const ambulancesByArea: Record<string, number> = {};
  for (const base of region.ambulanceBases)
    ambulancesByArea[base.area] = (ambulancesByArea[base.area] ?? 0) + base.vehicles;
  // the baseline's own area-wide ambulance policies set the area's fleet
  for (const p of scenario.policies ?? [])
    if (p.kind === 'setAmbulances' && p.area !== undefined && p.base === undefined)
      ambulancesByArea[p.area] = p.vehicles;
  return {
    areas: region.areas.map((a) => a.id),
    hospitals: region.hospitals.map((h) => h.id).filter((h) => !closed.has(h)),
    ambulancesByArea,
    conditions: region.conditions.map((c) => c.id),
    areaNames: Object.fromEntries(region.areas.map((a) => [a.id, a.name.ja])),
    hospitalNames: Object.fromEntries(region.hospitals.map((h) => [h.id, h.name.ja])),
  };
}

@Injectable()
export class WorkshopsService {
  readonly store: WorkshopsRepository;
  /** per baseline run id (its stored input is large: parsed once) */
  private readonly contexts = new Map<string, BaselineContext>();
  /** variant id → when its progress was last announced from here */
  private readonly progressAt = new Map<string, number>();
  /** proposals being accepted now (a double click must not start two runs) */
  private readonly accepting = new Set<string>();

  constructor(
    @Inject(DATABASE) db: Db,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly runs: RunsService,
    private readonly runRecords: RunsRepository,
    private readonly results: RunResultService,
    private readonly publisher: WorkshopPublisher,
    private readonly access: AccessService,
    private readonly regionBoundaries: RegionBoundariesService,
  ) {
    this.store = new WorkshopsRepository(db);
  }

  // ---------- reading ----------

  private record(id: string): WorkshopRecord {
    const record = this.store.get(id);
    if (!record) throw new NotFoundError('workshop', id);
    return record;
  }

  private openRecord(id: string, status: 409 | 410 = 409): WorkshopRecord {
    const record = this.record(id);
    if (record.state !== 'open') throw new WorkshopClosedError(id, status);
    return record;
  }

  /**
   * The workshop, when `principal` may facilitate it: the planner that created it, or an admin
   * (as a planner cancels only its own runs). Older and imported workshops have no owner.
   */
  private mayFacilitate(record: WorkshopRecord, principal: Principal): boolean {
    if (principal.role === 'admin') return true;
    return principal.role === 'planner' && (record.owner === null || record.owner === principal.id);
  }

  private facilitated(id: string, principal: Principal): WorkshopRecord {
    const record = this.record(id);
    if (!this.mayFacilitate(record, principal))
      throw new ForbiddenError(
        `workshop "${id}" is facilitated by the token that created it; a planner facilitates only its own workshops`,
      );
    return record;
  }

  /** The open workshop `principal` facilitates (403 before 409: who asks, then when). */
  private facilitatedOpen(id: string, principal: Principal): WorkshopRecord {
    const record = this.facilitated(id, principal);
    if (record.state !== 'open') throw new WorkshopClosedError(id, 409);
    return record;
  }

  toWorkshop(r: WorkshopRecord, origin: string): Workshop {
    return {
      id: r.id,
      title: r.title,
      question: r.question,
      state: r.state,
      joinCode: r.joinCode,
      joinUrl: `${origin}/#/join/${r.joinCode}`,
      baseline: { runId: r.baselineRunId, scenarioId: r.scenarioId },
      levers: r.levers as unknown as Workshop['levers'],
      seed: r.seed,
      replications: r.replications,
      horizonDays: r.horizonDays,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      facilitator: r.facilitator,
    };
  }

  private proposalsOf(workshopId: string): Proposal[] {
    const records = this.store.proposals(workshopId);
    return records.map((p) => this.toProposal(p, records));
  }

  private toProposal(p: ProposalRecord, all: ProposalRecord[]): Proposal {
    return {
      id: p.id,
      workshopId: p.workshopId,
      title: p.title,
      rationale: p.rationale,
      policies: p.policies,
      author: p.author,
      state: p.state,
      mergedFrom: all.filter((q) => q.mergedInto === p.id).map((q) => q.id),
      mergedInto: p.mergedInto,
      variantId: p.variantId,
      createdAt: p.createdAt,
    };
  }

  private proposal(workshopId: string, id: string): Proposal {
    const all = this.store.proposals(workshopId);
    const found = all.find((p) => p.id === id);
    if (!found) throw new NotFoundError('proposal', id);
    return this.toProposal(found, all);
  }

  private static toVariant(v: VariantRecord): Variant {
    return {
      id: v.id,
      proposalId: v.proposalId,
      title: v.title,
      runId: v.runId,
      state: v.state as RunState,
      percent: v.percent,
    };
  }

  private static toParticipant(p: ParticipantRecord): Participant {
    return { id: p.id, name: p.name, joinedAt: p.joinedAt };
  }

  list(origin: string): { items: Workshop[] } {
    return { items: this.store.list().map((r) => this.toWorkshop(r, origin)) };
  }

  /** Everything at one seq (read first: an event after it may repeat what the state holds, none is missing). */
  snapshot(id: string, principal: Principal | undefined, origin: string): WorkshopSnapshot {
    const record = this.record(id);
    const votes = this.store.votes(id);
    const mine =
      principal?.role === 'participant' ? votes.find((v) => v.participantId === principal.id) : undefined;
    return {
      workshop: this.toWorkshop(record, origin),
      seq: record.seq,
      participants: this.store.participants(id).map(WorkshopsService.toParticipant),
      proposals: this.proposalsOf(id),
      variants: this.store.variants(id).map(WorkshopsService.toVariant),
      view: record.view as unknown as WorkshopView,
      board: this.board(id, record),
      myVote: principal?.role === 'participant' ? (mine?.ranking ?? []) : null,
      baselineFacts: this.baselineFacts(record.baselineRunId),
      canFacilitate: principal !== undefined && this.mayFacilitate(record, principal),
    };
  }

  private baselineFacts(runId: string): WorkshopBaselineFacts | null {
    const facts = this.context(runId)?.facts;
    return facts
      ? { areas: facts.areas, hospitals: facts.hospitals, ambulancesByArea: facts.ambulancesByArea }
      : null;
  }

  board(id: string, record: WorkshopRecord = this.record(id)): Board {
    const proposals = new Map(this.store.proposals(id).map((p) => [p.id, p]));
    const baseline = this.runRecords.summary(record.baselineRunId);
    const context = this.context(record.baselineRunId);
    return buildBoard({
      workshopId: id,
      baseline: {
        runId: record.baselineRunId,
        scenarioId: record.scenarioId,
        // its record deleted by an admin: no longer there to compare against
        state: baseline?.state ?? 'cancelled',
      },
      variants: this.store.variants(id).map((v) => ({
        variant: WorkshopsService.toVariant(v),
        policies: (proposals.get(v.proposalId)?.policies ?? []) as unknown as Policy[],
        comparison: v.comparison as unknown as Comparison | null,
      })),
      votes: this.store.votes(id),
      names: context?.names ?? namersOf({ areas: [], hospitals: [], conditions: [] } as unknown as Region),
    });
  }

  private tally(id: string): VoteTally {
    const completed = this.store
      .variants(id)
      .filter((v) => v.state === 'completed')
      .map((v) => v.id);
    return tallyVotes(this.store.votes(id), completed);
  }

  /** The baseline's request, scenario, region and what the lever checks need; undefined when its input is gone. */
  private context(runId: string): BaselineContext | undefined {
    const cached = this.contexts.get(runId);
    if (cached) return cached;
    const run = this.runRecords.get(runId);
    if (!run) return undefined;
    const input = JSON.parse(run.input) as RunInput;
    if (!input.region || typeof input.region !== 'object' || !('areas' in input.region)) return undefined; // pruned ($ref)
    const context: BaselineContext = {
      request: JSON.parse(run.request) as CreateRunRequest,
      scenario: input.scenario,
      region: input.region,
      facts: factsOf(input.scenario, input.region),
      names: namersOf(input.region),
    };
    this.contexts.set(runId, context);
    return context;
  }

  private requireContext(record: WorkshopRecord): BaselineContext {
    const context = this.context(record.baselineRunId);
    if (!context)
      throw new ApiError(
        409,
        'BASELINE_UNAVAILABLE',
        `the baseline run "${record.baselineRunId}" of workshop "${record.id}" no longer holds its input`,
      );
    return context;
  }

  // ---------- changes ----------

  /** Stores `apply` with the workshop's next seq, then publishes the event it answers. */
  private emit<T>(workshopId: string, apply: () => T, event: (value: T) => WorkshopEventBody): T {
    const { value, seq } = this.store.change(workshopId, apply);
    this.publisher.publish(workshopId, seq, event(value));
    return value;
  }

  async create(body: CreateWorkshopBody, principal: Principal, origin: string): Promise<Workshop> {
    let runId: string;
    if ('runId' in body.baseline) {
      runId = body.baseline.runId;
      const run = this.runRecords.summary(runId);
      if (!run)
        throw new RequestInvalidError('the baseline run does not exist', [
          requestIssue('baseline.runId', `no run "${runId}"`),
        ]);
      if (run.state !== 'completed')
        throw new RequestInvalidError('the baseline must be a completed run', [
          requestIssue('baseline.runId', `run "${runId}" is ${run.state}`),
        ]);
    } else {
      const { scenarioId, replications, seed, horizonDays } = body.baseline;
      const accepted = await this.runs.create(
        {
          scenarioId,
          ...(replications !== undefined ? { replications } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(horizonDays !== undefined ? { horizonDays } : {}),
        },
        null,
        principal.id,
      );
      runId = accepted.id;
    }
    const context = this.context(runId);
    if (!context)
      throw new RequestInvalidError('the baseline run no longer holds its input (pruned)', [
        requestIssue('baseline.runId', `run "${runId}" was pruned`),
      ]);
    // Variants pair with the baseline replication by replication (common random numbers): an
    // adaptive count could stop a variant at another number of replications than its baseline.
    const baselinePath = 'runId' in body.baseline ? ['baseline', 'runId'] : ['baseline', 'scenarioId'];
    const issues: ProposalIssue[] = context.scenario.precision
      ? [
          {
            path: baselinePath,
            message: `scenario "${context.scenario.id}" sets precision (replications until a CI is narrow enough); a workshop's variants are paired with its baseline replication by replication, so the baseline needs a fixed replication count`,
          },
        ]
      : checkLevers(body.levers, context.facts);
    if (issues.length > 0) {
      // the baseline run started for this request is of no use now
      if (!('runId' in body.baseline)) await this.runs.cancel(runId, principal).catch(() => undefined);
      throw refused(
        context.scenario.precision
          ? 'the baseline must have a fixed replication count'
          : `the levers name what the baseline lacks (${issues.length} problems)`,
        issues,
      );
    }
    let joinCode = newJoinCode((n) => randomBytes(n));
    while (this.store.codeTaken(joinCode)) joinCode = newJoinCode((n) => randomBytes(n));
    const id = randomUUID();
    this.store.insert({
      id,
      title: body.title,
      question: body.question,
      joinCode,
      baselineRunId: runId,
      scenarioId: context.scenario.id,
      levers: body.levers as unknown as Array<Record<string, unknown>>,
      seed: context.scenario.seed,
      replications: context.scenario.replications,
      horizonDays: context.scenario.horizonDays,
      facilitator: principal.name,
      owner: principal.id,
      view: { ...INITIAL_VIEW },
      createdAt: new Date().toISOString(),
    });
    this.logger.info({ workshopId: id, baselineRunId: runId }, 'workshop created');
    return this.toWorkshop(this.record(id), origin);
  }

  joinInfo(code: string): JoinInfo {
    const record = this.store.byCode(normalizeJoinCode(code));
    if (!record) throw new NotFoundError('join code', code);
    return { workshopId: record.id, title: record.title, question: record.question, state: record.state };
  }

  join(body: JoinBody): JoinAnswer {
    const found = this.store.byCode(normalizeJoinCode(body.code));
    if (!found) throw new NotFoundError('join code', body.code);
    if (found.state !== 'open') throw new WorkshopClosedError(found.id, 410);
    const { participant, secret } = this.emit(
      found.id,
      () => this.store.addParticipant(found.id, body.name, new Date().toISOString()),
      (added) => ({
        type: 'participant.joined',
        participant: WorkshopsService.toParticipant(added.participant),
      }),
    );
    // a write without a token (the access guard audits none): recorded as the participant it made
    this.access.audit(
      {
        id: participant.id,
        name: participant.name,
        role: 'participant',
        hospitals: [],
        workshopId: found.id,
      },
      'POST /api/workshops/join',
      found.id,
      201,
    );
    return { workshopId: found.id, participant: WorkshopsService.toParticipant(participant), token: secret };
  }

  propose(id: string, body: ProposalBody, principal: Principal): Proposal {
    const record = this.openRecord(id);
    const context = this.requireContext(record);
    const issues = checkProposal(record.levers as never, body.policies, context.facts);
    if (issues.length > 0)
      throw refused(
        `the proposal is outside the workshop's levers (${issues.length === 1 ? '1 problem' : `${issues.length} problems`})`,
        issues,
      );
    const proposal: ProposalRecord = {
      id: randomUUID(),
      workshopId: id,
      title: body.title,
      rationale: body.rationale,
      policies: body.policies,
      author: {
        id: principal.id,
        name: principal.name,
        role: principal.role === 'participant' ? 'participant' : 'facilitator',
      },
      state: 'proposed',
      mergedInto: null,
      variantId: null,
      createdAt: new Date().toISOString(),
    };
    return this.emit(
      id,
      () => {
        this.store.insertProposal(proposal);
        return this.proposal(id, proposal.id);
      },
      (created) => ({ type: 'proposal.created', proposal: created }),
    );
  }

  private proposed(workshopId: string, id: string): ProposalRecord {
    const proposal = this.store.proposal(workshopId, id);
    if (!proposal) throw new NotFoundError('proposal', id);
    if (proposal.state !== 'proposed')
      throw new ApiError(409, 'PROPOSAL_DECIDED', `proposal "${id}" is ${proposal.state} already`);
    return proposal;
  }

  merge(id: string, pid: string, body: MergeBody, principal: Principal): Proposal {
    this.facilitatedOpen(id, principal);
    const from = this.proposed(id, pid);
    const into = this.store.proposal(id, body.into);
    if (!into || into.id === from.id || into.state === 'merged' || into.state === 'declined')
      throw new RequestInvalidError('a proposal merges into another open or accepted proposal', [
        requestIssue(
          'into',
          !into
            ? `no proposal "${body.into}" in this workshop`
            : into.id === from.id
              ? 'a proposal cannot merge into itself'
              : `proposal "${into.id}" is ${into.state}`,
        ),
      ]);
    const merged = this.emit(
      id,
      () => {
        this.store.updateProposal(from.id, 'merged', into.id, null);
        this.store.repointMerged(from.id, into.id);
        return this.proposal(id, from.id);
      },
      (p) => ({ type: 'proposal.updated', proposal: p }),
    );
    // the target's mergedFrom grew
    this.emit(
      id,
      () => this.proposal(id, into.id),
      (p) => ({ type: 'proposal.updated', proposal: p }),
    );
    return merged;
  }

  decline(id: string, pid: string, principal: Principal): Proposal {
    this.facilitatedOpen(id, principal);
    const proposal = this.proposed(id, pid);
    return this.emit(
      id,
      () => {
        this.store.updateProposal(proposal.id, 'declined', null, null);
        return this.proposal(id, proposal.id);
      },
      (p) => ({ type: 'proposal.updated', proposal: p }),
    );
  }

  /**
   * Starts the variant's run: the baseline's request with the proposal's policies appended
   * (overrides.policies), on the baseline's seed, replications and horizon — common random
   * numbers, so the board's differences are paired.
   */
  async accept(id: string, pid: string, principal: Principal): Promise<Variant> {
    const record = this.facilitatedOpen(id, principal);
    const proposal = this.proposed(id, pid);
    const context = this.requireContext(record);
    if (this.accepting.has(pid))
      throw new ApiError(409, 'PROPOSAL_DECIDED', `proposal "${pid}" is being accepted already`);
    this.accepting.add(pid);
    try {
      const overrides = { ...(context.request.overrides ?? {}) };
      const earlier = Array.isArray(overrides.policies) ? (overrides.policies as unknown[]) : [];
      const request: CreateRunRequest = {
        ...context.request,
        overrides: { ...overrides, policies: [...earlier, ...proposal.policies] },
        seed: record.seed,
        replications: record.replications,
        horizonDays: record.horizonDays,
      };
      const run = await this.runs.create(request, null, principal.id);
      const variant: VariantRecord = {
        id: randomUUID(),
        workshopId: id,
        proposalId: pid,
        title: proposal.title,
        runId: run.id,
        state: run.state,
        percent: 0,
        comparison: null,
        createdAt: new Date().toISOString(),
      };
      this.emit(
        id,
        () => {
          this.store.insertVariant(variant);
          this.store.updateProposal(pid, 'accepted', null, variant.id);
          return this.proposal(id, pid);
        },
        (p) => ({ type: 'proposal.updated', proposal: p }),
      );
      this.emit(
        id,
        () => WorkshopsService.toVariant(variant),
        (v) => ({ type: 'variant.progress', variant: v }),
      );
      this.boardUpdated(id);
      this.logger.info({ workshopId: id, proposalId: pid, runId: run.id }, 'workshop variant accepted');
      return WorkshopsService.toVariant(variant);
    } finally {
      this.accepting.delete(pid);
    }
  }

  /** board.updated with the board as stored now. */
  boardUpdated(id: string): void {
    this.emit(
      id,
      () => this.board(id),
      (board) => ({ type: 'board.updated', board }),
    );
  }

  setView(id: string, body: ViewBody, principal: Principal): WorkshopView {
    const record = this.facilitatedOpen(id, principal);
    const issues: ProposalIssue[] = [];
    if (body.runId !== null && !this.store.hasRun(id, body.runId))
      issues.push({
        path: ['runId'],
        message: `run "${body.runId}" is neither the baseline nor a variant of this workshop`,
      });
    const context = this.context(record.baselineRunId);
    if (body.area !== null && context && !context.facts.areas.includes(body.area))
      issues.push({
        path: ['area'],
        message: `unknown area "${body.area}"; areas: ${context.facts.areas.join(', ')}`,
      });
    if (issues.length > 0) throw refused('the view names what the workshop lacks', issues);
    const view: WorkshopView = { runId: body.runId, chart: body.chart, area: body.area };
    return this.emit(
      id,
      () => {
        this.store.setView(id, view as unknown as Record<string, unknown>);
        return view;
      },
      (v) => ({ type: 'view.changed', view: v }),
    );
  }

  vote(id: string, principal: Principal, ranking: string[]): VoteTally {
    if (principal.role !== 'participant')
      throw new ForbiddenError("only the workshop's participants vote (with their participant token)");
    this.openRecord(id);
    const completed = this.store
      .variants(id)
      .filter((v) => v.state === 'completed')
      .map((v) => v.id);
    const issues = checkVote(ranking, completed);
    if (issues.length > 0) throw refused('the vote is invalid', issues);
    return this.emit(
      id,
      () => {
        this.store.setVote(id, principal.id, ranking, new Date().toISOString());
        return this.tally(id);
      },
      (vote) => ({ type: 'vote.updated', vote }),
    );
  }

  close(id: string, origin: string, principal: Principal): Workshop {
    const record = this.facilitated(id, principal);
    if (record.state === 'closed') return this.toWorkshop(record, origin);
    return this.emit(
      id,
      () => {
        this.store.close(id, new Date().toISOString());
        return this.toWorkshop(this.record(id), origin);
      },
      (workshop) => ({ type: 'workshop.closed', workshop }),
    );
  }

  // ---------- runs of a workshop (what a participant reads of runs) ----------

  private ownRun(id: string, runId: string): void {
    this.record(id);
    if (!this.store.hasRun(id, runId)) throw new NotFoundError(`run of workshop "${id}"`, runId);
  }

  runView(id: string, runId: string): Promise<RunView> {
    this.ownRun(id, runId);
    return this.runs.get(runId);
  }

  /**
   * Why a socket's principal may not watch a workshop, or null when it may: readers watch any
   * workshop, a participant only the one its token is bound to (and not once it has closed: a
   * socket opened before the close keeps its principal, so the token's 401 holds here too).
   */
  watchRefusal(
    principal: Principal | undefined,
    workshopId: string,
  ): { error: { code: string; message: string } } | null {
    if (principal && this.access.may(principal, READERS)) return null;
    if (principal?.role === 'participant' && principal.workshopId === workshopId) {
      if (closesWithWorkshop(principal) && this.store.get(workshopId)?.state === 'closed')
        return { error: { code: 'UNAUTHORIZED', message: WORKSHOP_CLOSED } };
      return null;
    }
    return {
      error: {
        code: 'FORBIDDEN',
        message:
          principal?.role === 'participant'
            ? 'a participant token watches only its own workshop'
            : `role ${principal?.role ?? 'none'} may not watch workshops`,
      },
    };
  }

  runResult(id: string, runId: string): RunResultDocument<ServiceExecution> {
    this.ownRun(id, runId);
    return this.results.result(runId);
  }

  /** The municipal boundaries of the baseline's region (participants read no region route). */
  boundaries(id: string): BoundariesBody {
    const record = this.record(id);
    const run = this.runRecords.get(record.baselineRunId);
    if (!run) throw new NotFoundError(`baseline run of workshop "${id}"`, record.baselineRunId);
    return this.regionBoundaries.get(run.regionId);
  }

  // ---------- variants' progress and the board (WorkshopWatcher calls these) ----------

  /**
   * Announces what changed of one variant's run since its last announcement: its percent while
   * it runs, its end, and on completion its paired comparison on the board. The store decides
   * which api instance announces (a conditional update), so each change goes out once.
   */
  async announceVariant(v: {
    id: string;
    workshopId: string;
    runId: string;
    state: string;
    percent: number;
    runState: string;
    comparison: unknown;
  }): Promise<void> {
    const runState = v.runState as RunState;
    if (!FINISHED.has(runState)) {
      // at most VARIANT_PROGRESS_INTERVAL_MS apart per variant (≤ 2 a second); ends go out at once
      const last = this.progressAt.get(v.id) ?? 0;
      if (Date.now() - last < VARIANT_PROGRESS_INTERVAL_MS) return;
      this.progressAt.set(v.id, Date.now());
      const view = await this.runs.get(v.runId);
      if (FINISHED.has(view.state)) return; // ended meanwhile: the next pass announces it whole
      this.announce(v.workshopId, v.id, view.state, view.progress.percent);
      return;
    }
    if (runState === 'completed' && v.comparison === null) {
      const comparison = this.compare(v.workshopId, v.runId);
      if (comparison && this.store.setComparison(v.id, comparison as unknown as Record<string, unknown>)) {
        this.announce(v.workshopId, v.id, 'completed', 100);
        this.boardUpdated(v.workshopId);
        return;
      }
    }
    this.progressAt.delete(v.id);
    if (this.announce(v.workshopId, v.id, runState, runState === 'completed' ? 100 : v.percent))
      this.boardUpdated(v.workshopId);
  }

  private announce(workshopId: string, variantId: string, state: RunState, percent: number): boolean {
    const done = this.store.changeIf(workshopId, () => {
      if (!this.store.announce(variantId, state, percent)) return NO_CHANGE;
      const stored = this.store.variant(variantId);
      return stored ? WorkshopsService.toVariant(stored) : NO_CHANGE;
    });
    if (!done) return false;
    this.publisher.publish(workshopId, done.seq, { type: 'variant.progress', variant: done.value });
    return true;
  }

  /** The baseline (a) against the variant's run (b), paired; null until the baseline has completed. */
  private compare(workshopId: string, runId: string): Comparison | null {
    const record = this.record(workshopId);
    if (this.runRecords.summary(record.baselineRunId)?.state !== 'completed') return null;
    const a = this.results.result(record.baselineRunId);
    const b = this.results.result(runId);
    return compareResults(a.replications, b.replications);
  }

  /** The baseline run of these workshops ended: their boards show its state (and comparisons follow). */
  baselineEnded(runId: string): void {
    for (const id of this.store.withBaseline(runId)) this.boardUpdated(id);
  }

  // ---------- export / import ----------

  /** The handout's URL with a print key (read-only, this workshop, `minutes` long), open or closed. */
  printLink(id: string, body: PrintLinkBody, origin: string): PrintLink {
    this.record(id);
    // whole seconds, as the key carries it
    const expiresAt = new Date(Math.floor((Date.now() + body.minutes * 60_000) / 1000) * 1000);
    const key = this.access.printKey(id, expiresAt);
    const url = `${origin}/#/workshops/${encodeURIComponent(id)}/handout?lang=${body.lang}&key=${key}`;
    return {
      url,
      expiresAt: expiresAt.toISOString(),
      command: `chromium --headless --no-sandbox --no-pdf-header-footer --virtual-time-budget=20000 --print-to-pdf=handout-${body.lang}.pdf '${url}'`,
    };
  }

  exportFile(id: string, origin: string): WorkshopExport {
    const record = this.record(id);
    const variants = this.store.variants(id);
    const runIds = [record.baselineRunId, ...variants.map((v) => v.runId)];
    return {
      format: 'caretwin.workshop',
      version: 1,
      exportedAt: new Date().toISOString(),
      workshop: this.toWorkshop(record, origin),
      participants: this.store.participants(id).map(WorkshopsService.toParticipant),
      proposals: this.proposalsOf(id),
      variants: variants.map(WorkshopsService.toVariant),
      votes: this.store.votes(id),
      view: record.view as unknown as WorkshopView,
      runs: runIds.map((runId) => this.exportRun(runId)),
    };
  }

  private exportRun(runId: string): WorkshopExport['runs'][number] {
    const run = this.runRecords.get(runId);
    if (!run)
      throw new ApiError(
        409,
        'WORKSHOP_RUN_DELETED',
        `run "${runId}" of this workshop was deleted (DELETE /api/runs/${runId}/record): the workshop cannot be exported whole`,
      );
    const input = JSON.parse(run.input) as RunInput;
    const view = {
      request: JSON.parse(run.request) as Record<string, unknown>,
      plan: JSON.parse(run.plan) as Record<string, unknown>,
      demandMultiplierByHour: input.demandMultiplierByHour,
      seed: run.seed,
      scenarioId: run.scenarioId,
      regionId: run.regionId,
      state: run.state,
      error: run.error,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      replications: { planned: run.replicationsPlanned, max: run.replicationsMax },
    };
    let result: Record<string, unknown> | null = null;
    if (run.state === 'completed') {
      try {
        result = this.results.result(runId) as unknown as Record<string, unknown>;
      } catch {
        result = null; // pruned: its replications are gone
      }
    }
    return { id: runId, run: view, result };
  }

  /**
   * Stores an exported workshop as a new, closed one: new ids throughout (the same file may be
   * imported twice, or into the deployment it came from), its runs stored as they ended, with
   * their results. All of it in one transaction, or nothing (422 naming the path in the file).
   */
  importFile(body: unknown, origin: string): Workshop {
    const parsed = parseWorkshopExport(body);
    if (!parsed.ok) throw refused('the workshop export is invalid', parsed.issues);
    const file = parsed.value;
    const issues: ProposalIssue[] = [];
    const ids = new Map<string, string>();
    const fresh = (old: string): string => {
      let id = ids.get(old);
      if (!id) ids.set(old, (id = randomUUID()));
      return id;
    };
    const runs: ImportedRun[] = [];
    const replicationsOf = new Map<string, ReplicationResult[]>();
    file.runs.forEach((entry, i) => {
      const extras = exportedRunExtrasSchema.safeParse(entry.run);
      if (!extras.success) {
        for (const issue of extras.error.issues)
          issues.push({
            path: ['runs', i, 'run', ...(issue.path as Array<string | number>)],
            message: issue.message,
          });
        return;
      }
      const r = extras.data;
      const result = entry.result === null ? null : exportedResultSchema.safeParse(entry.result);
      if (result && !result.success) {
        for (const issue of result.error.issues)
          issues.push({
            path: ['runs', i, 'result', ...(issue.path as Array<string | number>)],
            message: issue.message,
          });
        return;
      }
      const completed = r.state === 'completed' && result !== null;
      if (r.state === 'completed' && result === null) {
        issues.push({
          path: ['runs', i, 'result'],
          message: 'a completed run needs its result to be imported',
        });
        return;
      }
      const doc = result?.data;
      const input = {
        scenario: (doc?.provenance.scenario ?? {}) as unknown as Scenario,
        region: (doc?.provenance.region ?? {}) as unknown as Region,
        demandMultiplierByHour: r.demandMultiplierByHour,
      } as RunInput;
      const executions = new Map((doc?.execution.replications ?? []).map((e) => [e.replication, e]));
      const id = fresh(entry.id);
      replicationsOf.set(id, (doc?.replications ?? []) as unknown as ReplicationResult[]);
      runs.push({
        id,
        state: completed ? 'completed' : r.state === 'failed' ? 'failed' : 'cancelled',
        error: completed ? null : (r.error ?? 'not finished when exported'),
        scenarioId: r.scenarioId,
        regionId: r.regionId,
        request: JSON.stringify(r.request),
        input: JSON.stringify(input),
        inputKey: runInputKey(input),
        plan: JSON.stringify(r.plan),
        seed: r.seed,
        replicationsPlanned: r.replications.planned,
        replicationsMax: r.replications.max,
        createdAt: r.createdAt,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt ?? file.exportedAt,
        replications: (doc?.replications ?? []).map((rep) => {
          const { replication: _index, ...execution } = executions.get(rep.replication) ?? { replication: 0 };
          return {
            replication: rep.replication,
            result: JSON.stringify(rep),
            execution: JSON.stringify(execution),
          };
        }),
        aggregate: doc ? JSON.stringify(doc.aggregate) : null,
        execution: doc ? JSON.stringify(doc.execution.aggregate) : null,
      });
    });
    if (issues.length > 0) throw refused('the workshop export is invalid', issues);

    const w = file.workshop;
    const workshopId = randomUUID();
    const baselineRunId = fresh(w.baseline.runId);
    const baselineReplications = replicationsOf.get(baselineRunId) ?? [];
    const runState = new Map(runs.map((r) => [r.id, r.state]));
    let joinCode = newJoinCode((n) => randomBytes(n));
    while (this.store.codeTaken(joinCode)) joinCode = newJoinCode((n) => randomBytes(n));
    const at = new Date().toISOString();
    // the facilitator's last view (its run put on the imported run's new id below)
    const view: WorkshopView = file.view ?? INITIAL_VIEW;
    this.store.import({
      workshop: {
        id: workshopId,
        title: w.title,
        question: w.question,
        state: 'closed',
        closedAt: w.closedAt ?? at,
        joinCode,
        baselineRunId,
        scenarioId: w.baseline.scenarioId,
        levers: w.levers as unknown as Array<Record<string, unknown>>,
        seed: w.seed,
        replications: w.replications,
        horizonDays: w.horizonDays,
        facilitator: w.facilitator,
        view: { ...view, runId: view.runId ? fresh(view.runId) : null } as unknown as Record<string, unknown>,
        createdAt: w.createdAt,
      },
      participants: file.participants.map((p) => ({
        id: fresh(p.id),
        workshopId,
        name: p.name,
        joinedAt: p.joinedAt,
      })),
      proposals: file.proposals.map((p) => ({
        id: fresh(p.id),
        workshopId,
        title: p.title,
        rationale: p.rationale,
        policies: p.policies,
        author: p.author.role === 'participant' ? { ...p.author, id: fresh(p.author.id) } : p.author,
        state: p.state,
        mergedInto: p.mergedInto === null ? null : fresh(p.mergedInto),
        variantId: p.variantId === null ? null : fresh(p.variantId),
        createdAt: p.createdAt,
      })),
      variants: file.variants.map((v, i) => {
        const runId = fresh(v.runId);
        const state = runState.get(runId) ?? 'cancelled';
        const paired =
          state === 'completed' && runState.get(baselineRunId) === 'completed'
            ? compareResults(baselineReplications, replicationsOf.get(runId) ?? [])
            : null;
        return {
          id: fresh(v.id),
          workshopId,
          proposalId: fresh(v.proposalId),
          title: v.title,
          runId,
          state,
          percent: state === 'completed' ? 100 : v.percent,
          comparison: paired as unknown as Record<string, unknown> | null,
          // the file's order is the board's order
          createdAt: new Date(Date.parse(at) + i).toISOString(),
        };
      }),
      votes: file.votes.map((v) => ({
        participantId: fresh(v.participantId),
        ranking: v.ranking.map(fresh),
      })),
      runs,
    });
    this.logger.info({ workshopId, from: w.id, runs: runs.length }, 'workshop imported');
    return this.toWorkshop(this.record(workshopId), origin);
  }
}
