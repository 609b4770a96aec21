// The shapes every part shares, defined once (docs/architecture.md "One definition per
// shape"): the engine's time unit, the four bed functions, the life of a run and the one
// error body. libs/contracts has no dependencies, so the dashboard bundle may import it.

/** The engine's clock runs in minutes: ambulance legs and inquiry calls are minutes long,
 *  stays are days long, and a double holds both without loss over centuries. */
export const MINUTES_PER_DAY = 1440;

/** 病床機能: the four functions of the 病床機能報告 (高度急性期 / 急性期 / 回復期 / 慢性期). */
export const BED_FUNCTIONS = ['highAcute', 'acute', 'recovery', 'chronic'] as const;
export type BedFunction = (typeof BED_FUNCTIONS)[number];

// The life of a run: queued → running → completed | failed | cancelled. A finished run never
// changes again, so a late event (a replication completing after a cancel) cannot resurrect it.
export const RUN_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const FINISHED_STATES: ReadonlySet<RunState> = new Set(['completed', 'failed', 'cancelled']);

export function isRunState(value: string): value is RunState {
  return (RUN_STATES as readonly string[]).includes(value);
}

const NEXT: Record<RunState, readonly RunState[]> = {
  // queued → completed happens when the api missed the 'active' events (it was down).
  queued: ['running', 'completed', 'failed', 'cancelled'],
  running: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

/** Whether a run in state `from` may move to `to` (the store refuses every other move). */
export function canTransition(from: RunState, to: RunState): boolean {
  return NEXT[from].includes(to);
}

/** One problem, located where the planner wrote it. */
export interface ValidationIssue {
  /** File the value came from (`scenarios/miyagi-surge.yaml`, `saved:my-plan@3`, `<input>`, `<request>`). */
  file: string;
  /** Path inside the document, e.g. `policies[2].hospital`; '' for the document itself. */
  path: string;
  /** 1-based line and column; null when the input was an object rather than text. */
  line: number | null;
  column: number | null;
  message: string;
}

/** The one error body of every edge (HTTP, socket.io acks, the CLI's --json, BullMQ failures). */
export interface ErrorBody<Code extends string = string> {
  code: Code;
  message: string;
  issues: ValidationIssue[];
}
