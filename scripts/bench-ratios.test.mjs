// Unit tests of the side-by-side benchmark's arithmetic (node --test scripts/).
import assert from "node:assert/strict";
import test from "node:test";
import { amdahlTime, ratio, serialFraction, verdict } from "./bench-ratios.mjs";

const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test("serial fraction from 1 and n Workers", () => {
  close(serialFraction(10, 5, 2), 0); // perfectly parallel
  close(serialFraction(10, 10, 2), 1); // not at all
  close(serialFraction(10, 6, 2), 0.2); // 2·0.6 − 1
  close(serialFraction(12, 4.5, 4), 0.166666666666666667); // (4·4.5/12 − 1)/3 = 0.5/3
  assert.ok(Number.isNaN(serialFraction(10, 10, 1)), "one Worker gives no fraction");
  assert.ok(Number.isNaN(serialFraction(0, 5, 2)));
});

test("Amdahl projection", () => {
  close(amdahlTime(10, 0.2, 2), 6); // gives back the measured point
  close(amdahlTime(10, 0.2, 8), 10 * (0.2 + 0.8 / 8));
  close(amdahlTime(10, 0, 16), 10 / 16);
  close(amdahlTime(10, -0.1, 4), 2.5); // clamped to 0
  close(amdahlTime(10, 1.3, 4), 10); // clamped to 1
  assert.ok(Number.isNaN(amdahlTime(10, NaN, 4)));
});

test("ratios and verdicts", () => {
  close(ratio(3, 4), 0.75);
  assert.ok(Number.isNaN(ratio(3, 0)));
  assert.ok(Number.isNaN(ratio(undefined, 2)));
  assert.equal(verdict(0.5, "<=", 0.5), "met");
  assert.equal(verdict(0.51, "<=", 0.5), "not met");
  assert.equal(verdict(1.6, ">=", 1.6), "met");
  assert.equal(verdict(1.2, ">=", 1.6), "not met");
  assert.equal(verdict(NaN, "<=", 1), "not measured");
});
