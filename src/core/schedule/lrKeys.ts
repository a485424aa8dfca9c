// Which logged series is the learning rate, and which the training loss, by key name: Lightning
// `lr-<Optimizer>`, HF / TensorBoard / Keras `learning_rate`, nanoGPT / torchtitan / CSV `lr`,
// Megatron's `learning rate`, `train/lr` … Pure over names so the CLI and the panel choose alike.

const LOSS_KEYS = ['loss', 'train_loss', 'train/loss', 'train loss', 'train_loss_step', 'training_loss', 'train/lm_loss', 'lm_loss', 'lm loss'];
const LR_KEYS = ['lr', 'learning_rate', 'learning rate', 'learning-rate', 'learningrate', 'train/lr', 'train/learning_rate', 'optimizer/lr', 'lr_scheduler/lr'];

const lower = (s: string): string => s.trim().toLowerCase();
/** Composer prints its metrics under the split's name: "Train lr-DecoupledAdamW/group0". */
const unprefixed = (s: string): string => s.replace(/^train(ing)?\s+/i, '');

function exact(keys: readonly string[], wanted: readonly string[]): string | undefined {
  for (const w of wanted) {
    const k = keys.find((x) => lower(x) === w);
    if (k !== undefined) return k;
  }
  return undefined;
}

/** OLMo-core's "optim/LR (group 0)": one LR per parameter group, the first group's leads. */
const unqualified = (s: string): string => s.replace(/\s*\([\w ]+\)$/, '');

/** The learning-rate key among a run's series keys, or undefined. */
export function pickLrKey(keys: readonly string[]): string | undefined {
  return exact(keys, LR_KEYS) ?? keys.find((k) => /^lr[-_/]/i.test(unprefixed(k))) ?? keys.find((k) => /(^|[/_ -])(lr|learning_rate)$/i.test(unqualified(k)));
}

/** The training-loss key (train split preferred), or undefined. */
export function pickLossKey(keys: readonly string[], isTrain: (key: string) => boolean = () => true): string | undefined {
  return exact(keys, LOSS_KEYS) ?? keys.find((k) => isTrain(k) && /loss/i.test(k)) ?? keys.find((k) => /loss/i.test(k));
}
