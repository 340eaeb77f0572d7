import { logGamma, regularizedIncompleteBeta } from './special-functions.ts';

function assertProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A probability must be between 0 and 1, got ${p}`);
}

function polynomial(coefficients: readonly number[], x: number): number {
  // Horner's rule, coefficients from the highest power down.
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

// Wichura's algorithm AS 241 (PPND16), relative accuracy about 1e-16.
const CENTRAL_NUMERATOR = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946, 1971.5909503065513, 133.14166789178438,
  3.3871328727963665,
] as const;
const CENTRAL_DENOMINATOR = [
  5226.495278852546, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751, 687.1870074920579, 42.31333070160091, 1,
] as const;
const NEAR_NUMERATOR = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045, 5.769497221460691,
  4.630337846156546, 1.4234371107496835,
] as const;
const NEAR_DENOMINATOR = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851, 1.6763848301838038,
  2.053191626637759, 1,
] as const;
const FAR_NUMERATOR = [
  2.0103343992922881e-7, 0.000027115555687434876, 0.0012426609473880784, 0.026532189526576124, 0.29656057182850487, 1.7848265399172913,
  5.463784911164114, 6.657904643501103,
] as const;
const FAR_DENOMINATOR = [
  2.0442631033899397e-15, 1.421511758316446e-7, 0.000018463183175100548, 0.0007868691311456133, 0.014875361290850615, 0.1369298809227358,
  0.599832206555888, 1,
] as const;

/** The p-quantile of the standard normal distribution (Wichura, AS 241). p = 0 → −∞, p = 1 → +∞. */
export function normalQuantile(p: number): number {
  assertProbability(p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(NEAR_NUMERATOR, r) / polynomial(NEAR_DENOMINATOR, r);
  } else {
    r -= 5;
    value = polynomial(FAR_NUMERATOR, r) / polynomial(FAR_DENOMINATOR, r);
  }
  return q < 0 ? -value : value;
}

/** P(T > t) for t ≥ 0, T Student t with df degrees of freedom. */
function upperTail(t: number, df: number): number {
  return 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

function density(t: number, df: number): number {
  return Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** P(T ≤ t) for a Student t distribution with df > 0 degrees of freedom (df need not be an integer). */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('t is NaN');
  if (df === Number.POSITIVE_INFINITY) throw new RangeError('Use the normal distribution for infinite degrees of freedom');
  const tail = upperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/** Cornish–Fisher expansion of the t quantile around the normal quantile z (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z2 + 1) * z * (1 / 4);
  const g2 = ((5 * z2 + 16) * z2 + 3) * z * (1 / 96);
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z * (1 / 384);
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z * (1 / 92160);
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** Above this many degrees of freedom the Cornish–Fisher expansion alone is exact to double precision. */
const LARGE_DF = 1e5;

/**
 * The p-quantile of Student's t distribution with df > 0 degrees of freedom (df need not be an integer,
 * as in Welch's interval). Exact closed forms for df = 1 and 2; otherwise a Cornish–Fisher start refined by
 * safeguarded Newton steps on the exact distribution function (incomplete beta), accurate to about 1e-12.
 */
export function tQuantile(p: number, df: number): number {
  assertProbability(p);
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be > 0, got ${df}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Work in the upper tail q = P(T > t) for precision, then restore the sign.
  const sign = p > 0.5 ? 1 : -1;
  const q = p > 0.5 ? 1 - p : p;
  if (df === 1) return sign / Math.tan(Math.PI * q);
  if (df === 2) return sign * Math.sqrt(2 / (4 * q * (1 - q)) - 2);
  const z = -normalQuantile(q);
  const guess = cornishFisher(z, df);
  if (df >= LARGE_DF) return sign * guess;

  // Bracket the root of upperTail(t) = q: upperTail decreases from 0.5 at t = 0.
  let lo = 0;
  let hi = Math.max(1, 2 * guess);
  while (upperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return sign * Number.POSITIVE_INFINITY;
  }
  let t = guess > lo && guess < hi ? guess : (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const excess = upperTail(t, df) - q;
    if (excess === 0) break;
    if (excess > 0) lo = t;
    else hi = t;
    let next = t + excess / density(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const converged = Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t));
    t = next;
    if (converged) break;
  }
  return sign * t;
}
