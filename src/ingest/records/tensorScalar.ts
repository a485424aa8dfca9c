// The single number a scalar TensorProto holds, in any of the encodings writers use: raw
// little-endian tensor_content (TF2/Keras) or a typed repeated field (PyTorch new_style).
import { ProtoReader } from './protobuf';

// tensorflow/core/framework/types.proto
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_UINT8 = 4;
const DT_INT16 = 5;
const DT_INT8 = 6;
const DT_INT64 = 9;
const DT_BOOL = 10;
const DT_BFLOAT16 = 14;
const DT_UINT16 = 17;
const DT_HALF = 19;
const DT_UINT32 = 22;
const DT_UINT64 = 23;

const ELEMENT_SIZE: ReadonlyMap<number, number> = new Map([
  [DT_FLOAT, 4],
  [DT_DOUBLE, 8],
  [DT_INT32, 4],
  [DT_UINT8, 1],
  [DT_INT16, 2],
  [DT_INT8, 1],
  [DT_INT64, 8],
  [DT_BOOL, 1],
  [DT_BFLOAT16, 2],
  [DT_UINT16, 2],
  [DT_HALF, 2],
  [DT_UINT32, 4],
  [DT_UINT64, 8],
]);

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

export function bfloat16ToNumber(bits: number): number {
  u32[0] = (bits & 0xffff) << 16;
  return f32[0];
}

function readElement(view: DataView, p: number, dtype: number): number {
  switch (dtype) {
    case DT_FLOAT:
      return view.getFloat32(p, true);
    case DT_DOUBLE:
      return view.getFloat64(p, true);
    case DT_INT32:
      return view.getInt32(p, true);
    case DT_UINT8:
    case DT_BOOL:
      return view.getUint8(p);
    case DT_INT16:
      return view.getInt16(p, true);
    case DT_INT8:
      return view.getInt8(p);
    case DT_INT64:
      return Number(view.getBigInt64(p, true));
    case DT_BFLOAT16:
      return bfloat16ToNumber(view.getUint16(p, true));
    case DT_UINT16:
      return view.getUint16(p, true);
    case DT_HALF:
      return halfToNumber(view.getUint16(p, true));
    case DT_UINT32:
      return view.getUint32(p, true);
    case DT_UINT64:
      return Number(view.getBigUint64(p, true));
    default:
      return NaN;
  }
}

/** Reads TensorProto fields; reuse one instance (it keeps no reference to the buffer after). */
export class TensorScalarReader {
  private count = 0;
  private first = NaN;
  private readonly add = (v: number): void => {
    if (this.count++ === 0) this.first = v;
  };

  /**
   * The value of the one-element numeric tensor `r` walks, or undefined when it is not one
   * (histograms, images, strings, vectors). Throws ProtoError on malformed bytes.
   */
  read(r: ProtoReader, view: DataView): number | undefined {
    let dtype = 0;
    let contentStart = -1;
    let contentEnd = -1;
    let halfBits = -1;
    this.count = 0;
    this.first = NaN;
    while (r.next()) {
      switch (r.field) {
        case 1:
          if (r.wire !== 0) r.skip();
          else dtype = r.varint();
          break;
        case 4:
          if (r.wire !== 2) r.skip();
          else {
            r.len();
            contentStart = r.lenStart;
            contentEnd = r.lenEnd;
          }
          break;
        case 5:
          r.repeated('float', this.add);
          break;
        case 6:
          r.repeated('double', this.add);
          break;
        case 7:
          // int_val also carries int8/16, uint8/16 and bool
          r.repeated('int64', this.add);
          break;
        case 10:
          r.repeated('int64', this.add);
          break;
        case 13: {
          const before = this.count;
          r.repeated('varint', this.add);
          if (before === 0 && this.count > 0) halfBits = this.first;
          break;
        }
        default:
          r.skip();
      }
    }
    if (contentStart >= 0 && contentEnd > contentStart) {
      const size = ELEMENT_SIZE.get(dtype);
      if (size === undefined || contentEnd - contentStart !== size || this.count > 0) return undefined;
      return readElement(view, contentStart, dtype);
    }
    if (this.count !== 1) return undefined;
    if (halfBits >= 0) {
      if (dtype === DT_HALF) return halfToNumber(halfBits);
      if (dtype === DT_BFLOAT16) return bfloat16ToNumber(halfBits);
      return undefined;
    }
    if (dtype === 0 || !ELEMENT_SIZE.has(dtype)) return undefined;
    return this.first;
  }
}
