// Conservation (docs/architecture.md "Correctness anchors"): every generated patient and call is in
// exactly one state. The counters kept during the run are checked against an independent scan
// of the fate log (one byte per patient ever generated) and of the live patient table, and the
// beds the pools say are in use against the patients that hold one.
import type { ConservationCensus } from '@caretwin/contracts';
import { Fate, FATES, Live, LIVE_STATES } from '../patients/table';
import type { ReplicationState } from '../replication/state';

export interface ScannedCensus {
  byFate: Float64Array;
  byLive: Float64Array;
  bedsHeld: number;
}

/** Counts states by looking at every patient, not at any counter. */
export function scanPatients(state: ReplicationState): ScannedCensus {
  const p = state.patients;
  const byFate = new Float64Array(FATES);
  const byLive = new Float64Array(LIVE_STATES);
  for (let s = 0; s < p.generated; s++) byFate[p.fate[s]]++;
  let bedsHeld = 0;
  for (let id = 0; id < p.high; id++) {
    const st = p.state[id];
    if (st === Live.FREE) continue;
    byLive[st]++;
    if (p.pool[id] >= 0) bedsHeld++;
  }
  return { byFate, byLive, bedsHeld };
}

export function conservationCensus(state: ReplicationState): ConservationCensus {
  const live = state.liveCount;
  const fate = state.fateCount;
  const scan = scanPatients(state);
  let bedsInUse = 0;
  for (const pool of state.facilities.pools) bedsInUse += pool.inUse;
  let liveTotal = 0;
  let consistent = scan.bedsHeld === bedsInUse;
  for (let s = 1; s < LIVE_STATES; s++) {
    liveTotal += live[s];
    if (scan.byLive[s] !== live[s]) consistent = false;
  }
  for (let f = 1; f < FATES; f++) if (scan.byFate[f] !== fate[f]) consistent = false;
  if (scan.byFate[Fate.ALIVE] !== liveTotal) consistent = false;
  const generated = state.generatedArrivals + state.generatedCalls + state.generatedInitial;
  if (generated !== state.patients.generated) consistent = false;
  let ended = 0;
  for (let f = 1; f < FATES; f++) ended += fate[f];
  if (ended + liveTotal !== generated) consistent = false;
  return {
    generated: {
      arrivals: state.generatedArrivals,
      calls: state.generatedCalls,
      initial: state.generatedInitial,
      total: generated,
    },
    byState: {
      discharged: fate[Fate.DISCHARGED],
      died: fate[Fate.DIED],
      transportedNotAdmitted: fate[Fate.TRANSPORTED_NOT_ADMITTED],
      leftRegion: fate[Fate.LEFT_REGION],
      inSystem: liveTotal,
    },
    inSystem: {
      inBed: live[Live.IN_BED],
      blocked: live[Live.BLOCKED],
      overflow: live[Live.OVERFLOW],
      transport: live[Live.TRANSPORT],
      waitingVehicle: live[Live.WAITING_VEHICLE],
      bookingList: live[Live.BOOKED],
      atDoor: live[Live.AT_DOOR],
    },
    consistent,
  };
}
