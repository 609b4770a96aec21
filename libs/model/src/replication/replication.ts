// One replication: one ReplicationState and the collaborators that act on it, composed here —
// bed rules (beds, step-down, blocking, waiters), admissions (the hospital door), transport
// (ambulances), arrivals, policy events and the day clock — plus the event loop's one switch
// and the result.
import type { ReplicationResult } from '@caretwin/contracts';
import type { ResolvedScenario } from '@caretwin/scenario';
import { buildReplicationResult } from '../kpis/result-builder';
import { WarmupRecorder } from '../stats/warmup';
import { Admissions } from './admissions';
import { Arrivals } from './arrivals';
import { BedRules } from './bed-rules';
import { Bookings } from './bookings';
import { DayClock } from './days';
import { Eligibility } from './eligibility';
import type { RunOptions } from './days';
import { Ev } from './events';
import { seedInitialCensus } from './initial-census';
import { PolicyEvents } from './policy-events';
import { ReplicationState } from './state';
import { Transport } from './transport';

export type { RunOptions } from './days';

// Local copies: imported bindings are getters in the CommonJS output, too slow for the
// event loop.
const EV_ARRIVAL = Ev.ARRIVAL;
const EV_AT_HOSPITAL = Ev.AT_HOSPITAL;
const EV_INQUIRE = Ev.INQUIRE;
const EV_LATER_ADMISSION = Ev.LATER_ADMISSION;
const EV_PHASE_END = Ev.PHASE_END;
const EV_POLICY = Ev.POLICY;
const EV_SLOTS = Ev.SLOTS;
const EV_VEHICLE_BACK = Ev.VEHICLE_BACK;

export class Replication {
  readonly state: ReplicationState;
  readonly beds: BedRules;
  readonly eligibility: Eligibility;
  readonly admissions: Admissions;
  readonly bookings: Bookings;
  readonly transport: Transport;
  readonly arrivals: Arrivals;
  readonly policies: PolicyEvents;
  readonly days: DayClock;

  constructor(resolved: ResolvedScenario, replication: number, options: RunOptions = {}) {
    const state = new ReplicationState(resolved, replication);
    this.state = state;
    this.beds = new BedRules(state);
    this.eligibility = new Eligibility(state);
    this.admissions = new Admissions(state, this.beds, this.eligibility);
    this.bookings = new Bookings(state, this.beds, this.admissions);
    this.admissions.connect(this.bookings);
    // A bed that frees may take a booked patient off its list: the one call from bed rules back up.
    this.beds.connect(this.bookings);
    this.transport = new Transport(state, this.beds, this.admissions);
    this.arrivals = new Arrivals(state, this.admissions, this.transport);
    this.policies = new PolicyEvents(state, this.beds, this.admissions, this.transport, this.eligibility);
    this.days = new DayClock(state, this.beds, options);
  }

  run(): ReplicationResult {
    const state = this.state;
    // Policies of day 0 shape the starting state (and the initial census).
    this.policies.applyAtStart();
    for (let pool = 0; pool < state.facilities.pools.length; pool++) state.syncCapacity(pool);
    this.transport.syncFleet();
    seedInitialCensus(state, this.beds, state.scenario.initialCensus);
    this.bookings.start();
    // A census start also has the census day's bookings waiting (arrivals.ts, prebook).
    const census = state.scenario.initialCensus;
    if (census.mode === 'given') this.arrivals.prebook(census.bookedDays ?? 1);

    this.policies.postLater();
    this.arrivals.start();
    if (state.scenario.warmupDays === 0) state.startMeasuring(0);

    state.sim.run(this.handle, state.endMinutes, this.days.onDayBoundary);
    this.days.flushPartialWeek();
    return buildReplicationResult(state, this.days);
  }

  /** The engine's event handler: one switch, no closures per event. */
  private readonly handle = (kind: number, a: number, b: number): void => {
    switch (kind) {
      case EV_ARRIVAL:
        this.arrivals.arrival(a);
        break;
      case EV_INQUIRE:
        this.transport.inquire(a, b);
        break;
      case EV_AT_HOSPITAL:
        this.transport.atHospital(a);
        break;
      case EV_VEHICLE_BACK:
        this.transport.vehicleBack(a);
        break;
      case EV_PHASE_END:
        this.beds.phaseEnd(a);
        break;
      case EV_LATER_ADMISSION:
        this.arrivals.laterAdmission(a, b);
        break;
      case EV_POLICY:
        this.policies.apply(a);
        break;
      case EV_SLOTS:
        this.bookings.openSlots(a);
        break;
      default:
        throw new Error(`unknown event kind ${kind}`);
    }
  };
}

/** One replication: deterministic for (scenario, seed, replicationIndex). Result is plain JSON. */
export function runReplication(
  resolved: ResolvedScenario,
  replicationIndex: number,
  options: RunOptions = {},
): ReplicationResult {
  // The daily prefecture series for the MSER-5 warm-up analysis comes from the same snapshots.
  const warmup = new WarmupRecorder();
  const { onDay } = options;
  const result = new Replication(resolved, replicationIndex, {
    ...options,
    onDay: (day, snapshot) => {
      warmup.record(day, snapshot);
      if (onDay) onDay(day, snapshot);
    },
  }).run();
  result.warmup = warmup.analysis(resolved.scenario);
  return result;
}
