/**
 * The runs of ASCII digits in one text, found once per `findPii` call and shared by the
 * detectors that jump from number to number (digit groups, IPs, phones, IBANs): each run
 * costs one native regex jump in all, not one per detector. Buffers are reused (grown on
 * demand), so indexing allocates nothing per message.
 */
export class DigitIndex {
  /** Run k is `[starts[k], ends[k])`; `count` runs, in text order. */
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  count = 0;
  /** The run the last {@link next} answer came from: detectors ask in increasing order. */
  private cursor = 0;
  private static readonly NEXT_DIGIT = /\d/g;

  /** Finds every run of digits in `text`, replacing the previous text's. */
  index(text: string): this {
    const n = text.length;
    // Runs alternate with non-digits: at most half the text, rounded up.
    const need = (n + 1) >> 1;
    if (need > this.starts.length) {
      const size = Math.max(need, 64);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
    }
    const { starts, ends } = this;
    const jump = DigitIndex.NEXT_DIGIT;
    let count = 0;
    for (let i = 0; i < n; ) {
      jump.lastIndex = i;
      if (!jump.test(text)) break;
      let k = jump.lastIndex;
      while (k < n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      starts[count] = jump.lastIndex - 1;
      ends[count++] = k;
      i = k + 1;
    }
    this.count = count;
    this.cursor = 0;
    return this;
  }

  /** Where the run of the last {@link next} answer ends. */
  end(): number {
    return this.ends[this.cursor]!;
  }

  /** The index of the first digit at or after `i`, or -1: what a `/\d/g` search from `i` finds. */
  next(i: number): number {
    const { starts, ends, count } = this;
    let c = this.cursor;
    // Asked about an earlier place (the next detector starts over): find its run by bisection.
    if (c > 0 && ends[c - 1]! > i) {
      let low = 0;
      let high = c - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (ends[mid]! > i) high = mid;
        else low = mid + 1;
      }
      c = low;
    }
    while (c < count && ends[c]! <= i) c++;
    this.cursor = c;
    if (c === count) return -1;
    return Math.max(starts[c]!, i);
  }
}
