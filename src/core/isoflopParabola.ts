// A budget's valley as a least-squares parabola in ln N, and each run's residual from the parabola
// through the valley's other runs (leave one out), from one fit. Pure.
import { inverse3, quadraticForm, solve3 } from './matrix3';

/** loss ≈ c0 + c1·u + c2·u², u = ln N − centre. */
export interface Parabola {
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
  readonly centre: number;
}

export function parabolaAt(p: Parabola, N: number): number {
  const u = Math.log(N) - p.centre;
  return p.c0 + p.c1 * u + p.c2 * u * u;
}

/** Least-squares parabola through (ln N, loss); undefined when the normal equations are singular. */
export function fitParabola(N: ArrayLike<number>, loss: ArrayLike<number>, rows: readonly number[]): Parabola | undefined {
  return parabolaOf(valleyRows(N, rows), loss);
}

/**
 * What a budget's parabola depends on apart from the losses: its rows' u = ln N − their mean and
 * the normal equations' sums of u^k (k = 0…4). The IsoFLOP bootstrap refits the same valleys to
 * a new loss per resample: this is worked out once (valleyDesigns), each refit only sums u^k·loss.
 */
export interface ValleyRows {
  readonly rows: readonly number[];
  readonly centre: number;
  readonly u: Float64Array;
  readonly s: readonly number[];
}

/** A valley's rows as its runs are judged (leaveOneOut): how many sizes, and each row's leverage. */
export interface JudgedRows extends ValleyRows {
  /** Distinct sizes (N exactly equal are one). */
  readonly distinct: number;
  /** Each row's leverage x_iᵀ(XᵀX)⁻¹x_i, when there are MIN_OUTLIER_SIZES sizes and XᵀX is invertible. */
  readonly leverage?: Float64Array;
}

function valleyRows(N: ArrayLike<number>, rows: readonly number[]): ValleyRows {
  let centre = 0;
  for (const i of rows) centre += Math.log(N[i]!);
  centre /= rows.length;
  const u = Float64Array.from(rows, (i) => Math.log(N[i]!) - centre);
  const s = [0, 0, 0, 0, 0];
  for (const v of u) {
    let p = 1;
    for (let k = 0; k <= 4; k++) {
      s[k]! += p;
      p *= v;
    }
  }
  return { rows, centre, u, s };
}

export function judgedRows(N: ArrayLike<number>, rows: readonly number[]): JudgedRows {
  const v = valleyRows(N, rows);
  const distinct = new Set(rows.map((i) => N[i])).size;
  const inv = distinct >= MIN_OUTLIER_SIZES ? inverse3(v.s) : undefined;
  const leverage = inv && Float64Array.from(v.u, (x) => quadraticForm(inv, x));
  return { ...v, distinct, ...(leverage ? { leverage } : {}) };
}

/** The valley's parabola through `loss` at its rows. */
export function parabolaOf(v: ValleyRows, loss: ArrayLike<number>): Parabola | undefined {
  const t = [0, 0, 0];
  v.rows.forEach((i, k) => {
    const u = v.u[k]!;
    const y = loss[i]!;
    t[0]! += y;
    t[1]! += u * y;
    t[2]! += u * u * y;
  });
  const { s } = v;
  const m = [
    [s[0]!, s[1]!, s[2]!, t[0]!],
    [s[1]!, s[2]!, s[3]!, t[1]!],
    [s[2]!, s[3]!, s[4]!, t[2]!],
  ];
  const c = solve3(m);
  return c && { c0: c[0]!, c1: c[1]!, c2: c[2]!, centre: v.centre };
}

/** Valleys need this many sizes before one of their runs can be judged an outlier by the others. */
export const MIN_OUTLIER_SIZES = 5;

/**
 * Each row's residual from the parabola through the group's other rows (leave one out), from the
 * one fit through all of them: e_i / (1 − h_i), h_i = x_iᵀ(XᵀX)⁻¹x_i the row's leverage (the
 * least-squares identity), so a budget of m runs costs m, not m refits of m (a 100,000-run sweep's
 * valleys of ~900 runs took 5 s a pass, and the IsoFLOP bootstrap makes a pass per resample). It
 * agrees with the m refits to rounding (test/unit/core/isoflopLeaveOneOut.test.ts). NaN for every
 * row of a valley of fewer than MIN_OUTLIER_SIZES sizes (not judged), and for a row whose leaving
 * would leave no parabola (h_i ≈ 1), as a refit that failed.
 */
export function leaveOneOut(N: ArrayLike<number>, loss: ArrayLike<number>, rows: readonly number[]): number[] {
  return leftOutResiduals(judgedRows(N, rows), loss) ?? rows.map(() => NaN);
}

export function leftOutResiduals(v: JudgedRows, loss: ArrayLike<number>): number[] | undefined {
  const p = v.leverage && parabolaOf(v, loss);
  if (!p || !v.leverage) return undefined;
  return v.rows.map((i, k) => {
    const u = v.u[k]!;
    const h = v.leverage![k]!;
    return 1 - h > 1e-9 ? (loss[i]! - (p.c0 + p.c1 * u + p.c2 * u * u)) / (1 - h) : NaN;
  });
}
