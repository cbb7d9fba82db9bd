import { addressSpans } from '../text/spans.js';
import type { PiiFinding } from './types.js';

/** E-mail addresses (local part, `@`, a domain with a dot and an alphabetic TLD). */
export function findEmails(text: string, out: PiiFinding[]): void {
  if (text.indexOf('@') === -1) return;
  for (const span of addressSpans(text))
    if (span.kind === 'email') out.push({ entity: 'email', start: span.start, end: span.end });
}
