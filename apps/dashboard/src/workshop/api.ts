// The workshop routes of the api (issue 19, libs/contracts/src/workshop.ts) as the dashboard
// calls them. Errors arrive as the REST client's ApiError (the api's one error body), so the
// proposal form can show the 422's message naming the bound. The tab's token (a planner's, or a
// participant's `ctp_…` after joining) is added by api/session.ts's fetch wrapper.
import type {
  Board,
  CreateWorkshopRequest,
  JoinAnswer,
  JoinInfo,
  Proposal,
  ProposalRequest,
  RegionBoundaries,
  RunView,
  Variant,
  VoteTally,
  Workshop,
  WorkshopSnapshot,
  WorkshopView,
} from '@caretwin/contracts';
import { ApiError, jsonRequester } from '../api/rest';
import type { ResultDocument } from '../api/types';

export interface WorkshopApi {
  list(): Promise<{ items: Workshop[] }>;
  create(request: CreateWorkshopRequest): Promise<Workshop>;
  snapshot(id: string): Promise<WorkshopSnapshot>;
  joinInfo(code: string): Promise<JoinInfo>;
  join(code: string, name: string): Promise<JoinAnswer>;
  propose(id: string, request: ProposalRequest): Promise<Proposal>;
  merge(id: string, proposalId: string, into: string): Promise<Proposal>;
  accept(id: string, proposalId: string): Promise<Variant>;
  decline(id: string, proposalId: string): Promise<Proposal>;
  setView(id: string, view: WorkshopView): Promise<WorkshopView>;
  vote(id: string, ranking: string[]): Promise<VoteTally>;
  board(id: string): Promise<Board>;
  run(id: string, runId: string): Promise<RunView>;
  /** a run of this workshop (baseline or variant): participants read runs only this way */
  result(id: string, runId: string): Promise<ResultDocument>;
  /** the baseline region's municipal boundaries (a participant's map; readers may use the region's) */
  boundaries(id: string): Promise<RegionBoundaries>;
  close(id: string): Promise<Workshop>;
}

export function createWorkshopApi(
  base = '',
  fetcher: typeof fetch = (...args) => fetch(...args),
): WorkshopApi {
  const request = jsonRequester(base, fetcher);
  const e = encodeURIComponent;
  const w = (id: string): string => `/api/workshops/${e(id)}`;
  return {
    list: () => request('GET', '/api/workshops'),
    create: (body) => request('POST', '/api/workshops', body),
    snapshot: (id) => request('GET', w(id)),
    joinInfo: (code) => request('GET', `/api/workshops/join/${e(code)}`),
    join: (code, name) => request('POST', '/api/workshops/join', { code, name }),
    propose: (id, body) => request('POST', `${w(id)}/proposals`, body),
    merge: (id, pid, into) => request('POST', `${w(id)}/proposals/${e(pid)}/merge`, { into }),
    accept: (id, pid) => request('POST', `${w(id)}/proposals/${e(pid)}/accept`),
    decline: (id, pid) => request('POST', `${w(id)}/proposals/${e(pid)}/decline`),
    setView: (id, view) => request('PUT', `${w(id)}/view`, view),
    vote: (id, ranking) => request('PUT', `${w(id)}/votes/me`, { ranking }),
    board: (id) => request('GET', `${w(id)}/board`),
    run: (id, runId) => request('GET', `${w(id)}/runs/${e(runId)}`),
    result: (id, runId) => request('GET', `${w(id)}/runs/${e(runId)}/result`),
    boundaries: (id) => request('GET', `${w(id)}/boundaries`),
    close: (id) => request('POST', `${w(id)}/close`),
  };
}

/** The message to show for a refused request: the api's issues (path: message), else its message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    return issues.length ? issues.join('\n') : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
