// The multi-power law's drop term, precomputed for a fixed LR grid and fixed evaluation steps:
//   LD(t) = Σ_{k ≤ t} (η_k − η_{k−1}) · G(C · η_k^(−γ) · (S1(t) − S1(k−1))),  G(x) = 1 − (1+x)^(−β)
// Naively O(t) per evaluation step. On a piecewise-linear grid η_k − η_{k−1} is constant inside
// a segment and the summand is smooth in k, so each segment's inner sum is a 4-node (2-node far
// from t) Gauss–Legendre quadrature over [a+½, b+½] (the midpoint-rule image of the sum), with pieces graded
// towards where the summand changes fast (just before t; a warmup from η = 0) and short segments
// (jumps) summed exactly. Everything that does not depend on the law's parameters (weights, ln η, ln S)
// is computed once, so an evaluation is two exp and one log1p per node.
import type { LrGrid } from './grid';
import { knotIndex } from './grid';
import { ScalingLensError } from '../types';

const GL4_X = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL4_W = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];
const GL2_X = [-0.5773502691896257, 0.5773502691896257];
const GL2_W = [1, 1];
/** Pieces at least this many of their own lengths away from t get the 2-node rule. */
const FAR = 4;
/** Segments up to this many steps are summed exactly. */
const EXACT_LEN = 8;

export interface DropTerms {
  /** Evaluation steps (knots of the grid). */
  readonly steps: Float64Array;
  /** S1 at each evaluation step. */
  readonly s1: Float64Array;
  /** Nodes of evaluation step i are offsets[i] .. offsets[i+1]−1. */
  readonly offsets: Uint32Array;
  readonly weight: Float64Array;
  readonly lnEta: Float64Array;
  readonly lnS: Float64Array;
}

/** Far from t, consecutive segments are one quadrature group while group length ≤ distance / GROUP_FAR. */
const GROUP_FAR = 16;

/** A segment that can join a far group: long enough, and not a warmup from η = 0. */
function groupable(g: LrGrid, j: number): boolean {
  const m = g.steps[j + 1] - g.steps[j];
  const slope = (g.eta[j + 1] - g.eta[j]) / m;
  return m > EXACT_LEN && !(g.eta[j] < 0.1 * Math.abs(slope) * m);
}

/**
 * Antiderivatives of the Lagrange basis polynomials through the 4 Gauss–Legendre nodes, as
 * monomial coefficients (constant term first, zero at z = 0): computed once, so a group's weights
 * are a few Horner evaluations per segment instead of re-expanding the basis every time.
 */
const GL4_ANTI: Float64Array[] = GL4_X.map((_, q) => {
  let c = [1];
  let den = 1;
  for (let r = 0; r < GL4_X.length; r++) {
    if (r === q) continue;
    const next = new Array<number>(c.length + 1).fill(0);
    for (let k = 0; k < c.length; k++) {
      next[k + 1] += c[k];
      next[k] -= c[k] * GL4_X[r];
    }
    c = next;
    den *= GL4_X[q] - GL4_X[r];
  }
  const anti = new Float64Array(c.length + 1);
  for (let k = 0; k < c.length; k++) anti[k + 1] = c[k] / den / (k + 1);
  return anti;
});

/** The antiderivative of basis polynomial q at z (Horner). */
function basisAnti(q: number, z: number): number {
  const a = GL4_ANTI[q];
  let v = 0;
  for (let k = a.length - 1; k >= 0; k--) v = v * z + a[k];
  return v;
}

/**
 * Segments k..j (far from t) as one group: the summand G is smooth there, so it is interpolated by
 * a cubic through 4 Gauss–Legendre nodes over the whole group and that cubic is integrated
 * exactly against each segment's own (piecewise-constant) η difference — exact in the weights,
 * smooth only where G is.
 */
function groupNodes(g: LrGrid, k: number, j: number, cumT: number, push: (w: number, eta: number, S: number) => void): void {
  const U0 = g.steps[k] + 0.5;
  const U1 = g.steps[j + 1] + 0.5;
  const h = (U1 - U0) / 2;
  const c = (U0 + U1) / 2;
  const weights = [0, 0, 0, 0];
  let any = false;
  for (let s = k; s <= j; s++) {
    const m = g.steps[s + 1] - g.steps[s];
    const slope = (g.eta[s + 1] - g.eta[s]) / m;
    if (slope === 0) continue;
    any = true;
    const z0 = (g.steps[s] + 0.5 - c) / h;
    const z1 = (g.steps[s + 1] + 0.5 - c) / h;
    for (let q = 0; q < 4; q++) weights[q] += slope * h * (basisAnti(q, z1) - basisAnti(q, z0));
  }
  if (!any) return;
  let seg = k;
  for (let q = 0; q < 4; q++) {
    const u = c + h * GL4_X[q];
    while (seg < j && g.steps[seg + 1] < u) seg++;
    const a = g.steps[seg];
    const m = g.steps[seg + 1] - a;
    const e0 = g.eta[seg];
    const slope = (g.eta[seg + 1] - e0) / m;
    const x = u - a;
    push(weights[q], e0 + slope * x, cumT - (g.cum[seg] + (x - 1) * e0 + (slope * (x - 1) * x) / 2));
  }
}

export function dropTerms(g: LrGrid, evalSteps: ArrayLike<number>): DropTerms {
  const n = evalSteps.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    idx[i] = knotIndex(g, evalSteps[i]);
    if (idx[i] < 0) throw new ScalingLensError('bad-argument', `internal: evaluation step ${evalSteps[i]} is not a knot of the LR grid`);
  }
  const w: number[] = [];
  const le: number[] = [];
  const ls: number[] = [];
  const offsets = new Uint32Array(n + 1);
  const s1 = new Float64Array(n);
  const push = (weight: number, eta: number, S: number): void => {
    if (!(eta > 0) || !(S > 0)) return;
    w.push(weight);
    le.push(Math.log(eta));
    ls.push(Math.log(S));
  };
  for (let i = 0; i < n; i++) {
    const J = idx[i];
    const cumT = g.cum[J];
    s1[i] = cumT;
    for (let j = J - 1; j >= g.warmupEnd; j--) {
      const a = g.steps[j];
      const m = g.steps[j + 1] - a;
      const e0 = g.eta[j];
      const slope = (g.eta[j + 1] - e0) / m;
      if (groupable(g, j) && g.steps[J] - g.steps[j + 1] >= GROUP_FAR * m) {
        // far from t: this and the earlier segments while the group stays short against its distance
        const b = g.steps[j + 1];
        const dist = g.steps[J] - b;
        let k = j;
        while (k - 1 >= g.warmupEnd && groupable(g, k - 1) && (b - g.steps[k - 1]) * GROUP_FAR <= dist) k--;
        groupNodes(g, k, j, cumT, push);
        j = k;
        continue;
      }
      if (slope === 0) continue;
      // S1(s−1) for s = a + u: cum[j] + (u−1)·e0 + slope·(u−1)·u/2 (exact at integer u, smooth between)
      const sBefore = (u: number): number => g.cum[j] + (u - 1) * e0 + (slope * (u - 1) * u) / 2;
      if (m <= EXACT_LEN) {
        for (let u = 1; u <= m; u++) push(slope, e0 + slope * u, cumT - sBefore(u));
        continue;
      }
      // Pieces of the segment, graded (8, 8, 16, 32 …) away from where the summand is not smooth
      // on the step scale: t itself (S → η_t there; grading starts at the segment's distance from t) and a warmup from
      // η = 0 (η^(−γ) singular); elsewhere the whole segment is one piece.
      const pieces: number[] = [0, m];
      const dist = g.steps[J] - g.steps[j + 1];
      if (dist < m) for (let len = Math.max(EXACT_LEN, dist), at = m - len; at > 0; len *= 2, at -= len) pieces.push(at);
      const fromZero = e0 < 0.1 * Math.abs(slope) * m;
      if (fromZero) for (let len = EXACT_LEN, at = EXACT_LEN; at < m; at += len, len *= 2) pieces.push(at);
      pieces.sort((a, b) => a - b);
      for (let p = 0; p + 1 < pieces.length; p++) {
        const u0 = pieces[p];
        const u1 = pieces[p + 1];
        if (u1 === u0) continue;
        if (u1 - u0 <= EXACT_LEN) {
          for (let u = u0 + 1; u <= u1; u++) push(slope, e0 + slope * u, cumT - sBefore(u));
          continue;
        }
        const half = (u1 - u0) / 2;
        const far = g.steps[J] - (a + u1) >= FAR * (u1 - u0) && !fromZero;
        const xs = far ? GL2_X : GL4_X;
        const ws = far ? GL2_W : GL4_W;
        for (let q = 0; q < xs.length; q++) {
          const u = u0 + 0.5 + half * (1 + xs[q]);
          push(slope * half * ws[q], e0 + slope * u, cumT - sBefore(u));
        }
      }
    }
    offsets[i + 1] = w.length;
  }
  return { steps: Float64Array.from(evalSteps), s1, offsets, weight: Float64Array.from(w), lnEta: Float64Array.from(le), lnS: Float64Array.from(ls) };
}
