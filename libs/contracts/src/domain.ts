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

/** Bounds on what an error body echoes back: a hostile input must not come back whole. */
export const ERROR_BODY_LIMITS = {
  /** issues listed; the rest are counted in one final issue */
  maxIssues: 100,
  /** longest quoted value (or path) echoed; longer ones are cut with a count of what was left out */
  maxEcho: 200,
  /** longest message as a whole */
  maxMessage: 2000,
} as const;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Cuts every quoted run longer than maxEcho, then the whole text to maxMessage. Linear. */
export function clipEchoes(text: string): string {
  if (text.length <= ERROR_BODY_LIMITS.maxEcho) return text;
  const cut = text.replace(
    /"[^"]{200,}"/g,
    (quoted) => `"${clip(quoted.slice(1, -1), ERROR_BODY_LIMITS.maxEcho)}"`,
  );
  return clip(cut, ERROR_BODY_LIMITS.maxMessage);
}

/** At most maxIssues issues (the last one says how many more there were), each clipped. */
export function boundIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const { maxIssues } = ERROR_BODY_LIMITS;
  const kept = issues.length > maxIssues ? issues.slice(0, maxIssues - 1) : issues;
  const out = kept.map((issue) => ({
    file: clip(issue.file, ERROR_BODY_LIMITS.maxEcho),
    path: clip(issue.path, ERROR_BODY_LIMITS.maxEcho),
    line: issue.line,
    column: issue.column,
    message: clipEchoes(issue.message),
  }));
  if (issues.length > maxIssues)
    out.push({
      file: out[0]?.file ?? '<input>',
      path: '',
      line: null,
      column: null,
      message: `${issues.length - kept.length} more issues not listed (the first ${kept.length} are)`,
    });
  return out;
}
