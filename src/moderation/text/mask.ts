/**
 * Replaces each listed character with `maskChar`, one per code point, so the
 * message keeps its length in characters and everything else as it was.
 * `letters` holds pairs (UTF-16 index, UTF-16 width), in any order.
 *
 * @example
 * maskLetters('a fuck b', [2, 1, 3, 1, 4, 1, 5, 1]); // 'a **** b'
 */
export function maskLetters(text: string, letters: ArrayLike<number>, maskChar = '*'): string {
  if (letters.length === 0) return text;
  // The scanners report letters in text order; sort only when they did not.
  let ordered = true;
  for (let k = 2; k < letters.length && ordered; k += 2) ordered = letters[k]! > letters[k - 2]!;
  let order: number[] | undefined;
  if (!ordered) {
    order = [];
    for (let k = 0; k < letters.length; k += 2) order.push(k);
    order.sort((a, b) => letters[a]! - letters[b]!);
  }
  const count = letters.length >> 1;
  const unit = maskChar.length === 1 ? maskChar.charCodeAt(0) : -1;
  if (count > 64 && unit >= 0) return maskUnits(text, letters, order, unit);
  // Adjacent characters (a whole word, most of the time) become one run of mask characters.
  let out = '';
  let at = 0;
  let run = 0;
  for (let q = 0; q < count; q++) {
    const k = order ? order[q]! : q * 2;
    const index = letters[k]!;
    if (index < at) continue;
    if (index > at) {
      if (run > 0) out += maskChar.repeat(run);
      run = 0;
      out += text.slice(at, index);
    }
    run++;
    at = index + letters[k + 1]!;
  }
  if (run > 0) out += maskChar.repeat(run);
  return out + text.slice(at);
}

/**
 * Many masks (a 64 KB run of matches): write UTF-16 units into one typed array
 * instead of joining tens of thousands of slices. Lone surrogates are copied as
 * they are (String.fromCharCode keeps them; a UTF-16 decoder would not).
 */
function maskUnits(text: string, letters: ArrayLike<number>, order: number[] | undefined, unit: number): string {
  const out = new Uint16Array(text.length);
  let size = 0;
  let at = 0;
  const count = letters.length >> 1;
  const copyTo = (end: number) => {
    for (; at < end; at++) out[size++] = text.charCodeAt(at);
  };
  for (let q = 0; q < count; q++) {
    const k = order ? order[q]! : q * 2;
    const index = letters[k]!;
    if (index < at) continue;
    copyTo(index);
    out[size++] = unit;
    at = index + letters[k + 1]!;
  }
  copyTo(text.length);
  let result = '';
  for (let from = 0; from < size; from += 8192)
    result += Reflect.apply(String.fromCharCode, null, out.subarray(from, Math.min(size, from + 8192)));
  return result;
}

/** A half-open UTF-16 range with what replaces it. */
export interface Replacement {
  start: number;
  end: number;
  with: string;
}

/**
 * Applies non-overlapping replacements (sorted here; overlaps keep the first).
 *
 * @example
 * replaceRanges('call 555', [{ start: 5, end: 8, with: '[PHONE]' }]); // 'call [PHONE]'
 */
export function replaceRanges(text: string, replacements: Replacement[]): string {
  if (replacements.length === 0) return text;
  replacements.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of replacements) {
    if (r.start < at) continue;
    out += text.slice(at, r.start) + r.with;
    at = r.end;
  }
  return out + text.slice(at);
}

/** Masks every letter and digit of `text` with `*`, keeping separators: `4111 1111` -> `**** ****`. */
export const maskAlnum = (text: string): string => text.replace(/[\p{L}\p{N}]/gu, '*');
