/**
 * Seeding: (seed, replication, purpose) → 128-bit xoroshiro128+ state through splitmix64
 * (Steele, Lea & Flood 2014; the seeding Vigna recommends for the xoroshiro family). Every
 * bit of the inputs reaches every bit of the state, so neighbouring seeds, replications and
 * purposes give unrelated streams — a bare 32-bit seed put straight into the state would not.
 */
const MASK64 = (1n << 64n) - 1n;
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;
// Distinct tags keep purpose 7 and purpose "7" apart.
const NUMBER_TAG = 0x6e756d6265727075n;
const STRING_TAG = 0x737472696e677075n;

/** splitmix64's finaliser: a bijection on 64-bit words with full avalanche. */
export function mix64(value: bigint): bigint {
  let z = value & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** splitmix64 generator: state advances by the golden gamma, output is the mixed state. */
export class SplitMix64 {
  private state: bigint;
  constructor(seed: bigint) {
    this.state = seed & MASK64;
  }
  next(): bigint {
    this.state = (this.state + GOLDEN_GAMMA) & MASK64;
    return mix64(this.state);
  }
}

function integerKey(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`streamFor: ${what} ${value} is not a safe integer`);
  return BigInt.asUintN(64, BigInt(value));
}

function purposeKey(purpose: number | string): bigint {
  if (typeof purpose === 'number') return mix64(integerKey(purpose, 'purpose') ^ NUMBER_TAG);
  // FNV-1a over UTF-16 code units, then mixed: purposes are short names like "stays".
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < purpose.length; i++)
    h = ((h ^ BigInt(purpose.charCodeAt(i))) * 0x100000001b3n) & MASK64;
  return mix64(h ^ STRING_TAG);
}

/**
 * The four int32 words of pure-rand's xoroshiro128+ state, [s0 high, s0 low, s1 high, s1 low],
 * for (seed, replication, purpose). Each step `h ← mix64((h ⊕ x) + γ)` is a bijection in x,
 * so distinct inputs collide only by 64-bit chance.
 */
export function xoroshiroState(seed: number, replication: number, purpose: number | string): number[] {
  let h = mix64(integerKey(seed, 'seed') + GOLDEN_GAMMA);
  h = mix64((h ^ integerKey(replication, 'replication')) + GOLDEN_GAMMA);
  h = mix64((h ^ purposeKey(purpose)) + GOLDEN_GAMMA);
  const words = new SplitMix64(h);
  let s0 = words.next();
  const s1 = words.next();
  if (s0 === 0n && s1 === 0n) s0 = GOLDEN_GAMMA; // the one state xoroshiro cannot leave
  const int32 = (x: bigint) => Number(BigInt.asIntN(32, x));
  return [int32(s0 >> 32n), int32(s0), int32(s1 >> 32n), int32(s1)];
}
