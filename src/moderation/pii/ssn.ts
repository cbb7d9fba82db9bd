import type { DigitRuns } from './digit-groups.js';
import type { PiiFinding } from './types.js';

/**
 * US Social Security numbers in one run of digit groups: exactly `AAA-GG-SSSS` or `AAA GG SSSS`
 * (one separator style), valid by the SSA's rules: area not 000, 666 or 900-999, group not 00,
 * serial not 0000. Nine bare digits are not matched: without separators they are any number.
 */
export function ssnInRun(text: string, runs: DigitRuns, first: number, last: number, out: PiiFinding[]): void {
  if (last - first !== 2) return;
  const { start, end, sep } = runs;
  if (
    end[first]! - start[first]! !== 3 ||
    end[first + 1]! - start[first + 1]! !== 2 ||
    end[last]! - start[last]! !== 4 ||
    sep[first + 1] !== sep[last]
  )
    return;
  const area = Number(text.slice(start[first]!, end[first]!));
  const group = Number(text.slice(start[first + 1]!, end[first + 1]!));
  const serial = Number(text.slice(start[last]!, end[last]!));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return;
  out.push({ entity: 'ssn', start: start[first]!, end: end[last]! });
}
