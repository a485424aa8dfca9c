// What the user is told when the newest rows of a log are held back as a jump (spikes.ts
// newestJump): they are in the data, drawn, and not fitted, and it says what would bring them back.
import type { NewestJump } from './spikes';

/** "the last 2 losses jumped ×2.0 above the level before them: left out of the fit until the next rows show a spike or a rise". */
export function newestJumpNote(j: NewestJump, outOf: 'the fit' | 'the forecast'): string {
  const what = j.count === 1 ? 'the last loss' : `the last ${j.count} losses`;
  return `${what} jumped ×${j.factor.toFixed(1)} above the level before ${j.count === 1 ? 'it' : 'them'}: left out of ${outOf} until the next rows show a spike or a rise`;
}
