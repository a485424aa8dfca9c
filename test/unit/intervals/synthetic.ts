// The interval property tests draw their curves from the same truths as the per-law coverage bench.
export { syntheticCurve, TRUTHS } from '../../../bench/coverageSynthetic';
