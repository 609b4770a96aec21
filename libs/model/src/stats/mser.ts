// MSER-5 (White 1997; White, Cobb & Spratt 2000): the marginal standard error rule on batch
// means of 5 observations. For a truncation of d batches it scores the squared standard error
// of the mean of the batches that remain, Σ (Y_j − Ȳ_d)² / (k − d)²; the warm-up is the d that
// minimises it. Only the first half of the series is searched, as the rule prescribes: a
// minimum beyond it means the run is too short to tell where the transient ends.

export const MSER_BATCH = 5;

export interface MserResult {
  /** truncation point in observations (a multiple of 5), or null when the run is too short */
  truncation: number | null;
  /** batches of 5 used (the incomplete tail batch is dropped) */
  batches: number;
  /** the MSER statistic per truncation point d = 0 … ⌊k/2⌋ (in batches) */
  statistic: number[];
}

export function mser5(series: ArrayLike<number>): MserResult {
  const k = Math.floor(series.length / MSER_BATCH);
  if (k < 4) return { truncation: null, batches: k, statistic: [] };
  const y = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < MSER_BATCH; i++) s += series[j * MSER_BATCH + i];
    y[j] = s / MSER_BATCH;
  }
  // Suffix sums give every truncation's mean and sum of squares in O(k).
  const suffix = new Float64Array(k + 1);
  const suffixSq = new Float64Array(k + 1);
  for (let j = k - 1; j >= 0; j--) {
    suffix[j] = suffix[j + 1] + y[j];
    suffixSq[j] = suffixSq[j + 1] + y[j] * y[j];
  }
  const last = Math.floor(k / 2);
  const statistic: number[] = [];
  let best = 0;
  for (let d = 0; d <= last; d++) {
    const n = k - d;
    const mean = suffix[d] / n;
    const ss = Math.max(0, suffixSq[d] - n * mean * mean);
    statistic.push(ss / (n * n));
    if (statistic[d] < statistic[best]) best = d;
  }
  // A minimum at the end of the searched half says the series is still drifting there.
  const truncation = best === last && last > 0 ? null : best * MSER_BATCH;
  return { truncation, batches: k, statistic };
}
