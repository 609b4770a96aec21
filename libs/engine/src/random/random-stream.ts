import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { logGamma } from '../math/special';
import { xoroshiroState } from './seeding';

const TWO_POW_27 = 134217728;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;

const BLOCK = 256;

/**
 * One reproducible stream of random numbers over pure-rand's mutable xoroshiro128+.
 * Distributions draw only from `uniform()`, so a stream's sequence depends on nothing but its
 * (seed, replication, purpose) and the calls made on it.
 *
 * Uniforms are made in blocks of 256: `uniform()` is then a bounds check and an array read,
 * small enough for V8 to inline at every call site in a model's handler, while the generator's
 * `next()` is inlined once, in the refill loop. The sequence is the same as drawing one by one.
 */
export class RandomStream {
  private readonly generator: RandomGenerator;
  private readonly block = new Float64Array(BLOCK);
  private index = BLOCK;
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(generator: RandomGenerator) {
    this.generator = generator;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    if (this.index === BLOCK) this.refill();
    return this.block[this.index++];
  }

  /**
   * Each uniform takes two 32-bit outputs. pure-rand returns the low 32 bits of xoroshiro128+'s
   * sum, whose lowest bits are its weakest (they fail linearity tests), so we keep the top 26
   * and 27 bits of the two outputs.
   */
  private refill(): void {
    const generator = this.generator;
    const block = this.block;
    for (let i = 0; i < BLOCK; i++) {
      const high = generator.next() >>> 6;
      const low = generator.next() >>> 5;
      block[i] = (high * TWO_POW_27 + low) * TWO_POW_MINUS_53;
    }
    this.index = 0;
  }

  /** 0 .. n−1 for 1 <= n <= 2^32 (bias below 2^-21, from 53-bit uniforms). */
  uniformInt(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Exponential with the given mean, by inversion: −mean·log(1−u) (1−u > 0, so finite). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Standard normal by Marsaglia's polar method; the second value of each pair is kept. */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return u * factor;
  }

  /** Lognormal with the given mean and coefficient of variation (σ² = log(1 + cv²)). */
  lognormal(mean: number, cv: number): number {
    checkMeanCv('lognormal', mean, cv);
    if (cv === 0) return mean;
    const sigma2 = Math.log1p(cv * cv);
    return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * this.normal());
  }

  /** Gamma with the given mean and coefficient of variation: shape 1/cv², scale mean·cv². */
  gamma(mean: number, cv: number): number {
    checkMeanCv('gamma', mean, cv);
    if (cv === 0) return mean;
    const shape = 1 / (cv * cv);
    return mean * cv * cv * this.standardGamma(shape);
  }

  /** Poisson count: multiplication method below mean 10, Hörmann's PTRS (1993) above. */
  poisson(mean: number): number {
    if (!(mean >= 0 && mean < Infinity))
      throw new RangeError(`RandomStream.poisson: mean ${mean} is not finite and >= 0`);
    if (mean === 0) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let count = 0;
      let product = this.uniform();
      while (product > limit) {
        count++;
        product *= this.uniform();
      }
      return count;
    }
    const slam = Math.sqrt(mean);
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -mean + k * logMean - logGamma(k + 1)
      )
        return k;
    }
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Marsaglia–Tsang (2000) for shape >= 1; shape < 1 by Γ(k) = Γ(k+1)·U^(1/k). */
  private standardGamma(shape: number): number {
    if (shape < 1) return this.standardGamma(shape + 1) * Math.pow(1 - this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
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
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

function checkMeanCv(what: string, mean: number, cv: number): void {
  if (!(mean > 0 && mean < Infinity) || !(cv >= 0 && cv < Infinity)) {
    throw new RangeError(`RandomStream.${what}: needs mean > 0 and cv >= 0 (got mean ${mean}, cv ${cv})`);
  }
}

/** The stream for (seed, replication, purpose); purposes are small integers or names. */
export function streamFor(seed: number, replication: number, purpose: number | string): RandomStream {
  return new RandomStream(xoroshiro128plusFromState(xoroshiroState(seed, replication, purpose)));
}
