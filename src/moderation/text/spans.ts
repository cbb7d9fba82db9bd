/**
 * Finds the parts of a message that are addresses rather than words: URLs,
 * e-mail addresses, @mentions and bare domains. Hand-written scanners, each
 * character visited a bounded number of times, so a 64 KB adversarial message
 * stays linear (a backtracking domain regex is quadratic on `a.a.a.a...`).
 */

const SpanKind = { Url: 'url', Email: 'email', Mention: 'mention', Domain: 'domain' } as const;
type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

/** A half-open UTF-16 range `[start, end)` of the text. */
export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
  /** Lower-case host name for URLs, domains and e-mails (after the `@`). */
  host?: string;
}

/**
 * Top-level domains a bare domain (`example.com`, no scheme) must end with to count:
 * the generic ones plus country codes that chat links commonly use. A closed list
 * keeps `node.js`, `e.g.` and `f.u.c.k` from reading as domains.
 */
const BARE_DOMAIN_TLDS: ReadonlySet<string> = new Set(
  (
    'com net org edu gov mil int info biz io co ai app dev me ly gg tv xyz online site club shop store top live link click ' +
    'page blog news tech cloud pro win vip fun icu art wiki ' +
    'ru uk de fr cn jp br in it nl es au ca us eu ch se no pl be at dk fi pt ie nz za mx ar cl kr tw hk sg my id th vn ph tr ua ' +
    'tk ml ga cf gq cc ws su to sh im is gl so vc la fm am pw ly be me gd ms nu'
  ).split(' '),
);

const isHostChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 46 /* . */;
const isSchemeChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
const isLocalChar = (c: number): boolean => isHostChar(c) || c === 95 || c === 37 || c === 43; // _ % +
const isSpace = (c: number): boolean =>
  c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f;
/** Characters that end a URL besides whitespace. */
const isUrlStop = (c: number): boolean => isSpace(c) || c === 60 /* < */ || c === 62 /* > */ || c === 34 /* " */;
/** Trailing characters that are sentence punctuation, not part of the URL. */
const isTrailingPunct = (c: number): boolean =>
  c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125 || c === 39;

function urlEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !isUrlStop(text.charCodeAt(end))) end++;
  while (end > from && isTrailingPunct(text.charCodeAt(end - 1))) end--;
  return end;
}

function hostAt(text: string, from: number): string {
  let end = from;
  while (end < text.length && isHostChar(text.charCodeAt(end))) end++;
  return text.slice(from, end).replace(/\.+$/, '').toLowerCase();
}

/** URLs with a scheme (`https://...`) or starting with `www.`. */
function scanUrls(text: string, out: Span[]): void {
  let at = text.indexOf('://');
  while (at !== -1) {
    let start = at;
    while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    const end = urlEnd(text, at + 3);
    if (at - start >= 2 && end > at + 3) {
      const authority = text.slice(at + 3, end);
      const hostStart = at + 3 + (authority.lastIndexOf('@', authority.search(/[/?#]|$/)) + 1);
      out.push({ start, end, kind: SpanKind.Url, host: hostAt(text, hostStart) });
    }
    at = text.indexOf('://', Math.max(end, at + 3));
  }
  let www = text.indexOf('www.');
  while (www !== -1) {
    const before = www === 0 ? 32 : text.charCodeAt(www - 1);
    if (!isHostChar(before) && before !== 47 /* / */ && before !== 64 /* @ */) {
      const end = urlEnd(text, www);
      if (end > www + 4) out.push({ start: www, end, kind: SpanKind.Url, host: hostAt(text, www) });
      www = text.indexOf('www.', Math.max(end, www + 4));
    } else {
      www = text.indexOf('www.', www + 4);
    }
  }
}

/** E-mail addresses and @mentions, both around an `@`. */
function scanAts(text: string, out: Span[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isHostChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const domain = text.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    const tld = dot === -1 ? '' : domain.slice(dot + 1);
    if (start < at && dot > 0 && tld.length >= 2 && /^[a-z]+$/i.test(tld) && !domain.includes('..')) {
      out.push({ start, end, kind: SpanKind.Email, host: domain.toLowerCase() });
      at = text.indexOf('@', end);
      continue;
    }
    if (start === at) {
      // @mention: up to whitespace or punctuation that cannot be part of a name.
      let stop = at + 1;
      while (stop < text.length && !isSpace(text.charCodeAt(stop)) && !'@,;:!?()[]{}<>"\''.includes(text[stop]!))
        stop++;
      while (stop > at + 1 && text.charCodeAt(stop - 1) === 46) stop--;
      if (stop > at + 1) out.push({ start: at, end: stop, kind: SpanKind.Mention });
      at = text.indexOf('@', Math.max(stop, at + 1));
      continue;
    }
    at = text.indexOf('@', at + 1);
  }
}

/** Bare domains (`example.com`, `discord.gg/abc`) with a TLD from {@link BARE_DOMAIN_TLDS}. */
function scanBareDomains(text: string, out: Span[], tlds: ReadonlySet<string>): void {
  // A bare domain has a dot: visit dots (native indexOf), widen each to its run of host characters.
  let dot = text.indexOf('.');
  let i = 0;
  // Every next dot is searched from i (the end of the run or span just seen): never behind it.
  while (dot !== -1) {
    let runStart = dot;
    while (runStart > 0 && isHostChar(text.charCodeAt(runStart - 1))) runStart--;
    i = dot;
    while (i < text.length && isHostChar(text.charCodeAt(i))) i++;
    dot = text.indexOf('.', i);
    const before = runStart === 0 ? 32 : text.charCodeAt(runStart - 1);
    // Part of an e-mail, a URL path or a word in another script: not a bare domain.
    if (before === 64 || before === 47 || before === 58 || before > 0x7f) continue;
    let start = runStart;
    let end = i;
    while (start < end && (text.charCodeAt(start) === 46 || text.charCodeAt(start) === 45)) start++;
    while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const host = text.slice(start, end);
    const last = host.lastIndexOf('.');
    if (last <= 0) continue;
    const tld = host.slice(last + 1).toLowerCase();
    if (!tlds.has(tld)) continue;
    const labels = host.split('.');
    if (labels.some((label) => label.length === 0 || label.length > 63)) continue;
    let spanEnd = end;
    if (end === i && i < text.length && (text.charCodeAt(i) === 47 || text.charCodeAt(i) === 58))
      spanEnd = urlEnd(text, i);
    out.push({ start, end: spanEnd, kind: SpanKind.Domain, host: host.toLowerCase() });
    if (spanEnd > i) {
      i = spanEnd;
      dot = text.indexOf('.', i);
    }
  }
}

const byStart = (a: Span, b: Span) => a.start - b.start || b.end - a.end;

/** Drops spans inside an earlier, longer one (an e-mail inside a URL, a domain inside an e-mail). */
function merge(spans: Span[]): Span[] {
  spans.sort(byStart);
  const out: Span[] = [];
  let reach = -1;
  for (const span of spans) {
    if (span.start < reach) continue;
    out.push(span);
    reach = span.end;
  }
  return out;
}

/**
 * URLs (scheme or `www.`), e-mail addresses and @mentions, sorted: the parts
 * word rules must not match inside.
 *
 * @example
 * addressSpans('mail bob@example.com or see https://x.io'); // [{ kind: 'email', ... }, { kind: 'url', ... }]
 */
export function addressSpans(text: string): Span[] {
  if (text.indexOf('@') === -1 && text.indexOf('://') === -1 && text.indexOf('www.') === -1) return [];
  const out: Span[] = [];
  scanUrls(text, out);
  scanAts(text, out);
  return merge(out);
}

/**
 * Every link: URLs plus bare domains (e-mail addresses are not links), sorted.
 *
 * @example
 * linkSpans('join discord.gg/abc now'); // [{ kind: 'domain', host: 'discord.gg', ... }]
 */
export function linkSpans(text: string, tlds: ReadonlySet<string> = BARE_DOMAIN_TLDS): Span[] {
  const out: Span[] = [];
  if (text.indexOf('://') !== -1 || text.indexOf('www.') !== -1) scanUrls(text, out);
  if (text.indexOf('@') !== -1) scanAts(text, out);
  if (text.indexOf('.') !== -1) scanBareDomains(text, out, tlds);
  return merge(out).filter((span) => span.kind === SpanKind.Url || span.kind === SpanKind.Domain);
}
