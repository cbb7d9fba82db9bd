import { defineRule, PASS } from '../rule.js';
import { booleanOption, knownKeys, oneOf, optionsObject, stringList } from '../options.js';
import { linkSpans, type Span } from '../text/spans.js';
import { replaceRanges } from '../text/mask.js';
import type { CommonRuleOptions, Rule } from '../types.js';
import { InvalidOptionsError } from '../../errors.js';

export interface LinksOptions extends CommonRuleOptions {
  /** Domains whose links pass (subdomains included): `['example.com']`. With `allow`, every other link is flagged. */
  allow?: string[];
  /** Domains whose links are flagged (subdomains included). Without `allow`, other links pass. */
  deny?: string[];
  /** Flag invite links (Discord, Telegram, WhatsApp, Slack, ...) unless allowed. Default true. */
  invites?: boolean;
  /** `redact` (default) replaces each flagged link with `[link removed]`; `deny` denies the message. */
  action?: 'redact' | 'deny';
}

/** Invite-style links: a host, and a path prefix when the host also serves other pages. */
const INVITES: ReadonlyArray<readonly [string, string]> = [
  ['discord.gg', ''],
  ['discord.com', '/invite'],
  ['discordapp.com', '/invite'],
  ['t.me', ''],
  ['telegram.me', ''],
  ['chat.whatsapp.com', ''],
  ['wa.me', ''],
  ['join.slack.com', ''],
  ['zoom.us', '/j/'],
  ['meet.google.com', ''],
  ['teams.microsoft.com', '/l/meetup-join'],
  ['signal.group', ''],
  ['join.skype.com', ''],
];

const KEYS = ['allow', 'deny', 'invites', 'action', 'annotate'] as const;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

const normalizeDomain = (option: string, domain: string): string => {
  const d = domain.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  if (!DOMAIN.test(d))
    throw new InvalidOptionsError(option, `${JSON.stringify(domain)} is not a domain name (like example.com)`);
  return d;
};

/** `host` is `domain` or one of its subdomains. */
const within = (host: string, domain: string): boolean =>
  host === domain ||
  (host.length > domain.length && host.endsWith(domain) && host[host.length - domain.length - 1] === '.');

function pathOf(text: string, span: Span): string {
  const raw = text.slice(span.start, span.end).toLowerCase();
  const afterScheme = raw.includes('://') ? raw.slice(raw.indexOf('://') + 3) : raw;
  const slash = afterScheme.indexOf('/');
  return slash === -1 ? '' : afterScheme.slice(slash);
}

/**
 * Finds links (URLs with a scheme, `www.` addresses and bare domains such as
 * `example.com/x`) and redacts or denies the ones not allowed. With no options,
 * every link is flagged; `allow` lists what passes, `deny` flags only what it lists
 * (plus invite links, unless `invites: false`).
 *
 * @param options - allowed and denied domains, invite links and the action
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware)
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(links({ allow: ['example.com'] })); // 'see evil.io/x' -> 'see [link removed]'
 * moderate(links({ deny: ['bit.ly'], action: 'deny' }));
 */
export function links(options?: LinksOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('links', opts, KEYS);
  const allow = stringList('links.allow', opts.allow).map((d) => normalizeDomain('links.allow', d));
  const denyList = stringList('links.deny', opts.deny).map((d) => normalizeDomain('links.deny', d));
  const invites = booleanOption('links.invites', opts.invites, true);
  const action = oneOf('links.action', opts.action, ['redact', 'deny'] as const, 'redact');
  const hasAllow = opts.allow !== undefined;
  const hasDeny = opts.deny !== undefined;

  const isInvite = (text: string, span: Span, host: string) =>
    INVITES.some(
      ([domain, prefix]) =>
        within(host, domain) && (prefix === '' ? pathOf(text, span).length > 1 : pathOf(text, span).startsWith(prefix)),
    );
  const flagged = (text: string, span: Span): boolean => {
    // linkSpans() keeps URL and domain spans only, and both always carry their host.
    const host = span.host!;
    if (allow.some((d) => within(host, d))) return false;
    if (denyList.some((d) => within(host, d))) return true;
    if (invites && isInvite(text, span, host)) return true;
    // With an allow list, anything else is flagged; with only a deny list, it passes; with neither, every link is flagged.
    return hasAllow || !hasDeny;
  };

  return defineRule(
    'links',
    function linksCheck(draft) {
      const text = draft.content;
      if (text.indexOf('.') === -1) return PASS;
      const bad = linkSpans(text).filter((span) => flagged(text, span));
      if (bad.length === 0) return PASS;
      if (action === 'deny') return { kind: 'deny', reason: `${bad.length} link(s) not allowed`, count: bad.length };
      return {
        kind: 'edit',
        content: replaceRanges(
          text,
          bad.map((s) => ({ start: s.start, end: s.end, with: '[link removed]' })),
        ),
        count: bad.length,
      };
    },
    { annotate: opts.annotate },
  );
}
