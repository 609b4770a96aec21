// Public surface of @caretwin/engine (see README.md): the contract libs/model codes against.

// core/
export { MINUTES_PER_DAY } from './core/time';
export { Simulation, MIN_PRIORITY, MAX_PRIORITY } from './core/simulation';
export type { EventHandler, SimulationOptions } from './core/simulation';

// random/
export { RandomStream, streamFor } from './random/random-stream';
export { AliasTable } from './random/alias-table';
export { ThinningArrivals } from './random/thinning-arrivals';

// resources/
export { BedPool } from './resources/bed-pool';
export { WaitingLine } from './resources/waiting-line';
export type { WaitingLineOptions } from './resources/waiting-line';

// stats/
export { TimeWeighted } from './stats/time-weighted';
export { Tally } from './stats/tally';
export { QuantileSketch } from './stats/quantile-sketch';
export { DailySeries } from './stats/daily-series';
export { meanCI, pairedDifference, welchDifference } from './stats/confidence';
export type { MeanCI, PairedDifference, WelchDifference } from './stats/confidence';
export { studentTQuantile } from './stats/student-t';
export { erlangB, erlangC } from './stats/erlang';

// Reference models (tests, benchmark, demo): Erlang loss and delay systems on the kernel.
export { runLossSystem } from './examples/loss-system';
export type { LossSystemOptions, LossSystemResult, EstimateWithError } from './examples/loss-system';
export { runDelaySystem } from './examples/delay-system';
export type { DelaySystemOptions, DelaySystemResult } from './examples/delay-system';
