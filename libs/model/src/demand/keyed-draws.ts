// Per-patient counter-based draws (common random numbers that survive reordering).
//
// Each patient gets a 32-bit key at arrival from its condition's attribute stream. Every later
// random choice about that patient (entry branch, ambulance or not, scene time, each phase's
// stay and branch, eligibility) is a hash of (key, slot, i), so a what-if that changes the order
// of events (more beds, slower roads) still gives each patient the same stays and branches, and
// a lever such as a length-of-stay multiplier changes no draw at all (it scales the draw).

/** murmur3's 32-bit finaliser: good avalanche, cheap. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in (0, 1) from (key, slot, i); never exactly 0 or 1, so logs are safe. */
export function keyedUniform(key: number, slot: number, i: number): number {
  let h = mix32((key ^ Math.imul(slot + 1, 0x9e3779b9)) >>> 0);
  h = mix32((h + Math.imul(i + 1, 0x7f4a7c15)) >>> 0);
  return (h + 0.5) / 4294967296;
}

/** A uniform of an attribute stream times this, `| 0`: a patient's 32-bit key. */
export const TWO_POW_32 = 4294967296;

/** Slots: which decision a draw belongs to. Phase stays and branches use PHASE_* + ordinal. */
export const Slot = {
  ENTRY: 1,
  AMBULANCE: 2,
  SCENE: 3,
  GRAVITY: 4,
  CALL_KIND: 5,
  CENSUS_REMAINING: 6,
  DRIVE_TO_SCENE: 7,
  DRIVE_TO_HOSPITAL: 8,
  ELIGIBILITY: 16, // i = 0 failed for the person, 1 settled with proof
  PHASE_STAY: 64, // + phase ordinal
  PHASE_BRANCH: 4096, // + phase ordinal
  /** deferred outpatient care of a 10割 patient: how many return, when, as what (17–31 were attempts) */
  LATER_ADMISSION: 17,
  /** + inquiry ordinal (0…63): whether the hospital asked refuses for a reason other than a bed */
  INQUIRY: 8192,
  /** how hard the case is for every hospital asked (処置困難, 専門外), once per patient */
  CASE_DIFFICULTY: 8256,
} as const;

/** Stay shapes, coded as ints for the typed phase tables. */
export const StayShape = { LOGNORMAL: 0, GAMMA: 1, EXPONENTIAL: 2 } as const;

/**
 * A reusable cursor over one (key, slot) sequence: `begin` then as many uniforms as a sampler
 * needs (rejection samplers take a variable number). One instance serves the whole replication,
 * so nothing is allocated per draw.
 */
export class KeyedDraws {
  private key = 0;
  private slot = 0;
  private i = 0;

  begin(key: number, slot: number): this {
    this.key = key;
    this.slot = slot;
    this.i = 0;
    return this;
  }

  uniform(): number {
    return keyedUniform(this.key, this.slot, this.i++);
  }

  /** Standard normal (Box–Muller, one of the pair). */
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Gamma with shape k and scale 1 (Marsaglia–Tsang; boosted for k < 1). */
  gammaStd(k: number): number {
    if (k < 1) {
      const boost = Math.pow(this.uniform(), 1 / k);
      return this.gammaStd(k + 1) * boost;
    }
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * A stay of mean 1 with the given shape and CV. `lengthBiased` draws from the
   * equilibrium (length-biased) version instead, used for patients already in bed at the start.
   */
  unitStay(shape: number, cv: number, lengthBiased: boolean): number {
    if (shape === StayShape.EXPONENTIAL || (shape === StayShape.GAMMA && cv === 1)) {
      if (!lengthBiased) return -Math.log(this.uniform());
      return -Math.log(this.uniform()) - Math.log(this.uniform()); // Gamma(2, 1)
    }
    if (!(cv > 0)) return 1;
    if (shape === StayShape.GAMMA) {
      const k = 1 / (cv * cv);
      return this.gammaStd(lengthBiased ? k + 1 : k) / k;
    }
    // Lognormal with mean 1: mu = −σ²/2; the length-biased one has mu + σ².
    const s2 = Math.log(1 + cv * cv);
    const mu = lengthBiased ? s2 / 2 : -s2 / 2;
    return Math.exp(mu + Math.sqrt(s2) * this.normal());
  }
}
