// `caretwin demo`: a small, fast proof that the engine works, for `npm start` until the
// service exists. One acute ward (急性期病棟) run as an Erlang loss system for five years, with
// the simulated occupancy and turned-away share set beside their closed-form values.
import { runLossSystem } from '@caretwin/engine';

export interface DemoOptions {
  seed?: number;
  /** Wall-clock reader for the timing line (the engine itself never reads a clock). */
  clock?: () => number;
}

const WARD = { beds: 120, arrivalsPerDay: 11, meanStayDays: 10 };
const YEARS = 5;

const percent = (x: number) => `${(100 * x).toFixed(2)} %`;
const grouped = (n: number) => n.toLocaleString('en-US');

export function runDemo(options: DemoOptions = {}): string[] {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const r = runLossSystem({ ...WARD, horizonDays: 365 * YEARS, warmupDays: 0, batches: 10, seed });
  const seconds = (clock() - started) / 1000;
  const load = WARD.arrivalsPerDay * WARD.meanStayDays;
  return [
    `CareTwin engine demo — one acute ward (急性期病棟) as an Erlang loss system, seed ${seed}`,
    `  ${WARD.beds} beds, ${WARD.arrivalsPerDay} admissions a day (Poisson), stays exponential with mean ${WARD.meanStayDays} days (offered load ${load}), ${YEARS} years`,
    `  simulated ${grouped(r.events)} events (admissions and discharges) in ${seconds.toFixed(2)} s`,
    `  mean occupancy ${r.occupancy.mean.toFixed(1)} beds (95 % CI ± ${r.occupancy.halfWidth.toFixed(1)}) — analytic λ·(1−B)·stay = ${r.analytic.occupancy.toFixed(1)}`,
    `  admissions turned away ${percent(r.blocking.mean)} (95 % CI ± ${percent(r.blocking.halfWidth)}; ${grouped(r.blocked)} of ${grouped(r.arrivals)}) — Erlang-B = ${percent(r.analytic.blocking)}`,
    `  every bed taken ${percent(r.timeFull.mean)} of the time (95 % CI ± ${percent(r.timeFull.halfWidth)}) — Erlang-B too, as Poisson arrivals see time averages (PASTA)`,
  ];
}
