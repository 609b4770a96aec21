import { incompleteBeta, logGamma, normalQuantile } from '../math/special';

/** Upper tail P(T > x) of Student's t with `df` degrees of freedom, for x >= 0. */
function upperTail(x: number, df: number): number {
  return 0.5 * incompleteBeta(df / (df + x * x), df / 2, 0.5);
}

function density(x: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((x * x) / df));
}

const cache = new Map<string, number>();

/**
 * Quantile of Student's t (any real df > 0; +Infinity gives the normal quantile): Newton's
 * method on the upper tail, kept inside a bisection bracket, from a Cornish–Fisher start.
 * Results are cached because aggregation asks for the same (p, df) for every KPI.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p = ${p} is not in (0, 1)`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df = ${df} is not positive`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  const key = `${p}|${df}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tail = p > 0.5 ? 1 - p : p;
  const x = solveUpperTail(tail, df);
  const value = p > 0.5 ? x : -x;
  if (cache.size < 4096) cache.set(key, value);
  return value;
}

function solveUpperTail(tail: number, df: number): number {
  if (df === 1) return Math.tan(Math.PI * (0.5 - tail));
  if (df === 2) return (1 - 2 * tail) / Math.sqrt(2 * tail * (1 - tail));
  const z = normalQuantile(1 - tail);
  const z3 = z * z * z;
  let x = z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df);
  let lo = 0;
  let hi = Math.max(1, 2 * x);
  while (upperTail(hi, df) > tail) hi *= 2;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const f = upperTail(x, df) - tail; // decreasing in x
    if (f > 0) lo = x;
    else hi = x;
    let next = x + f / density(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * x) return next;
    x = next;
  }
  return x;
}
