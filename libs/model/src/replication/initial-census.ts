// The initial census (libs/model/README.md, "Initial census"): patients already in bed at
// time 0, per pool from the expected flows after congestion spills them to the neighbours
// (`expected`) or as given per hospital (`given`); phases from the pool's expected mix, home
// municipality from the hospital's expected catchment, remaining stay length-biased × U(0, 1).
// Runs once, before the first event.
import { BED_FUNCTIONS } from '@caretwin/contracts';
import { streamFor } from '@caretwin/engine';
import type { InitialCensus } from '@caretwin/scenario';
import { Slot, TWO_POW_32 as TWO_POW_32_ } from '../demand/keyed-draws';
import { ModelInputError } from '../errors';
import { expectedFlows } from '../need/expected-flows';
import { spillToNeighbours } from '../need/spill';
import { meanMultiplier } from '../need/static-need';
import { Flag, Live } from '../patients/table';
import { FlatAlias } from '../region/alias';
import { routeKey as routeKey_ } from '../region/network';
import { FUNCTIONS as FUNCTIONS_ } from '../region/region-index';
import type { BedRules } from './bed-rules';
import type { ReplicationState } from './state';

// Local copies: imported bindings are getters in the CommonJS output, too slow for a census of
// a million patients (a Japan-size region).
const FLAG_INITIAL = Flag.INITIAL;
const LIVE_IN_BED = Live.IN_BED;
const SLOT_CENSUS_REMAINING = Slot.CENSUS_REMAINING;
const FUNCTIONS = FUNCTIONS_;
const TWO_POW_32 = TWO_POW_32_;
const routeKey = routeKey_;
const ACUTE = 1; // BED_FUNCTIONS index of 急性期
const RECOVERY = 2; // 回復期
// Where in its phase a census patient is drawn: anywhere, before its recovery-level tail (an
// acute bed whose tails step down), or in that tail (a recovery bed).
const ANYWHERE = 0;
const BEFORE_TAIL = 1;
const IN_TAIL = 2;

export function seedInitialCensus(state: ReplicationState, beds: BedRules, census: InitialCensus): void {
  if (census.mode === 'empty') return;
  const { index, facilities, scenario } = state;
  const H = index.hospitalCount;
  const target = new Float64Array(H * FUNCTIONS);
  const years = Math.min(365, scenario.warmupDays + scenario.horizonDays) * 24;
  // Where congestion puts them: a full area's excess already sits in its neighbours' beds.
  const flows = spillToNeighbours(
    expectedFlows(
      index,
      facilities,
      state.levers,
      state.network,
      scenario.year,
      meanMultiplier(state.resolved.demandMultiplierByHour, 0, years),
    ),
    index,
    facilities,
    state.network,
  );
  // `given` with `missing: expected` (a forecast's start, hospitals without a recent report):
  // what is not given is the expected census, else nothing.
  const fillExpected = census.mode === 'expected' || census.missing === 'expected';
  if (fillExpected)
    for (let pool = 0; pool < H * FUNCTIONS; pool++) target[pool] = Math.round(flows.poolBedDays[pool] / 365);
  if (census.mode === 'given') {
    for (const [id, given] of Object.entries(census.hospitals)) {
      const h = index.hospital(id, `initialCensus.hospitals.${id}`);
      BED_FUNCTIONS.forEach((f, fi) => {
        const n = given[f];
        if (n !== undefined || !fillExpected) target[h * FUNCTIONS + fi] = Math.max(0, Math.round(n ?? 0));
      });
    }
  }
  const rng = streamFor(scenario.seed, state.replication, 'census');
  const P = state.pathways.phaseCount;
  for (let pool = 0; pool < H * FUNCTIONS; pool++) {
    const n = Math.min(target[pool], facilities.capacity(pool));
    if (n <= 0) continue;
    const h = pool >> 2;
    const f = pool & 3;
    // A census start with the running region's mix (a forecast's): the pool's own phases, and in a
    // recovery ward the acute tails lying there (転棟), as they lay. The alias's second half
    // (index ≥ P) draws the tails.
    const measured = census.mode === 'given' ? measuredMix(state, pool) : null;
    // Else: a recovery ward also holds the recovery-level tails of its hospital's acute patients
    // (stepped down), weighted by the tail's share of the acute phase's bed-days.
    const tails = measured
      ? measured.subarray(P)
      : census.mode === 'given' && f === RECOVERY
        ? tailMix(state, flows.poolPhaseBedDays, h)
        : null;
    let phases = measured ? measured.subarray(0, P) : flows.poolPhaseBedDays.subarray(pool * P, pool * P + P);
    if (!phases.some((w) => w > 0) && !tails) {
      phases = functionMix(state, flows.poolPhaseBedDays, f);
      if (!phases.some((w) => w > 0))
        throw new ModelInputError(`initialCensus: no pathway phase uses ${BED_FUNCTIONS[f]} beds`);
    }
    if (tails) {
      const both = new Float64Array(2 * P);
      both.set(phases, 0);
      both.set(tails, P);
      phases = both;
    }
    let phaseAlias = new FlatAlias(phases);
    const munis = [...flows.hospitalMunicipality[h].entries()].sort((x, y) => x[0] - y[0]);
    const muniAlias = munis.length > 0 ? new FlatAlias(munis.map((e) => e[1])) : null;
    const home = homeMunicipalityOf(state, h);
    // A census start (`given`): where a tail would find a recovery bed nearby, the acute
    // patients' tails have already stepped down (転棟), so those still in acute beds are before
    // their tail. Where the recovery wards are full, tails wait in the acute beds and stay in the
    // draw. (`expected` keeps every draw: the warm-up settles it, and ordinary runs stay as they were.)
    const beforeTail = census.mode === 'given' && f === ACUTE && beds.tailWouldFindBed(h, target);
    // Those phases then hold the acute bed only for the part before the tail: weight them by that
    // part's bed-days, not the whole stay's (else long-tailed phases crowd the acute beds, and
    // their tails flood the recovery ward in the first days of a forecast). A measured mix is
    // already so weighted.
    if (beforeTail && !measured) phaseAlias = new FlatAlias(beforeTailMix(state, phases));
    for (let i = 0; i < n; i++) {
      const drawn = phaseAlias.sample(rng.uniform());
      const m = muniAlias ? munis[muniAlias.sample(rng.uniform())][0] : home;
      const key = (rng.uniform() * TWO_POW_32) | 0;
      if (drawn < P) seedPatient(state, beds, h, pool, drawn, m, key, beforeTail ? BEFORE_TAIL : ANYWHERE);
      else seedPatient(state, beds, h, pool, drawn - P, m, key, IN_TAIL);
    }
  }
}

/**
 * Bed-days of hospital `h`'s acute phases spent in their recovery-level tails (phase bed-days ×
 * the tail's share of the mean stay), or null when its tails have nowhere to go or there are none.
 */
function tailMix(state: ReplicationState, poolPhase: Float64Array, h: number): Float64Array | null {
  const path = state.pathways;
  const P = path.phaseCount;
  const acute = poolPhase.subarray((h * FUNCTIONS + ACUTE) * P, (h * FUNCTIONS + ACUTE + 1) * P);
  const mix = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const from = path.subacuteFrom[p * 2];
    const mean = path.phaseMeanDays[p];
    if (from >= 0 && mean > from && acute[p] > 0) mix[p] = (acute[p] * (mean - from)) / mean;
  }
  return mix.some((w) => w > 0) ? mix : null;
}

/** The pool's measured mix (2P: phases, then tails), or null when none is given or it is empty there. */
function measuredMix(state: ReplicationState, pool: number): Float64Array | null {
  const all = state.resolved.censusMix;
  const P2 = 2 * state.pathways.phaseCount;
  if (!all || all.length < (pool + 1) * P2) return null;
  const mix = all.subarray(pool * P2, pool * P2 + P2);
  return mix.some((w) => w > 0) ? mix : null;
}

/** Phase bed-days of an acute pool whose tails step down: each phase's part before its tail (from ÷ mean). */
function beforeTailMix(state: ReplicationState, phases: Float64Array): Float64Array {
  const path = state.pathways;
  const mix = Float64Array.from(phases);
  for (let p = 0; p < mix.length; p++) {
    const from = path.subacuteFrom[p * 2];
    const mean = path.phaseMeanDays[p];
    if (from >= 0 && mean > from) mix[p] *= from / mean;
  }
  return mix.some((w) => w > 0) ? mix : phases;
}

/** A pool without expected phases takes the mix of its function over all pools (or the phases' stays). */
function functionMix(state: ReplicationState, poolPhase: Float64Array, f: number): Float64Array {
  const path = state.pathways;
  const P = path.phaseCount;
  const mix = new Float64Array(P);
  for (let pool = f; pool < poolPhase.length / P; pool += FUNCTIONS) {
    for (let p = 0; p < P; p++) mix[p] += poolPhase[pool * P + p];
  }
  if (!mix.some((w) => w > 0))
    for (let p = 0; p < P; p++) if (path.phaseFunction[p] === f) mix[p] = path.phaseMeanDays[p];
  return mix;
}

/** The hospital's own municipality, else the first of its area (a catchment-less hospital). */
function homeMunicipalityOf(state: ReplicationState, h: number): number {
  const index = state.index;
  const own = index.municipalityIndex.get(index.hospitals[h].municipality);
  if (own !== undefined) return own;
  const a = index.hospitalArea[h];
  const m = index.municipalityArea.indexOf(a);
  return m >= 0 ? m : 0;
}

/** A patient already in bed at time 0, part-way through a phase (length-biased remaining stay). */
function seedPatient(
  state: ReplicationState,
  beds: BedRules,
  h: number,
  pool: number,
  phase: number,
  m: number,
  key: number,
  where: number,
): void {
  if (!beds.takeBed(pool)) return;
  const p = state.patients;
  const path = state.pathways;
  const pid = p.allocate();
  state.generatedInitial++;
  const c = path.phaseCondition[phase];
  p.key[pid] = key;
  p.condition[pid] = c;
  p.municipality[pid] = m;
  p.flags[pid] = FLAG_INITIAL;
  p.route[pid] = routeKey(path.capability[c], path.phaseFunction[phase]);
  p.hospital[pid] = h;
  p.pool[pid] = pool;
  p.phase[pid] = phase;
  p.tCall[pid] = 0;
  p.tBed[pid] = 0;
  p.ordinal[pid] = 1;
  state.enter(pid, LIVE_IN_BED);
  const f = path.phaseFunction[phase];
  const d = state.draws.begin(key, SLOT_CENSUS_REMAINING);
  const scale = path.phaseMeanDays[phase] * state.levers.losMultiplier[c * FUNCTIONS + f];
  // A length-biased stay × U(0, 1) is the equilibrium-excess (residual-life) distribution,
  // density (1 − F(x)) / mean: the time left of a stay in progress at a random moment.
  let days = d.unitStay(path.phaseShape[phase], path.phaseCv[phase], true) * scale;
  let elapsed = days * (1 - d.uniform());
  // Before its tail: a draw past the tail's start is drawn again. Accepting with probability
  // (acute part ÷ stay) turns the stay's length bias into the acute part's, elapsed uniform on it:
  // the residual life of the part spent in this bed. (Bounded: a phase whose tail starts on its
  // first day keeps its last draw.)
  // In its tail (a recovery bed): likewise, drawn again until past the tail's start.
  if (where !== ANYWHERE)
    for (let tries = 0; tries < 64; tries++) {
      const from = beds.tailFrom(phase * 2, days);
      if (where === BEFORE_TAIL ? from < 0 || elapsed < from : from >= 0 && elapsed >= from) break;
      days = d.unitStay(path.phaseShape[phase], path.phaseCv[phase], true) * scale;
      elapsed = days * (1 - d.uniform());
    }
  if (where === IN_TAIL) beds.scheduleTailEnd(pid, elapsed, days);
  // Part-way through: an acute patient already in its recovery-level tail looks for a recovery bed at once.
  else beds.scheduleEnd(pid, phase * 2, elapsed, days);
}
