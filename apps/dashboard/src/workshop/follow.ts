// Follow mode (pure): a participant's screen mirrors the facilitator's view (run, panel, area)
// until the participant changes one of them ("exploring on their own"); one click follows again
// and jumps to the facilitator's current view. The facilitator's own changes are the view.
import { WORKSHOP_CHARTS, type WorkshopView } from '@caretwin/contracts';

export type RoomRole = 'facilitator' | 'participant';

export interface FollowState {
  role: RoomRole;
  following: boolean;
  /** the facilitator's latest view */
  facilitator: WorkshopView;
  /** what this screen shows */
  shown: WorkshopView;
}

export type FollowAction =
  /** a view.changed event or a snapshot's view */
  | { type: 'facilitator'; view: WorkshopView }
  /** this screen's user picked a tab, run or area */
  | { type: 'local'; change: Partial<WorkshopView> }
  /** "follow the facilitator" */
  | { type: 'follow' };

export const initialFollow = (role: RoomRole, view: WorkshopView): FollowState => ({
  role,
  following: true,
  facilitator: view,
  shown: view,
});

const sameView = (a: WorkshopView, b: WorkshopView): boolean =>
  a.runId === b.runId && a.chart === b.chart && a.area === b.area;

export function follow(state: FollowState, action: FollowAction): FollowState {
  switch (action.type) {
    case 'facilitator':
      return {
        ...state,
        facilitator: action.view,
        shown: state.following ? action.view : state.shown,
      };
    case 'local': {
      const shown = { ...state.shown, ...action.change };
      if (sameView(shown, state.shown)) return state;
      // the facilitator's screen is the view everyone follows: it never leaves it
      if (state.role === 'facilitator') return { ...state, facilitator: shown, shown };
      return { ...state, following: false, shown };
    }
    case 'follow':
      return { ...state, following: true, shown: state.facilitator };
  }
}

/** Whether a local change must be sent to the api (PUT view): only the facilitator's. */
export const broadcasts = (before: FollowState, after: FollowState): boolean =>
  after.role === 'facilitator' && !sameView(before.shown, after.shown);

/** What a participant's screen keeps across a reload: whether it follows, and what it shows. */
export interface SavedFollow {
  following: boolean;
  shown: WorkshopView;
}

const isView = (value: unknown): value is WorkshopView => {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const idOrNull = (x: unknown): boolean => x === null || typeof x === 'string';
  return (WORKSHOP_CHARTS as readonly unknown[]).includes(v.chart) && idOrNull(v.runId) && idOrNull(v.area);
};

/** The part of a participant's state worth keeping; null for the facilitator (the api keeps theirs). */
export const savedFollow = (state: FollowState): SavedFollow | null =>
  state.role === 'participant' ? { following: state.following, shown: state.shown } : null;

/**
 * A participant who reloads while exploring lands where they were, still exploring; one who was
 * following follows the facilitator's current view. Anything unreadable is ignored.
 */
export function restoreFollow(state: FollowState, saved: unknown): FollowState {
  if (state.role !== 'participant' || !saved || typeof saved !== 'object') return state;
  const s = saved as Partial<SavedFollow>;
  if (s.following !== false || !isView(s.shown)) return state;
  return { ...state, following: false, shown: s.shown };
}
