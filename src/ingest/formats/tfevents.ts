// TensorBoard event files (`events.out.tfevents.*`): TFRecord-framed Event protos. Scalars come as
// Value.simple_value (PyTorch default) or a one-element TensorProto (PyTorch new_style, TF2/Keras);
// a tag's plugin is named only on its first Value, so it is remembered per tag.
import { ByteKeyMap } from '../text/byteKeyMap';
import { crc32c, maskCrc } from '../records/crc32c';
import type { Decoder, Format } from '../model/decoder';
import { baseName } from '../model/keys';
import type { IngestWarning, RunData, Split } from '../model/model';
import { EventFields, ValueFields, scanEvent, scanFloatTensor, scanLen, scanValue } from '../records/eventScan';
import { ProtoError, ProtoReader, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT, utf8Text } from '../records/protobuf';
import { FramedReader } from '../records/recordReader';
import { StepSeries } from '../model/stepSeries';
import { runOfEventFile, splitOfTag } from '../model/tagSplit';
import { TensorScalarReader } from '../records/tensorScalar';
import { readU32, tfrecordUnit } from '../records/tfrecord';
import { WarningList } from '../model/warnings';
import { parseJsonConfig, type RunMeta } from '../model/runConfig';
import { isTf2EventFile, withKerasEpochAxis } from '../model/kerasEpochTags';

/** SessionLog.status START: PyTorch's purge_step marker (and any restart). */
const SESSION_START = 1;
/** SummaryMetadata.data_class DATA_CLASS_SCALAR. */
const DATA_CLASS_SCALAR = 1;
/** A text summary longer than this is not read as a config. */
const MAX_CONFIG_TEXT = 1 << 20;

interface TagInfo {
  readonly name: string;
  /** Plugin named by the tag's first metadata; undefined until some Value carries metadata. */
  plugin: string | undefined;
  scalarClass: boolean;
  series: StepSeries | undefined;
}

class TfEventsDecoder implements Decoder {
  private readonly framing: FramedReader;
  private readonly warns: WarningList;
  private readonly tags = new ByteKeyMap<TagInfo>();
  private readonly series: StepSeries[] = [];
  private readonly runName: string;
  private readonly folderSplit: Split | undefined;
  private readonly splitFolder: string | undefined;
  private ended = false;
  /** Lowest step of a SessionLog START seen: earlier *files* of the run are purged from it too. */
  private purgeStep: number | undefined;
  /** The run's config, from JSON text summaries (see textConfig). */
  private readonly config: RunMeta = {};
  private readonly textRead = new Set<string>();

  private readonly ev = new ProtoReader();
  private readonly sub = new ProtoReader();
  private readonly val = new ProtoReader();
  private readonly inner = new ProtoReader();
  private readonly innermost = new ProtoReader();
  private readonly tensor = new TensorScalarReader();
  private readonly evFields = new EventFields();
  private readonly valFields = new ValueFields();
  private readonly cursor = { pos: 0, value: 0 };

  constructor(private readonly origin: string) {
    this.warns = new WarningList(origin);
    const run = runOfEventFile(origin);
    this.runName = run.name;
    this.folderSplit = run.split;
    this.splitFolder = run.splitFolder;
    this.framing = new FramedReader(
      tfrecordUnit({
        record: (buf, view, start, length, abs) => this.event(buf, view, start, start + length, abs),
        warn: (message, offset) => this.warns.add(message, { offset }),
      }),
    );
  }

  get consumed(): number {
    return this.framing.consumed;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) return;
    this.framing.push(chunk);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const f = this.framing;
    if (f.pending > 0) this.warns.add(`file ends inside a record (${f.pending} byte(s) of it present); the record was not read`, { offset: f.consumed });
    else if (f.pendingSkip > 0) this.warns.add(`file ends ${f.pendingSkip} byte(s) before the end of a skipped record`, { offset: f.consumed });
  }

  runs(): RunData[] {
    const series = [];
    const tf2 = isTf2EventFile(this.origin);
    for (const s of this.series) if (s.length > 0) series.push(tf2 ? withKerasEpochAxis(s.data()) : s.data());
    if (series.length === 0) return [];
    const run: RunData = { name: this.runName, origin: this.origin, format: 'tfevents', series };
    const meta: Record<string, string | number> = { ...this.config };
    if (this.splitFolder) meta.splitFolder = this.splitFolder;
    // PyTorch's purge_step restart opens a *new* file: the points it orphans are in older files
    // of the same run dir, which only the assembler sees
    if (this.purgeStep !== undefined) meta.purge_step = this.purgeStep;
    return [Object.keys(meta).length > 0 ? { ...run, meta } : run];
  }

  warnings(): IngestWarning[] {
    return this.warns.list();
  }

  private event(buf: Uint8Array, view: DataView, start: number, end: number, abs: number): void {
    const f = this.evFields;
    if (!scanEvent(buf, view, start, end, f)) {
      this.eventGeneral(buf, view, start, end, abs);
      return;
    }
    if (f.summaryStart < 0) return;
    try {
      this.summaryFast(buf, view, f.summaryStart, f.summaryEnd, f.step, f.wallTime);
    } catch (e) {
      if (!(e instanceof ProtoError)) throw e;
      this.warns.add(`malformed Event record (${e.message}); the rest of it was skipped`, { offset: abs });
    }
  }

  /** The general walk: any field layout, session logs, and the exact error of malformed bytes. */
  private eventGeneral(buf: Uint8Array, view: DataView, start: number, end: number, abs: number): void {
    const r = this.ev.reset(buf, view, start, end);
    let wallTime = 0;
    let step = 0;
    let summaryStart = -1;
    let summaryEnd = -1;
    let sessionStart = false;
    try {
      while (r.next()) {
        const field = r.field;
        const wire = r.wire;
        if (field === 1 && wire === WIRE_I64) wallTime = r.double();
        else if (field === 2 && wire === WIRE_VARINT) step = r.int64();
        else if (field === 5 && wire === WIRE_LEN) {
          r.len();
          summaryStart = r.lenStart;
          summaryEnd = r.lenEnd;
        } else if (field === 7 && wire === WIRE_LEN) {
          r.len();
          sessionStart = this.isSessionStart();
        } else r.skip();
      }
      if (sessionStart) this.purge(step, abs);
      if (summaryStart >= 0) this.summaryFast(buf, view, summaryStart, summaryEnd, step, wallTime);
    } catch (e) {
      if (!(e instanceof ProtoError)) throw e;
      this.warns.add(`malformed Event record (${e.message}); the rest of it was skipped`, { offset: abs });
    }
  }

  private isSessionStart(): boolean {
    const s = this.sub.enter(this.ev);
    let status = 0;
    while (s.next()) {
      if (s.field === 1 && s.wire === WIRE_VARINT) status = s.varint();
      else s.skip();
    }
    return status === SESSION_START;
  }

  /** TensorBoard semantics: a restart at step T orphans every point already read with step >= T. */
  private purge(from: number, abs: number): void {
    if (this.purgeStep === undefined || from < this.purgeStep) this.purgeStep = from;
    let dropped = 0;
    for (const s of this.series) dropped += s.purgeFrom(from);
    if (dropped > 0) this.warns.add(`restart (SessionLog START) at step ${from}: dropped ${dropped} earlier point(s) with step >= ${from}`, { offset: abs });
  }

  /** Summary {value=1 repeated}: values scan fast; from the first unusual byte on, the general walk. */
  private summaryFast(buf: Uint8Array, view: DataView, start: number, end: number, step: number, wallTime: number): void {
    const c = this.cursor;
    const vf = this.valFields;
    let p = start;
    while (p < end) {
      if (buf[p] !== 0x0a || !scanLen(buf, p + 1, end, c) || c.value > end - c.pos) {
        this.summary(buf, view, p, end, step, wallTime);
        return;
      }
      const vs = c.pos;
      p = vs + c.value;
      if (scanValue(buf, view, vs, p, vf)) this.apply(buf, view, vf, step, wallTime);
      else this.value(buf, view, vs, p, step, wallTime);
    }
  }

  private summary(buf: Uint8Array, view: DataView, start: number, end: number, step: number, wallTime: number): void {
    const s = this.sub.reset(buf, view, start, end);
    while (s.next()) {
      if (s.field === 1 && s.wire === WIRE_LEN) {
        s.len();
        this.value(buf, view, s.lenStart, s.lenEnd, step, wallTime);
      } else s.skip();
    }
  }

  private value(buf: Uint8Array, view: DataView, start: number, end: number, step: number, wallTime: number): void {
    const v = this.val.reset(buf, view, start, end);
    const vf = this.valFields;
    let tagStart = -1;
    let tagEnd = -1;
    let simple: number | undefined;
    let metaStart = -1;
    let metaEnd = -1;
    let tensorStart = -1;
    let tensorEnd = -1;
    while (v.next()) {
      const field = v.field;
      const wire = v.wire;
      if (field === 2 && wire === WIRE_I32) simple = v.float();
      else if (wire !== WIRE_LEN) v.skip();
      else {
        v.len();
        if (field === 1) {
          tagStart = v.lenStart;
          tagEnd = v.lenEnd;
        } else if (field === 9) {
          metaStart = v.lenStart;
          metaEnd = v.lenEnd;
        } else if (field === 8) {
          tensorStart = v.lenStart;
          tensorEnd = v.lenEnd;
        }
      }
    }
    vf.tagStart = tagStart;
    vf.tagEnd = tagEnd;
    vf.hasSimple = simple !== undefined;
    vf.simple = simple ?? 0;
    vf.metaStart = metaStart;
    vf.metaEnd = metaEnd;
    vf.tensorStart = tensorStart;
    vf.tensorEnd = tensorEnd;
    this.apply(buf, view, vf, step, wallTime);
  }

  /** Records one parsed Value: tag lookup, plugin metadata, and the scalar it carries, if any. */
  private apply(buf: Uint8Array, view: DataView, vf: ValueFields, step: number, wallTime: number): void {
    const tagStart = vf.tagStart;
    const tagEnd = vf.tagEnd;
    if (tagStart < 0) return;
    let tag = this.tags.get(buf, tagStart, tagEnd);
    if (!tag) {
      tag = { name: utf8Text(buf, tagStart, tagEnd), plugin: undefined, scalarClass: false, series: undefined };
      this.tags.set(buf, tagStart, tagEnd, tag);
    }
    if (vf.metaStart >= 0 && tag.plugin === undefined) this.metadata(tag, buf, view, vf.metaStart, vf.metaEnd);
    if (tag.plugin === 'text' && vf.tensorStart >= 0 && !this.textRead.has(tag.name)) this.textConfig(tag.name, buf, view, vf.tensorStart, vf.tensorEnd);
    let y: number | undefined;
    if (vf.hasSimple) y = vf.simple;
    else if (vf.tensorStart >= 0 && this.mayBeScalar(tag)) {
      y = scanFloatTensor(buf, view, vf.tensorStart, vf.tensorEnd) ?? this.tensor.read(this.inner.reset(buf, view, vf.tensorStart, vf.tensorEnd), view);
    }
    if (y === undefined) return;
    let series = tag.series;
    if (!series) {
      series = new StepSeries(tag.name, this.folderSplit ?? splitOfTag(tag.name));
      tag.series = series;
      this.series.push(series);
    }
    series.push(step, wallTime, y);
  }

  /**
   * A text summary holding a JSON object is the run's config: the HF Trainer writes its
   * TrainingArguments ("args") and model config ("model_config") so, via add_text. Its first value
   * only; the keys are prefixed by the tag ("model_config.n_layer").
   */
  private textConfig(tag: string, buf: Uint8Array, view: DataView, start: number, end: number): void {
    this.textRead.add(tag);
    const t = this.inner.reset(buf, view, start, end);
    while (t.next()) {
      // TensorProto.string_val = 8
      if (t.field !== 8 || t.wire !== WIRE_LEN) {
        t.skip();
        continue;
      }
      t.len();
      if (t.lenEnd - t.lenStart > MAX_CONFIG_TEXT || buf[t.lenStart] !== 0x7b /* { */) return;
      const parsed = parseJsonConfig(utf8Text(buf, t.lenStart, t.lenEnd));
      const prefix = tag.replace(/\/text_summary$/, '');
      for (const [k, v] of Object.entries(parsed.meta)) this.config[`${prefix}.${k}`] = v;
      return;
    }
  }

  /** Tensor payloads of known non-scalar plugins (images, histograms, text…) are never decoded. */
  private mayBeScalar(tag: TagInfo): boolean {
    return tag.plugin === undefined || tag.plugin === '' || tag.plugin === 'scalars' || tag.scalarClass;
  }

  /** SummaryMetadata {plugin_data=1 {plugin_name=1}, data_class=4}. */
  private metadata(tag: TagInfo, buf: Uint8Array, view: DataView, start: number, end: number): void {
    const m = this.inner.reset(buf, view, start, end);
    let plugin = '';
    while (m.next()) {
      if (m.field === 1 && m.wire === WIRE_LEN) {
        m.len();
        const p = this.innermost.enter(m);
        while (p.next()) {
          if (p.field === 1 && p.wire === WIRE_LEN) {
            p.len();
            plugin = utf8Text(buf, p.lenStart, p.lenEnd);
          } else p.skip();
        }
      } else if (m.field === 4 && m.wire === WIRE_VARINT) tag.scalarClass = m.varint() === DATA_CLASS_SCALAR;
      else m.skip();
    }
    tag.plugin = plugin;
  }
}

export const tfeventsFormat: Format = {
  id: 'tfevents',
  growth: 'append',
  detect(name, head) {
    const named = baseName(name).includes('tfevents');
    // a TFRecord header's masked CRC over its length is a 32-bit proof of the framing
    const framed = head.length >= 12 && maskCrc(crc32c(head, 0, 8)) === readU32(head, 8);
    if (named) return framed || head.length < 12 ? 1 : 0.6;
    return framed ? 0.5 : 0;
  },
  createDecoder: (origin) => new TfEventsDecoder(origin),
};
