// Planning workshops (issue 19, docs/workshops.md): a facilitator and 5–30 participants explore
// what-ifs together. One shape for the api (apps/api/src/workshops), the pure rules
// (@caretwin/workshop: lever bounds, board, sentences, vote tally), the dashboard's workshop
// views, the handout and the tests. Participants join with a short code and get a participant
// token bound to one workshop: it reads that workshop, proposes, votes, and nothing else.
import type { Ack } from './socket';
import type { BedFunction, RunState } from './domain';
import type { Comparison } from './result';

export const WORKSHOP_STATES = ['open', 'closed'] as const;
export type WorkshopState = (typeof WORKSHOP_STATES)[number];

/**
 * A lever participants may touch, with its bound. A proposal's policies must each fit one bound;
 * the api answers 422 naming the policy's JSON path and the bound otherwise.
 * - convertBeds: `convertBeds` policies with this `area` (an area id); the beds converted in the
 *   area, summed over the proposal, at most `maxBeds`; `from`/`to` limit the functions (all when absent).
 * - ambulances: `setAmbulances` policies for an area (this `area`, or any area when absent); the
 *   vehicles may differ from the baseline's in that area by at most `maxChange` either way.
 * - closeHospital: `closeHospital` of one of `hospitals`.
 * - lengthOfStay: `lengthOfStay` with `min ≤ multiplier ≤ max`.
 * - eligibility: `eligibility` (My Number checks) with `failureRate ≤ maxFailureRate`.
 */
export type LeverBound =
  | { kind: 'convertBeds'; area: string; maxBeds: number; from?: BedFunction[]; to?: BedFunction[] }
  | { kind: 'ambulances'; area?: string; maxChange: number }
  | { kind: 'closeHospital'; hospitals: string[] }
  | { kind: 'lengthOfStay'; min: number; max: number }
  | { kind: 'eligibility'; maxFailureRate: number };

export const LEVER_KINDS = [
  'convertBeds',
  'ambulances',
  'closeHospital',
  'lengthOfStay',
  'eligibility',
] as const;
export type LeverKind = (typeof LEVER_KINDS)[number];

/** `POST /api/workshops` (planner, admin). */
export interface CreateWorkshopRequest {
  title: string;
  /** the question, one sentence */
  question: string;
  /** a finished run, or a scenario the api runs as the baseline (with `replications`, `seed`, `horizonDays`) */
  baseline:
    { runId: string } | { scenarioId: string; replications?: number; seed?: number; horizonDays?: number };
  levers: LeverBound[];
}

export interface Participant {
  id: string;
  name: string;
  joinedAt: string;
}

export const PROPOSAL_STATES = ['proposed', 'merged', 'accepted', 'declined'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** `POST /api/workshops/:id/proposals`: a variant within the levers, with a one-line rationale. */
export interface ProposalRequest {
  title: string;
  /** one line, at most 200 characters */
  rationale: string;
  /** scenario policies (libs/scenario Policy), each within a lever bound */
  policies: Array<Record<string, unknown>>;
}

export interface Proposal extends ProposalRequest {
  id: string;
  workshopId: string;
  /** participant id, or the facilitator's token name */
  author: { id: string; name: string; role: 'participant' | 'facilitator' };
  state: ProposalState;
  /** proposals merged into this one (duplicates), ids */
  mergedFrom: string[];
  /** when merged: the proposal it was merged into */
  mergedInto: string | null;
  /** when accepted: its variant */
  variantId: string | null;
  createdAt: string;
}

/** An accepted proposal, run on common random numbers with the baseline (same seed, replications, horizon). */
export interface Variant {
  id: string;
  proposalId: string;
  title: string;
  runId: string;
  state: RunState;
  /** 0–100 */
  percent: number;
}

/** What the facilitator shows; followers mirror it. */
export interface WorkshopView {
  /** the run on screen (the baseline's or a variant's), or null for the board */
  runId: string | null;
  /** which panel: 'board', 'kpis', 'occupancy', 'map', 'proposals', 'vote' */
  chart: WorkshopChart;
  /** the selected area id, or null for the whole prefecture */
  area: string | null;
}
export const WORKSHOP_CHARTS = ['board', 'kpis', 'occupancy', 'map', 'proposals', 'vote'] as const;
export type WorkshopChart = (typeof WORKSHOP_CHARTS)[number];

/** `PUT /api/workshops/:id/votes/me` (a participant): up to three variant ids, best first. */
export interface VoteRequest {
  ranking: string[];
}

/** The vote result: points are 3/2/1 for a first/second/third place (a Borda count over ranks). */
export interface VoteTally {
  voters: number;
  rows: Array<{ variantId: string; points: number; firstPlaces: number }>;
}

/** One row of the board: a variant against the baseline. */
export interface BoardRow {
  variantId: string;
  title: string;
  runId: string;
  state: RunState;
  /** paired on common random numbers; null until the run completes */
  comparison: Comparison | null;
  /** the board's KPI keys whose difference is significant (CI excludes 0) */
  significant: string[];
  /** the plain-language sentence from its significant differences; null until completed */
  sentence: { ja: string; en: string } | null;
  points: number;
}

/** `GET /api/workshops/:id/board`. */
export interface Board {
  workshopId: string;
  baseline: { runId: string; scenarioId: string; state: RunState };
  /** the KPI columns, in order (BOARD_KPI_KEYS of @caretwin/workshop) */
  kpis: Array<{ key: string; label: { ja: string; en: string }; unit: string }>;
  rows: BoardRow[];
  vote: VoteTally;
}

export interface Workshop {
  id: string;
  title: string;
  question: string;
  state: WorkshopState;
  /** short join code, 6 characters from an unambiguous alphabet (no 0/O, 1/I/L) */
  joinCode: string;
  /** the dashboard's join link: `<origin>/#/join/<code>` */
  joinUrl: string;
  baseline: { runId: string; scenarioId: string };
  levers: LeverBound[];
  /** the baseline run's settings every variant repeats (common random numbers) */
  seed: number;
  replications: number;
  horizonDays: number;
  createdAt: string;
  closedAt: string | null;
  /** the facilitator's token name */
  facilitator: string;
}

/**
 * What the levers act on in the baseline, after its own policies (the api checks proposals
 * against the same): the room's forms offer these, before the baseline's result is read.
 */
export interface WorkshopBaselineFacts {
  /** area ids of the baseline's region */
  areas: string[];
  /** hospital ids open in the baseline */
  hospitals: string[];
  /** ambulances per area in the baseline */
  ambulancesByArea: Record<string, number>;
}

/** `GET /api/workshops/:id` and the `workshop.subscribe` acknowledgement: everything, at `seq`. */
export interface WorkshopSnapshot {
  workshop: Workshop;
  seq: number;
  participants: Participant[];
  proposals: Proposal[];
  variants: Variant[];
  view: WorkshopView;
  board: Board;
  /** the caller's own ranking when the caller is a participant */
  myVote: string[] | null;
  /** null when the baseline's input is no longer held (absent in exports made before it was added) */
  baselineFacts?: WorkshopBaselineFacts | null;
  /** whether the caller may facilitate (the planner that created it, or an admin) */
  canFacilitate?: boolean;
}

/** A print link's key (`ctv_<workshopId>.<expires>.<signature>`): reads its workshop, writes nothing. */
export const PRINT_LINK_PREFIX = 'ctv_';

/**
 * `POST /api/workshops/:id/print-link` → 201: the handout's URL with a read-only key of its own
 * (`key=ctv_…`), for `chromium --headless --print-to-pdf`, whose fresh profile holds no token.
 */
export interface PrintLink {
  url: string;
  expiresAt: string;
  /** the command that prints it (Debian's chromium) */
  command: string;
}

/** `POST /api/workshops/join` (no token): `{code, name}` → 201. */
export interface JoinRequest {
  code: string;
  /** display name, 1–40 characters */
  name: string;
}
export interface JoinAnswer {
  workshopId: string;
  participant: Participant;
  /** the participant token (shown once): send as `Authorization: Bearer` and socket `auth.token` */
  token: string;
}

/** `GET /api/workshops/join/:code` (no token): what the join page shows before joining. */
export interface JoinInfo {
  workshopId: string;
  title: string;
  question: string;
  state: WorkshopState;
}

/**
 * Workshop events, one per change, each with the workshop's sequence number and `prev` (the seq
 * it follows): a client drops what is not newer than it holds and subscribes again (for a
 * snapshot) when `prev` is newer than it holds, and on every reconnect — as run progress.
 */
export type WorkshopEventBody =
  | { type: 'participant.joined'; participant: Participant }
  | { type: 'proposal.created'; proposal: Proposal }
  | { type: 'proposal.updated'; proposal: Proposal }
  | { type: 'variant.progress'; variant: Variant }
  | { type: 'board.updated'; board: Board }
  | { type: 'view.changed'; view: WorkshopView }
  | { type: 'vote.updated'; vote: VoteTally }
  | { type: 'workshop.closed'; workshop: Workshop };

export type WorkshopEvent = WorkshopEventBody & {
  workshopId: string;
  seq: number;
  prev: number;
  /** ms since the epoch, when the api sent it */
  at: number;
};

export interface WorkshopServerToClientEvents {
  'workshop.event': (event: WorkshopEvent) => void;
}

export interface WorkshopClientToServerEvents {
  'workshop.subscribe': (
    payload: { workshopId: string },
    ack: (reply: Ack<WorkshopSnapshot>) => void,
  ) => void;
  'workshop.unsubscribe': (
    payload: { workshopId: string },
    ack: (reply: Ack<{ workshopId: string }>) => void,
  ) => void;
}

/** `GET /api/workshops/:id/export`: one JSON file another deployment imports (`POST /api/workshops/import`). */
export interface WorkshopExport {
  format: 'caretwin.workshop';
  version: 1;
  exportedAt: string;
  workshop: Workshop;
  participants: Participant[];
  proposals: Proposal[];
  variants: Variant[];
  votes: Array<{ participantId: string; ranking: string[] }>;
  /** the facilitator's last view (absent in files exported before it was added: the board) */
  view?: WorkshopView;
  /** the baseline's and every variant's run: its stored view and result document */
  runs: Array<{ id: string; run: Record<string, unknown>; result: Record<string, unknown> | null }>;
}
