// Seed corpora for fuzzing the binary decoders: the fixtures plus generated files that cover every
// tensor encoding, restarts, metadata-only-first, multi-block W&B records and nested keys.
import { tfeventsFormat } from '../../../src/ingest/formats/tfevents';
import {
  concat,
  eventBytes,
  historyRecord,
  packedDoubles,
  packedFloats,
  packedVarints,
  pbBytes,
  pbMessage,
  pbString,
  pbVarint,
  valueSimple,
  valueTensor,
  type EventSpec,
} from './binaryWriters';
import { type FuzzCorpus, tfeventsFrame, wandbFrame } from './binaryFuzz';
import { fixtureBytes } from './helpers';

void tfeventsFormat;

/** Payloads of each TFRecord in `bytes` (framing walked by lengths). */
function tfrecordPayloads(bytes: Uint8Array): Uint8Array[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  for (let p = 0; p + 16 <= bytes.length; ) {
    const n = Number(dv.getBigUint64(p, true));
    out.push(bytes.slice(p + 12, p + 12 + n));
    p += 16 + n;
  }
  return out;
}

/** Payloads of the FULL records in a single-block W&B log. */
function wandbPayloads(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = 7; p + 7 <= bytes.length; ) {
    const n = bytes[p + 4] | (bytes[p + 5] << 8);
    out.push(bytes.slice(p + 7, p + 7 + n));
    p += 7 + n;
  }
  return out;
}

export function tfeventsCorpus(): FuzzCorpus {
  const fixture = fixtureBytes('events.out.tfevents.1718000000.myhost.12345.0');
  const events: EventSpec[] = [
    { wallTime: 1, fileVersion: 'brain.Event:2' },
    { wallTime: 2, step: 3, values: [valueTensor('a', [pbVarint(1, 1), packedFloats(5, [1.5])], 'scalars')] },
    { wallTime: 3, step: 4, values: [valueTensor('b', [pbVarint(1, 2), packedDoubles(6, [2.5])], 'scalars')] },
    { wallTime: 4, step: 5, values: [valueTensor('c', [pbVarint(1, 9), packedVarints(10, [-3])], 'scalars')] },
    { wallTime: 5, step: 6, values: [valueTensor('d', [pbVarint(1, 19), packedVarints(13, [0x3e00])], 'scalars')] },
    { wallTime: 6, step: 7, values: [valueTensor('h', [pbVarint(1, 1), packedFloats(5, [1, 2, 3])], 'histograms')] },
    { wallTime: 7, step: 2, sessionStatus: 1 },
    { wallTime: 8, step: 8, values: [valueSimple('loss', 0.5), valueSimple('val/loss', 0.6)] },
    { wallTime: 9, step: 9, values: [concat([pbString(1, 'img'), pbMessage(4, pbVarint(1, 2), pbBytes(4, new Uint8Array(40)))])] },
    // a JSON text summary: the run's config (the HF Trainer's args)
    { wallTime: 10, step: 0, values: [valueTensor('args/text_summary', [pbVarint(1, 7), pbString(8, '{"max_steps": 100, "lr": 0.001, "nested": {"n_layer": 2}}')], 'text')] },
  ];
  const payloads = [...tfrecordPayloads(fixture), ...events.map(eventBytes)];
  return { files: [fixture, tfeventsFrame(payloads)], payloads, frame: tfeventsFrame };
}

export function wandbCorpus(): FuzzCorpus {
  const fixture = fixtureBytes('run-abc123xy.wandb');
  const generated = [
    historyRecord(1, [['loss', 'NaN'], [['eval', 'loss'], '1e-3'], ['_runtime', '2.5'], ['media', '{"_type":"image-file"}']], 7),
    historyRecord(2, [['loss', '2'], ['note', JSON.stringify('z'.repeat(33000))]], 8),
    concat([pbVarint(1, 3), pbMessage(17, pbString(1, 'id'), pbString(8, 'name'))]),
    pbMessage(18, pbVarint(1, 1), pbVarint(2, 100)),
  ];
  const payloads = [...wandbPayloads(fixture), ...generated];
  return {
    files: [fixture, wandbFrame(payloads)],
    payloads,
    frame: wandbFrame,
    header: fixture.slice(0, 7),
  };
}
