import { studentTQuantile } from './student-t';

export interface MeanCI {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  halfWidth: number;
  lo: number;
  hi: number;
}

export interface PairedDifference extends MeanCI {
  paired: true;
}

export interface WelchDifference {
  mean: number;
  halfWidth: number;
  lo: number;
  hi: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  paired: false;
}

/**
 * Mean and Student-t confidence interval across replications. `values` MUST be in
 * replication-index order: sums run in that order, so the result is bit-identical however
 * the replications were computed. With n < 2 the interval is undefined (NaN).
 */
export function meanCI(values: ArrayLike<number>, level = 0.95): MeanCI {
  checkLevel(level);
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN, lo: NaN, hi: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: NaN, halfWidth: NaN, lo: NaN, hi: NaN };
  // Two passes (deviations from the mean) rather than Σx²: no cancellation.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    squares += d * d;
  }
  const sd = Math.sqrt(squares / (n - 1));
  const halfWidth = studentTQuantile((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth };
}

/** Paired difference b − a per replication (common random numbers), with its own CI. */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): PairedDifference {
  if (a.length !== b.length) {
    throw new RangeError(
      `pairedDifference: the two sets have ${a.length} and ${b.length} replications; pairing needs equal counts`,
    );
  }
  const differences = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) differences[i] = b[i] - a[i];
  return { ...meanCI(differences, level), paired: true };
}

/** Unpaired difference of means b − a with Welch's t interval (unequal variances). */
export function welchDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): WelchDifference {
  checkLevel(level);
  const ca = meanCI(a, level);
  const cb = meanCI(b, level);
  const mean = cb.mean - ca.mean;
  const va = (ca.sd * ca.sd) / ca.n;
  const vb = (cb.sd * cb.sd) / cb.n;
  const se = Math.sqrt(va + vb);
  if (!(ca.n > 1 && cb.n > 1)) return { mean, halfWidth: NaN, lo: NaN, hi: NaN, df: NaN, paired: false };
  if (se === 0) return { mean, halfWidth: 0, lo: mean, hi: mean, df: ca.n + cb.n - 2, paired: false };
  const df = ((va + vb) * (va + vb)) / ((va * va) / (ca.n - 1) + (vb * vb) / (cb.n - 1));
  const halfWidth = studentTQuantile((1 + level) / 2, df) * se;
  return { mean, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth, df, paired: false };
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level ${level} must be in (0, 1)`);
}
