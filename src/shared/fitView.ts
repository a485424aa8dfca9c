// A fit's payload to the panel: the curves and columns offered, each curve's table of estimators,
// the headline prediction and how far it can be trusted (protocol.ts).

export interface PredictionCell {
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
}

export interface EstimatorRow {
  readonly law: string;
  readonly name: string;
  readonly formula: string;
  readonly params: readonly (readonly [string, number])[];
  readonly backtestRmsle?: number;
  /** backtestRmsle is an average's, from its parts' back-tested predictions over this many cuts (it is not back-tested itself). */
  readonly backtestFromParts?: number;
  readonly heldOutRmsle?: number;
  readonly prediction?: PredictionCell;
  readonly auto: boolean;
  /** Fitted and shown, but not among the laws auto chose from: its back-test may beat the auto note's. */
  readonly notAutoCandidate?: boolean;
  readonly converged: boolean;
  /** Why the optimiser stopped short, on a row not converged ("max iterations, objective still falling 0.30% over the last 50 iterations"). */
  readonly notConverged?: string;
  /** The fit reduces to a simpler law on this data, so some parameters are not set by it (why, in words). */
  readonly degenerate?: string;
  /** An earlier row's estimator whose figures (back-test, held-out, predictions) this one's equal: on this curve the two collapse to one fit (core/sameFit.ts). */
  readonly sameAs?: string;
  readonly error?: string;
  readonly color: number;
  /** The chart's legend group of this estimator's curve, when it has one (the row toggles it). */
  readonly chartGroup?: string;
}

export interface CurveTable {
  readonly curve: string;
  readonly label: string;
  readonly rows: readonly EstimatorRow[];
  readonly autoReason?: string;
  readonly warnings: readonly string[];
  /** What the fit did that is worth knowing but no doubt about it ("fitted 42184 points as 300 log-x bins"). */
  readonly notes?: readonly string[];
  /** The x this table's predictions are at (a relative target such as 10x is this curve's own). */
  readonly targetX?: number;
  /** That target as its column names it: "10x (315B tokens)", "315B tokens" (never the typed question). */
  readonly targetLabel?: string;
}

export interface CurveOption {
  readonly id: string;
  readonly label: string;
  readonly points: number;
  /** What its run was configured with (hparams.yaml, W&B config, MLflow params), in one line. */
  readonly config?: string;
}

/** How the x kinds the host offers (ColumnChoice.x) are named on screen and on the x axis. */
export const X_KIND_LABELS: Readonly<Record<string, string>> = {
  samples: 'seen examples',
  tokens: 'tokens',
  flops: 'compute (FLOPs)',
  params: 'parameters (N)',
  step: 'step',
  epoch: 'epoch',
  index: 'index',
  time: 'time (s)',
};

export interface ColumnChoice {
  readonly x: readonly string[];
  readonly y: readonly string[];
  readonly selectedX: string;
  readonly selectedY: string;
  /** The user picked these columns (else they are the guess a watch may move on from: the val loss once it has points). */
  readonly picked?: boolean;
  /** An x kind the log names otherwise than X_KIND_LABELS does (Keras' epoch: "epochs completed"). */
  readonly xLabels?: Readonly<Record<string, string>>;
}

export interface PredictionView {
  readonly curve: string;
  /** The target field's text. */
  readonly targetText: string;
  /** The target as the headline and the notification name it: "10x (315B tokens)", "315B tokens" (never the typed question). */
  readonly targetLabel: string;
  /** The fit answered at the end of the schedule set on the panel, not at the typed target (which may still read "10x"). */
  readonly atScheduleEnd?: boolean;
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
  readonly law: string;
  /** The law's display name ("Average of M2, M3, log-linear (geometric mean)"). */
  readonly lawName?: string;
  /** The curve's own back-test error at the nearest extrapolation factor ("a 2× extrapolation missed by 0.8%"). */
  readonly trust?: Trust;
  /** Why there is no interval ("no interval: 38 of 40 bootstrap resamples could not be fitted …"). */
  readonly intervalNote?: string;
  /** Set when [lo, hi] is mostly one logged value's own noise: what it covers, as a clause ("the 95% interval is for one logged value: …", core scatterText of Prediction.scatter). */
  readonly scatterNote?: string;
  /** Central coverage of [lo, hi] (0.95). */
  readonly level?: number;
  /** Why the number itself is in doubt (the loss has turned up: every law assumes it keeps falling). */
  readonly caution?: string;
  /** The run's planned end as a target text, offered when the target is past it ("24000"). */
  readonly endTarget?: string;
  /** The fit behind the number did not converge: why ("m4: max iterations"). */
  readonly unconverged?: string;
  /** The target is where a loss asked for is reached: the answer ("val_loss = 2.5 at x ≈ 32B tokens, 3.2× the data (95%: 21B – 60B)"). */
  readonly reached?: string;
  /** For a perplexity or bits: the loss in nats the value and its interval mean ("a loss of ln 22.06 = 3.094 nats (2.846–3.341)", core/yMetric.ts). */
  readonly meaning?: string;
  /** For an accuracy: that it was fitted as its error, and the error the value (an accuracy) is read from (core/yMetric.ts accuracyReadBackText). */
  readonly fittedAsError?: string;
}

export interface Trust {
  readonly factor: number;
  readonly missedBy: number;
  /** The target lies further out than any back-test reached (`factor` is the farthest rehearsal). */
  readonly beyond?: boolean;
  /** The target's own extrapolation factor; present with `beyond`. */
  readonly targetFactor?: number;
  /** What was extrapolated, when it is not the value shown: an accuracy's error ("1 − val_accuracy"), whose relative miss `missedBy` is. */
  readonly of?: string;
}
