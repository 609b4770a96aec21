// Conditions and their pathways flattened into typed tables, so a phase change is a few array
// reads: phases get global indices, branches become cumulative probabilities. A phase's ward
// (the bed function it occupies) is given or derived from its 医療資源投入量; its segments,
// each day in the function of its points, feed the static need (need/expected-flows.ts).
import { BED_FUNCTIONS } from '@caretwin/contracts';
import {
  AGE_BANDS,
  CAPABILITIES,
  DEFAULT_RESOURCE_POINT_THRESHOLDS,
  FIVE_YEAR_BANDS,
  dayFunction,
  phaseFunction,
} from '@caretwin/scenario';
import type {
  Branch,
  Condition,
  ResourcePointThresholds,
  ResourceSegment,
  StayDistribution,
} from '@caretwin/scenario';
import { ModelInputError } from '../errors';
import { StayShape } from '../demand/keyed-draws';

/** Branch targets that leave the pathway. */
export const EXIT_HOME = -1;
export const EXIT_DEATH = -2;
/** Cells of the detailed demand tables per municipality or condition: sex (male, female) × 5-year band. */
export const SEX_AGE_CELLS = 2 * FIVE_YEAR_BANDS.length;
/** Segment variants per phase: entered directly, or stepping down from a high-acute phase. */
const ACUTE = BED_FUNCTIONS.indexOf('acute');
const RECOVERY = BED_FUNCTIONS.indexOf('recovery');

export const DIRECT = 0;
export const AFTER_HIGH_ACUTE = 1;

/** Index used for "no capability needed" in capability-keyed tables. */
export const NO_CAPABILITY = CAPABILITIES.length;
export const CAPABILITY_KEYS = CAPABILITIES.length + 1;

export const FUNCTION_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  BED_FUNCTIONS.map((f, i) => [f, i]),
);
export const CAPABILITY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  CAPABILITIES.map((c, i) => [c, i]),
);

function stayShape(stay: StayDistribution): number {
  switch (stay.distribution) {
    case 'lognormal':
      return StayShape.LOGNORMAL;
    case 'gamma':
      return StayShape.GAMMA;
    case 'exponential':
      return StayShape.EXPONENTIAL;
  }
}

export class Pathways {
  readonly conditionIds: string[];
  readonly conditionCount: number;
  /** capability index, or NO_CAPABILITY */
  readonly capability: Int32Array;
  /** share booked ahead (予定入院) */
  readonly scheduledShare: Float64Array;
  readonly ambulanceShare: Float64Array;
  /** minutes, or −1 when the condition has no threshold */
  readonly timeCriticalMinutes: Float64Array;
  readonly seasonalAmplitude: Float64Array;
  readonly seasonalPeakDay: Float64Array;
  /** admissions per 100k per year, [condition × 4 age bands] */
  readonly ratePer100k: Float64Array;
  /** 1 when the condition has rates by sex × 5-year band */
  readonly hasRatesBySexAge: Uint8Array;
  /** admissions per 100k per year, [condition × SEX_AGE_CELLS] (male bands, then female) */
  readonly ratePer100kBySexAge: Float64Array;

  readonly entryStart: Int32Array;
  readonly entryCount: Int32Array;
  readonly entryTarget: Int32Array;
  readonly entryCum: Float64Array;

  readonly phaseCount: number;
  readonly phaseIds: string[];
  readonly phaseCondition: Int32Array;
  readonly phaseFunction: Int32Array;
  readonly phaseShape: Int32Array;
  readonly phaseMeanDays: Float64Array;
  readonly phaseCv: Float64Array;
  readonly branchStart: Int32Array;
  readonly branchCount: Int32Array;
  readonly branchTarget: Int32Array;
  readonly branchCum: Float64Array;
  /**
   * 医療資源投入量 segments per (phase × variant DIRECT | AFTER_HIGH_ACUTE): entries
   * segStart…+segCount of segUntil (days from the phase start, exclusive; Infinity = the rest)
   * and segFunction (bed function index of those days, −1 home care).
   */
  readonly segStart: Int32Array;
  readonly segCount: Int32Array;
  readonly segUntil: Float64Array;
  readonly segFunction: Int32Array;
  /**
   * Per (phase × variant): the day from which every remaining day of an acute-ward phase is at
   * recovery level or below (points < C2), i.e. when the patient may step down to a recovery bed
   * (転棟 to 地域包括ケア / 回復期 wards) for the rest of the stay; −1 when the phase never gets there.
   */
  readonly subacuteFrom: Float64Array;

  constructor(
    conditions: Condition[],
    thresholds: ResourcePointThresholds = DEFAULT_RESOURCE_POINT_THRESHOLDS,
  ) {
    const C = conditions.length;
    this.conditionIds = conditions.map((c) => c.id);
    this.conditionCount = C;
    this.capability = new Int32Array(C);
    this.scheduledShare = new Float64Array(C);
    this.ambulanceShare = new Float64Array(C);
    this.timeCriticalMinutes = new Float64Array(C);
    this.seasonalAmplitude = new Float64Array(C);
    this.seasonalPeakDay = new Float64Array(C);
    this.ratePer100k = new Float64Array(C * AGE_BANDS.length);
    this.hasRatesBySexAge = new Uint8Array(C);
    this.ratePer100kBySexAge = new Float64Array(C * SEX_AGE_CELLS);
    this.entryStart = new Int32Array(C);
    this.entryCount = new Int32Array(C);

    const phaseIds: string[] = [];
    const phaseStartOf: number[] = [];
    for (const c of conditions) {
      phaseStartOf.push(phaseIds.length);
      for (const p of c.phases) phaseIds.push(`${c.id}/${p.id}`);
    }
    const P = phaseIds.length;
    this.phaseIds = phaseIds;
    this.phaseCount = P;
    this.phaseCondition = new Int32Array(P);
    this.phaseFunction = new Int32Array(P);
    this.phaseShape = new Int32Array(P);
    this.phaseMeanDays = new Float64Array(P);
    this.phaseCv = new Float64Array(P);
    this.branchStart = new Int32Array(P);
    this.branchCount = new Int32Array(P);
    this.segStart = new Int32Array(P * 2);
    this.segCount = new Int32Array(P * 2);

    const segUntil: number[] = [];
    const segFunction: number[] = [];
    const pushSegments = (segments: ResourceSegment[], rule: 'kaifukuki' | 'ryoyo' | null): void => {
      for (const s of segments) {
        const f = dayFunction(s.points, rule, thresholds);
        segUntil.push(s.until ?? Infinity);
        segFunction.push(f === null ? -1 : FUNCTION_INDEX[f]);
      }
    };
    const entryTarget: number[] = [];
    const entryCum: number[] = [];
    const branchTarget: number[] = [];
    const branchCum: number[] = [];

    conditions.forEach((c, ci) => {
      this.capability[ci] = c.capability === null ? NO_CAPABILITY : CAPABILITY_INDEX[c.capability];
      this.scheduledShare[ci] = c.scheduledShare;
      this.ambulanceShare[ci] = c.ambulanceShare;
      this.timeCriticalMinutes[ci] = c.timeCriticalMinutes ?? -1;
      this.seasonalAmplitude[ci] = c.seasonalAmplitude;
      this.seasonalPeakDay[ci] = c.seasonalPeakDay;
      AGE_BANDS.forEach(
        (a, ai) => (this.ratePer100k[ci * AGE_BANDS.length + ai] = c.admissionRatePer100k[a]),
      );
      const bySexAge = c.admissionRatesBySexAge;
      if (bySexAge !== undefined) {
        this.hasRatesBySexAge[ci] = 1;
        this.ratePer100kBySexAge.set(bySexAge.male, ci * SEX_AGE_CELLS);
        this.ratePer100kBySexAge.set(bySexAge.female, ci * SEX_AGE_CELLS + FIVE_YEAR_BANDS.length);
      }
      const local = new Map<string, number>();
      c.phases.forEach((p, k) => local.set(p.id, phaseStartOf[ci] + k));
      const resolve = (b: Branch, where: string): number => {
        if (b.to === 'home') return EXIT_HOME;
        if (b.to === 'death') return EXIT_DEATH;
        const target = local.get(b.to);
        if (target === undefined) {
          throw new ModelInputError(`condition "${c.id}": ${where} branches to unknown phase "${b.to}"`);
        }
        return target;
      };
      const pushBranches = (branches: Branch[], where: string, targets: number[], cums: number[]): void => {
        const total = branches.reduce((s, b) => s + b.p, 0);
        if (!(total > 0)) throw new ModelInputError(`condition "${c.id}": ${where} has no branch with p > 0`);
        let acc = 0;
        for (const b of branches) {
          acc += b.p / total;
          targets.push(resolve(b, where));
          cums.push(acc);
        }
        cums[cums.length - 1] = 1; // rounding never leaves a gap at the top
      };
      this.entryStart[ci] = entryTarget.length;
      pushBranches(c.entry, 'entry', entryTarget, entryCum);
      this.entryCount[ci] = entryTarget.length - this.entryStart[ci];
      for (const t of entryTarget.slice(this.entryStart[ci])) {
        if (t < 0)
          throw new ModelInputError(`condition "${c.id}": entry must branch to a phase, not an exit`);
      }
      c.phases.forEach((p, k) => {
        const pi = phaseStartOf[ci] + k;
        this.phaseCondition[pi] = ci;
        const ward = phaseFunction(p, thresholds);
        if (ward === null)
          throw new ModelInputError(
            `condition "${c.id}", phase "${p.id}": no bed function (give \`function\` or points at or above ${thresholds.dischargeAdjustment})`,
          );
        this.phaseFunction[pi] = FUNCTION_INDEX[ward];
        const resource = p.pointsPerDay;
        for (const variant of [DIRECT, AFTER_HIGH_ACUTE]) {
          const v = pi * 2 + variant;
          this.segStart[v] = segUntil.length;
          if (resource === undefined) {
            segUntil.push(Infinity);
            segFunction.push(FUNCTION_INDEX[ward]);
          } else
            pushSegments(
              variant === AFTER_HIGH_ACUTE && resource.afterHighAcute !== undefined
                ? resource.afterHighAcute
                : resource.segments,
              resource.rule,
            );
          this.segCount[v] = segUntil.length - this.segStart[v];
        }
        this.phaseShape[pi] = stayShape(p.stay);
        this.phaseMeanDays[pi] = p.stay.meanDays;
        this.phaseCv[pi] = p.stay.distribution === 'exponential' ? 1 : p.stay.cv;
        this.branchStart[pi] = branchTarget.length;
        pushBranches(p.next, `phase "${p.id}"`, branchTarget, branchCum);
        this.branchCount[pi] = branchTarget.length - this.branchStart[pi];
      });
    });
    this.entryTarget = Int32Array.from(entryTarget);
    this.entryCum = Float64Array.from(entryCum);
    this.branchTarget = Int32Array.from(branchTarget);
    this.branchCum = Float64Array.from(branchCum);
    this.segUntil = Float64Array.from(segUntil);
    this.segFunction = Int32Array.from(segFunction);
    this.subacuteFrom = new Float64Array(P * 2).fill(-1);
    for (let v = 0; v < P * 2; v++) {
      if (this.phaseFunction[v >> 1] !== ACUTE) continue;
      const start = this.segStart[v];
      let k = this.segCount[v];
      // Walk back over the trailing segments below acute level (recovery, or home-care level).
      while (k > 0 && (this.segFunction[start + k - 1] === RECOVERY || this.segFunction[start + k - 1] < 0))
        k--;
      if (k > 0 && k < this.segCount[v]) this.subacuteFrom[v] = this.segUntil[start + k - 1];
    }
  }

  /** Picks the entry phase of condition c from a uniform. */
  entryPhase(c: number, u: number): number {
    const s = this.entryStart[c];
    const n = this.entryCount[c];
    for (let i = 0; i < n - 1; i++) if (u < this.entryCum[s + i]) return this.entryTarget[s + i];
    return this.entryTarget[s + n - 1];
  }

  /** Picks where a patient goes after phase p (a phase index, EXIT_HOME or EXIT_DEATH). */
  nextPhase(p: number, u: number): number {
    const s = this.branchStart[p];
    const n = this.branchCount[p];
    for (let i = 0; i < n - 1; i++) if (u < this.branchCum[s + i]) return this.branchTarget[s + i];
    return this.branchTarget[s + n - 1];
  }

  /** Expected visits to each phase per admission of condition c. */
  expectedVisits(c: number): Float64Array {
    const inflow = new Float64Array(this.phaseCount);
    const s = this.entryStart[c];
    for (let i = 0; i < this.entryCount[c]; i++) {
      const prev = i === 0 ? 0 : this.entryCum[s + i - 1];
      inflow[this.entryTarget[s + i]] += this.entryCum[s + i] - prev;
    }
    return this.visitsFrom(inflow);
  }

  /** Probability of entering condition c's pathway at each entry phase (phase → probability). */
  entryShares(c: number): Array<[number, number]> {
    const s = this.entryStart[c];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.entryCount[c]; i++) {
      const prev = i === 0 ? 0 : this.entryCum[s + i - 1];
      out.push([this.entryTarget[s + i], this.entryCum[s + i] - prev]);
    }
    return out;
  }

  /**
   * Expected visits to each phase from an initial distribution over phases (absorbing Markov
   * chain; pathways may loop, so iterate to convergence rather than walk a tree).
   */
  visitsFrom(initial: Float64Array): Float64Array {
    const visits = new Float64Array(this.phaseCount);
    let inflow = Float64Array.from(initial);
    for (let iter = 0; iter < 10_000; iter++) {
      let mass = 0;
      const next = new Float64Array(this.phaseCount);
      for (let p = 0; p < this.phaseCount; p++) {
        const v = inflow[p];
        if (v === 0) continue;
        visits[p] += v;
        mass += v;
        const b = this.branchStart[p];
        for (let i = 0; i < this.branchCount[p]; i++) {
          const t = this.branchTarget[b + i];
          if (t < 0) continue;
          const prev = i === 0 ? 0 : this.branchCum[b + i - 1];
          next[t] += v * (this.branchCum[b + i] - prev);
        }
      }
      inflow = next;
      if (mass < 1e-12) break;
    }
    return visits;
  }
}
