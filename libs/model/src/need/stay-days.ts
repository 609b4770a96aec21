// Expected days of a stay that fall in a window of the stay: E[min(L, x)] = ∫₀ˣ P(L > t) dt for
// the model's stay shapes, so a phase's 医療資源投入量 segments (days a…b of the phase) turn into
// expected bed-days by function without sampling.
import { StayShape } from '../demand/keyed-draws';

/** Standard normal CDF (erfc by W. J. Cody's rational approximation via Numerical Recipes' erfcc, |ε| < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** ln Γ(x) (Lanczos, Numerical Recipes' gammln). */
function lnGamma(x: number): number {
  // Numerical Recipes' coefficients to 15 significant digits (what a double holds).
  const c = [
    76.1800917294715, -86.5053203294168, 24.0140982408309, -1.23173957245015, 1.20865097386618e-3,
    -5.395239384953e-6,
  ];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.00000000019002;
  for (const ci of c) ser += ci / ++y;
  return -tmp + Math.log((Math.sqrt(2 * Math.PI) * ser) / x);
}

/** Regularised lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPrefix = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let total = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      total += term;
      if (Math.abs(term) < Math.abs(total) * 1e-15) break;
    }
    return total * Math.exp(lnPrefix);
  }
  // Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return 1 - Math.exp(lnPrefix) * h;
}

/**
 * E[min(L, x)] for a stay L of the given shape, mean and coefficient of variation (the model's
 * stay draw: keyed-draws.ts unitStay × mean). x = Infinity gives the mean.
 */
export function expectedDaysUpTo(shape: number, mean: number, cv: number, x: number): number {
  if (!(x > 0) || !(mean > 0)) return 0;
  if (x === Infinity) return mean;
  if (shape === StayShape.EXPONENTIAL || (shape === StayShape.GAMMA && cv === 1))
    return mean * (1 - Math.exp(-x / mean));
  if (!(cv > 0)) return Math.min(mean, x);
  if (shape === StayShape.GAMMA) {
    const k = 1 / (cv * cv);
    const theta = mean / k;
    return mean * gammaP(k + 1, x / theta) + x * (1 - gammaP(k, x / theta));
  }
  const s2 = Math.log(1 + cv * cv);
  const s = Math.sqrt(s2);
  const mu = Math.log(mean) - s2 / 2;
  const z = (Math.log(x) - mu) / s;
  return mean * normalCdf(z - s) + x * (1 - normalCdf(z));
}

/** Expected days of the stay between day a and day b of it (b may be Infinity). */
export function expectedDaysBetween(shape: number, mean: number, cv: number, a: number, b: number): number {
  if (!(b > a)) return 0;
  return expectedDaysUpTo(shape, mean, cv, b) - expectedDaysUpTo(shape, mean, cv, a);
}
