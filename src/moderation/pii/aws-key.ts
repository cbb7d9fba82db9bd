import type { PiiFinding } from './types.js';

// Access key ID prefixes (IAM "unique identifier" prefixes); the rest is 16 base32 characters.
// No nested quantifier: linear on any input.
const ACCESS_KEY =
  /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z2-7]{16}(?![A-Z0-9])/g;

/** AWS access key IDs (`AKIA...`, `ASIA...`). */
export function findAwsKeys(text: string, out: PiiFinding[]): void {
  if (text.indexOf('A') === -1) return;
  // exec on the one global regex: matchAll would clone it per message.
  ACCESS_KEY.lastIndex = 0;
  for (let match = ACCESS_KEY.exec(text); match !== null; match = ACCESS_KEY.exec(text))
    out.push({ entity: 'awsKey', start: match.index, end: match.index + match[0].length });
}
