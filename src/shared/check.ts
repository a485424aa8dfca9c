// Checks that take an unknown value apart by a shape, naming the path of the first field that does
// not fit: the building blocks of the protocol's validators (validate.ts). Pure.

/** Why a message was rejected: path of the first bad field and what was expected. */
export class ProtocolError extends Error {
  constructor(readonly path: string, expected: string) {
    super(`invalid message at ${path}: expected ${expected}`);
    this.name = 'ProtocolError';
  }
}

export type Check<T> = (v: unknown, path: string) => T;

export const MAX_STRING = 10_000;
export const MAX_IMAGE = 50_000_000;

export function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProtocolError(path, 'an object');
  return v as Record<string, unknown>;
}

export function str(max = MAX_STRING): Check<string> {
  return (v, path) => {
    if (typeof v !== 'string' || v.length > max) throw new ProtocolError(path, `a string of at most ${max} characters`);
    return v;
  };
}

export const text = str();

export const num: Check<number> = (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProtocolError(path, 'a finite number');
  return v;
};

export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new ProtocolError(path, 'a boolean');
  return v;
};

export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (v, path) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw new ProtocolError(path, values.join(' | '));
    return v as T;
  };
}

export function arr<T>(item: Check<T>): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) throw new ProtocolError(path, 'an array');
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

export function opt<T>(check: Check<T>): Check<T | undefined> {
  return (v, path) => (v === undefined ? undefined : check(v, path));
}

export type Shape<T> = { [K in keyof T]-?: Check<T[K]> };

export function record<T>(shape: Shape<T>): Check<T> {
  return (v, path) => {
    const o = obj(v, path);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape) as (keyof T & string)[]) {
      const value = shape[key](o[key], `${path}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as T;
  };
}
