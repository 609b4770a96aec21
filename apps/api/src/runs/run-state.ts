// The life of a run (DESIGN.md "The service"): queued → running → completed | failed |
// cancelled. A finished run never changes again, so a late event (a replication completing
// after a cancel) cannot resurrect it.
export const RUN_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const FINISHED_STATES: ReadonlySet<RunState> = new Set(['completed', 'failed', 'cancelled']);

const NEXT: Record<RunState, readonly RunState[]> = {
  // queued → completed happens when the api missed the 'active' events (it was down).
  queued: ['running', 'completed', 'failed', 'cancelled'],
  running: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: RunState, to: RunState): boolean {
  return NEXT[from].includes(to);
}

export function isRunState(value: string): value is RunState {
  return (RUN_STATES as readonly string[]).includes(value);
}
