// JSON as Python writes it: bare NaN, Infinity, -Infinity (json.dumps default allow_nan=True).
// Plain JSON.parse first (fast path); only on failure are bare tokens outside strings rewritten.

const SENTINEL = '\u0000sl-num:';

/** Parses JSON that may contain bare NaN/Infinity/-Infinity; throws SyntaxError like JSON.parse. */
export function parseRelaxedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const rewritten = quoteBareNumbers(text);
    if (rewritten === null) throw err;
    return JSON.parse(rewritten, (_k, v: unknown) => {
      if (typeof v === 'string' && v.startsWith(SENTINEL)) {
        const t = v.slice(SENTINEL.length);
        return t === 'NaN' ? NaN : t === 'Infinity' ? Infinity : -Infinity;
      }
      return v;
    });
  }
}

/** Returns the text with bare tokens quoted as sentinel strings, or null when it has none. */
function quoteBareNumbers(text: string): string | null {
  let out = '';
  let last = 0;
  let inString = false;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next char
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    let token: string | null = null;
    let start = i;
    if (c === 78 && text.startsWith('NaN', i)) token = 'NaN';
    else if (c === 73 && text.startsWith('Infinity', i)) token = 'Infinity';
    else if (c === 45 && text.startsWith('-Infinity', i)) token = '-Infinity';
    if (token === null) continue;
    out += text.slice(last, start) + JSON.stringify(SENTINEL + token);
    i += token.length - 1;
    last = i + 1;
    found = true;
  }
  return found ? out + text.slice(last) : null;
}
