// W&B transaction logs (`run-<id>.wandb`): LevelDB-log framed wandb.Record protos. History rows
// become points exactly as a wandb-history.jsonl line would (same x-key and `_step` rules), so a
// run reads the same from either file.
import { ByteKeyMap } from '../text/byteKeyMap';
import type { Decoder, Format } from '../model/decoder';
import { parseJsonNumber } from '../text/jsonNumberBytes';
import { flattenMetrics } from '../text/metricObject';
import { parseRelaxedJson } from '../text/relaxedJson';
import { baseName, dirName } from '../model/keys';
import { LevelDbLog, hasWandbMagic } from '../records/leveldbLog';
import type { IngestWarning, RunData } from '../model/model';
import { ProtoError, ProtoReader, WIRE_LEN, WIRE_VARINT, utf8Text } from '../records/protobuf';
import { RecordAccumulator } from '../model/recordRows';
import { FramedReader } from '../records/recordReader';
import { RunBuilder } from '../model/runBuilder';
import { WarningList } from '../model/warnings';

// wandb/proto/wandb_internal.proto field numbers
const RECORD_HISTORY = 2;
const RECORD_EXIT = 18;
const RECORD_RUN = 17;
const HISTORY_ITEM = 1;
const HISTORY_STEP = 2;
const ITEM_KEY = 1;
const ITEM_NESTED_KEY = 2;
const ITEM_VALUE_JSON = 16;
const RUN_DISPLAY_NAME = 8;
const EXIT_CODE = 1;

const OPEN_BRACE = 0x7b;

/** The object a value_json holds, or undefined (not JSON, or not an object). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = parseRelaxedJson(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Distinct history keys remembered as decoded strings (a run has tens, not thousands). */
const MAX_CACHED_KEYS = 4096;

const RUN_DIR = /^(?:offline-)?run-\d{8}_\d{6}-(.+)$/;

/** `wandb/offline-run-20240101_120000-abc/run-abc.wandb` → the run folder's name and the run id. */
function runOfWandbFile(origin: string): { name: string; id: string | undefined } {
  const base = baseName(origin);
  const stem = base.endsWith('.wandb') ? base.slice(0, -'.wandb'.length) : base;
  const id = stem.startsWith('run-') ? stem.slice(4) : undefined;
  const folder = baseName(dirName(origin));
  const m = RUN_DIR.exec(folder);
  return m ? { name: folder, id: id ?? m[1] } : { name: stem, id };
}

class WandbDecoder implements Decoder {
  private readonly warns: WarningList;
  private readonly log: LevelDbLog;
  private readonly framing: FramedReader;
  private readonly run: RunBuilder;
  private readonly rows: RecordAccumulator;
  private readonly rec = new ProtoReader();
  private readonly hist = new ProtoReader();
  private readonly item = new ProtoReader();
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  private readonly nested: string[] = [];
  private readonly keyCache = new ByteKeyMap<string>();
  private keyCount = 0;
  private itemKey = '';
  private itemValue = 0;
  private itemObject: Record<string, unknown> | undefined;
  private ended = false;

  constructor(origin: string) {
    this.warns = new WarningList(origin);
    const { name, id } = runOfWandbFile(origin);
    this.run = new RunBuilder(name, origin, 'wandb');
    if (id) this.run.setMeta('wandb_run_id', id);
    this.rows = new RecordAccumulator(this.run);
    this.log = new LevelDbLog({
      record: (buf, view, start, end, abs) => this.record(buf, view, start, end, abs),
      warn: (message, offset) => this.warns.add(message, { offset }),
    });
    this.framing = new FramedReader(this.log.unit);
  }

  /** Resume offset: the start of a record whose fragments are not all in yet, else the framing's. */
  get consumed(): number {
    const pending = this.log.pendingRecordStart;
    return pending === undefined ? this.framing.consumed : Math.min(pending, this.framing.consumed);
  }

  push(chunk: Uint8Array): void {
    if (!this.ended) this.framing.push(chunk);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const pending = this.log.pendingRecordStart;
    if (this.framing.pending > 0 || pending !== undefined) {
      this.warns.add('file ends inside a record (the writer had not flushed it yet); that record was not read', { offset: this.consumed });
    }
  }

  runs(): RunData[] {
    const run = this.run.data();
    return run.series.length > 0 ? [run] : [];
  }

  warnings(): IngestWarning[] {
    return this.warns.list();
  }

  private record(buf: Uint8Array, view: DataView, start: number, end: number, abs: number): void {
    const r = this.rec.reset(buf, view, start, end);
    try {
      while (r.next()) {
        if (r.wire !== WIRE_LEN) {
          r.skip();
          continue;
        }
        r.len();
        if (r.field === RECORD_HISTORY) this.history();
        else if (r.field === RECORD_RUN) this.runRecord();
        else if (r.field === RECORD_EXIT) this.exitRecord();
      }
    } catch (e) {
      if (!(e instanceof ProtoError)) throw e;
      this.warns.add(`malformed W&B record (${e.message}); skipped`, { offset: abs });
    }
  }

  /** HistoryRecord {item=1 repeated HistoryItem, step=2 {num=1}}. */
  private history(): void {
    const h = this.hist.enter(this.rec);
    const keys = this.keys;
    const values = this.values;
    keys.length = 0;
    values.length = 0;
    let step: number | undefined;
    let hasStepItem = false;
    while (h.next()) {
      if (h.field === HISTORY_ITEM && h.wire === WIRE_LEN) {
        h.len();
        if (!this.historyItem()) continue;
        if (this.itemObject) {
          flattenMetrics(this.itemObject, this.itemKey, keys, values);
          continue;
        }
        keys.push(this.itemKey);
        values.push(this.itemValue);
        if (this.itemKey === '_step') hasStepItem = true;
      } else if (h.field === HISTORY_STEP && h.wire === WIRE_LEN) {
        h.len();
        const s = this.item.enter(h);
        step = 0;
        while (s.next()) {
          if (s.field === 1 && s.wire === WIRE_VARINT) step = s.int64();
          else s.skip();
        }
      } else h.skip();
    }
    if (!hasStepItem && step !== undefined) {
      keys.push('_step');
      values.push(step);
    }
    this.rows.add(keys, values);
  }

  /** Reads one HistoryItem into itemKey/itemValue (or itemObject: a dict logged under the key);
   *  false when it has no key or is neither a number nor an object. */
  private historyItem(): boolean {
    const it = this.item.enter(this.hist);
    let key = '';
    let value: number | undefined;
    let object: Record<string, unknown> | undefined;
    const nested = this.nested;
    nested.length = 0;
    while (it.next()) {
      if (it.wire !== WIRE_LEN) {
        it.skip();
        continue;
      }
      it.len();
      if (it.field === ITEM_KEY) key = this.keyText(it.buf, it.lenStart, it.lenEnd);
      else if (it.field === ITEM_NESTED_KEY) nested.push(this.keyText(it.buf, it.lenStart, it.lenEnd));
      else if (it.field === ITEM_VALUE_JSON) {
        value = parseJsonNumber(it.buf, it.lenStart, it.lenEnd);
        // wandb.log({"val": {"loss": 1.2}}) writes one item "val" whose value is the dict's JSON
        if (value === undefined && it.buf[it.lenStart] === OPEN_BRACE) object = jsonObject(utf8Text(it.buf, it.lenStart, it.lenEnd));
      }
    }
    if (!key && nested.length > 0) key = nested.join('/');
    if (!key || (value === undefined && object === undefined)) return false;
    this.itemKey = key;
    this.itemValue = value ?? NaN;
    this.itemObject = value === undefined ? object : undefined;
    return true;
  }

  /** Keys repeat on every row: decode each distinct one once. */
  private keyText(buf: Uint8Array, start: number, end: number): string {
    let k = this.keyCache.get(buf, start, end);
    if (k === undefined) {
      k = utf8Text(buf, start, end);
      if (this.keyCount++ < MAX_CACHED_KEYS) this.keyCache.set(buf, start, end, k);
    }
    return k;
  }

  /** RunRecord.display_name names the run as the W&B UI does. */
  private runRecord(): void {
    const r = this.hist.enter(this.rec);
    while (r.next()) {
      if (r.field === RUN_DISPLAY_NAME && r.wire === WIRE_LEN) {
        r.len();
        const name = utf8Text(r.buf, r.lenStart, r.lenEnd).trim();
        if (name) this.run.setMeta('wandb_display_name', name);
      } else r.skip();
    }
  }

  private exitRecord(): void {
    const r = this.hist.enter(this.rec);
    let code = 0;
    while (r.next()) {
      if (r.field === EXIT_CODE && r.wire === WIRE_VARINT) code = r.int64();
      else r.skip();
    }
    this.run.setMeta('exit_code', code);
  }
}

export const wandbFormat: Format = {
  id: 'wandb',
  growth: 'append',
  detect(name, head) {
    const base = baseName(name);
    const named = base.endsWith('.wandb');
    if (hasWandbMagic(head)) return 1;
    if (named) return head.length < 7 ? (base.startsWith('run-') ? 0.9 : 0.6) : 0.3;
    return 0;
  },
  createDecoder: (origin) => new WandbDecoder(origin),
};
