// The room's state (pure, no DOM): the `workshop.subscribe` snapshot, then the channel's events
// applied one by one. Each event carries the workshop's seq and `prev` (the seq it follows): an
// event not newer than what is held is dropped; one whose `prev` is newer than what is held
// means one was missed, and the caller subscribes again for a snapshot (as the run client does).
import type {
  Board,
  Participant,
  Proposal,
  Variant,
  VoteTally,
  Workshop,
  WorkshopBaselineFacts,
  WorkshopEvent,
  WorkshopSnapshot,
  WorkshopView,
} from '@caretwin/contracts';

export interface RoomState {
  workshop: Workshop;
  seq: number;
  participants: Participant[];
  proposals: Proposal[];
  variants: Variant[];
  /** the facilitator's view (what followers mirror) */
  view: WorkshopView;
  board: Board;
  myVote: string[] | null;
  /** what the levers act on in the baseline (the api's), null when unknown */
  baselineFacts: WorkshopBaselineFacts | null;
  /** whether this caller may facilitate (false: a planner watching another's workshop) */
  canFacilitate: boolean;
  /** events applied since the last snapshot */
  applied: number;
}

export type EventOutcome = 'applied' | 'stale' | 'gap';

export const roomFromSnapshot = (snapshot: WorkshopSnapshot): RoomState => ({
  workshop: snapshot.workshop,
  seq: snapshot.seq,
  participants: [...snapshot.participants],
  proposals: [...snapshot.proposals],
  variants: [...snapshot.variants],
  view: snapshot.view,
  board: snapshot.board,
  myVote: snapshot.myVote,
  baselineFacts: snapshot.baselineFacts ?? null,
  canFacilitate: snapshot.canFacilitate ?? true,
  applied: 0,
});

/**
 * A snapshot replaces what is held unless it is older (a late answer to an earlier subscribe);
 * null when it is older.
 */
export function takeSnapshot(held: RoomState | null, snapshot: WorkshopSnapshot): RoomState | null {
  if (held && snapshot.seq < held.seq) return null;
  return roomFromSnapshot(snapshot);
}

const upsert = <T extends { id: string }>(items: readonly T[], item: T): T[] => {
  const index = items.findIndex((x) => x.id === item.id);
  if (index < 0) return [...items, item];
  const next = [...items];
  next[index] = item;
  return next;
};

/** The tally's points on the board's rows (rows without a vote have 0). */
export function withVote(board: Board, vote: VoteTally): Board {
  const points = new Map(vote.rows.map((r) => [r.variantId, r.points]));
  return {
    ...board,
    vote,
    rows: board.rows.map((row) => ({ ...row, points: points.get(row.variantId) ?? 0 })),
  };
}

/** Applies one event in place of `state`'s parts (a new state object); the outcome says whether. */
export function applyWorkshopEvent(
  state: RoomState,
  event: WorkshopEvent,
): { outcome: EventOutcome; state: RoomState } {
  if (event.workshopId !== state.workshop.id || event.seq <= state.seq) return { outcome: 'stale', state };
  if (event.prev > state.seq) return { outcome: 'gap', state };
  const next: RoomState = { ...state, seq: event.seq, applied: state.applied + 1 };
  switch (event.type) {
    case 'participant.joined':
      next.participants = upsert(state.participants, event.participant);
      break;
    case 'proposal.created':
    case 'proposal.updated':
      next.proposals = upsert(state.proposals, event.proposal);
      break;
    case 'variant.progress': {
      next.variants = upsert(state.variants, event.variant);
      // the board's row moves with its run until board.updated brings the comparison
      next.board = {
        ...state.board,
        rows: state.board.rows.map((row) =>
          row.variantId === event.variant.id ? { ...row, state: event.variant.state } : row,
        ),
      };
      break;
    }
    case 'board.updated':
      next.board = event.board;
      break;
    case 'view.changed':
      next.view = event.view;
      break;
    case 'vote.updated':
      next.board = withVote(state.board, event.vote);
      break;
    case 'workshop.closed':
      next.workshop = event.workshop;
      break;
  }
  return { outcome: 'applied', state: next };
}

/** The runs of the room in order: the baseline first, then the variants as accepted. */
export function roomRuns(state: RoomState): Array<{ runId: string; variant: Variant | null }> {
  return [
    { runId: state.workshop.baseline.runId, variant: null },
    ...state.variants.map((variant) => ({ runId: variant.runId, variant })),
  ];
}

/** Whether a run's result can be read (the baseline's state is on the board). */
export function runCompleted(state: RoomState, runId: string): boolean {
  if (runId === state.workshop.baseline.runId) return state.board.baseline.state === 'completed';
  return state.variants.some((v) => v.runId === runId && v.state === 'completed');
}
