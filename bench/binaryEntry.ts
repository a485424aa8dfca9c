// What binary.bench.ts bundles with esbuild, so the decoders are measured as they ship in dist/
// (one scope-hoisted module) rather than through tsx's per-file CommonJS wrappers.
export { tfeventsFormat } from '../src/ingest/formats/tfevents';
export { wandbFormat } from '../src/ingest/formats/wandb';
export { naiveTfEvents, naiveWandb } from './binaryNaive';
