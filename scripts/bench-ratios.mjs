// The arithmetic of the side-by-side benchmark (scripts/bench-sidebyside.mjs),
// kept apart so that it can be tested: ratios against targets, and Amdahl's
// law fitted to the times with 1 and with n Workers.

// serialFraction is the share s of the one-Worker time that does not get
// faster with more Workers, solved from Amdahl's law T_n = T_1·(s + (1−s)/n):
// s = (n·T_n/T_1 − 1)/(n − 1). NaN when n < 2 or a time is missing.
export function serialFraction(t1, tn, n) {
  if (!(n >= 2) || !(t1 > 0) || !(tn > 0)) return NaN;
  return (n * tn / t1 - 1) / (n - 1);
}

// amdahlTime projects the time with p Workers from the one-Worker time and
// the serial fraction (clamped to [0, 1]: noise can put a measured fraction
// slightly outside it).
export function amdahlTime(t1, s, p) {
  if (Number.isNaN(s)) return NaN;
  const c = Math.min(1, Math.max(0, s));
  return t1 * (c + (1 - c) / p);
}

// ratio is a/b, NaN when either is missing or b is zero.
export function ratio(a, b) {
  if (!(Number.isFinite(a) && Number.isFinite(b)) || b === 0) return NaN;
  return a / b;
}

// verdict says whether value meets a target "<= t" or ">= t".
export function verdict(value, op, target) {
  if (!Number.isFinite(value)) return "not measured";
  const ok = op === "<=" ? value <= target : value >= target;
  return ok ? "met" : "not met";
}
