// DeepSpeed's monitor (TensorBoard, CSV and W&B alike) logs `Train/Samples/train_loss`,
// `Train/Samples/lr`, `Train/Samples/loss_scale` with the global samples counter as the step. Read
// as steps, a fit would take samples for optimizer steps (off by the batch size, and labelled as
// steps); they are samples. Its CSV monitor writes one file per tag, `Train_Samples_<metric>.csv`
// with a `step,<metric>` header, in the job's folder.
import { baseName } from './keys';
import type { SeriesData } from './model';

/** DeepSpeed's `Train/Samples/<metric>` tag (its monitor's only group). */
const SAMPLES_TAG = /(^|\/)Train\/Samples\/[^/]/;
/** Its CSV monitor's file of one tag: `Train_Samples_train_loss.csv`. */
const SAMPLES_CSV = /^Train_Samples_.+\.csv$/;

/** Whether the file at `origin` is one of DeepSpeed's CSV monitor files, whose `step` counts samples. */
export function isDeepSpeedSamplesCsv(origin: string): boolean {
  return SAMPLES_CSV.test(baseName(origin));
}

/** `s` with its step axis as samples when it is a DeepSpeed `Train/Samples/…` tag; else `s`. */
export function withDeepSpeedSamples(s: SeriesData): SeriesData {
  const { step, ...others } = s.x;
  if (!step || others.samples || !SAMPLES_TAG.test(s.key)) return s;
  return { ...s, x: { ...others, samples: step } };
}
