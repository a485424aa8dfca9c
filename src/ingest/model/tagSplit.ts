// Split and run identity for logs whose writers encode train/val in a path: TensorBoard tags such
// as "Loss/train" (PyTorch tutorial style) and folders such as Keras `train/` / `validation/` or
// PyTorch add_scalars `<main>_val/`. Pure string work: decoders must not import node:path.
import { baseName, dirName, splitOf, splitOfFolder } from './keys';
import type { Split } from './model';

const SUFFIX_SPLITS: ReadonlyMap<string, Split> = new Map<string, Split>([
  ['train', 'train'],
  ['training', 'train'],
  ['val', 'val'],
  ['valid', 'val'],
  ['validation', 'val'],
  ['eval', 'val'],
  ['dev', 'val'],
  ['test', 'test'],
]);

/** Split of a slash-separated tag: a split word as the last component wins, then the key prefix. */
export function splitOfTag(tag: string): Split {
  const slash = tag.lastIndexOf('/');
  if (slash >= 0) {
    const s = SUFFIX_SPLITS.get(tag.slice(slash + 1).trim().toLowerCase());
    if (s) return s;
  }
  return splitOf(tag);
}

export interface PathRun {
  /** The run a file belongs to: its folder, or the folder above a split folder. */
  readonly name: string;
  /** Split the folder imposes on every series in the file, if it is a split folder. */
  readonly split?: Split;
  /** The split folder's own name ('validation', 'loss_val'), kept so same-named runs stay apart. */
  readonly splitFolder?: string;
}

/** Run identity of a TensorBoard event file from its path (a TensorBoard run is a directory). */
export function runOfEventFile(origin: string): PathRun {
  const dir = dirName(origin);
  const folder = baseName(dir);
  if (!folder) return { name: baseName(origin) };
  const split = splitOfFolder(folder);
  if (!split) return { name: folder };
  const parent = baseName(dirName(dir));
  return { name: parent || folder, split, splitFolder: folder };
}
