import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { InvalidOptionsError } from '../../src/errors.js';
import { ibanValid, luhnValid, pii } from '../../src/moderation/index.js';
import { runSync } from './helpers.js';

const redact = pii();
const masked = pii({ style: 'mask' });

// A small seeded generator: the corpus is the same on every run.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const random = rng(42);
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

function luhnComplete(prefix: string, length: number): string {
  const body = prefix + digits(length - prefix.length - 1);
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}
const CARD_PREFIXES: [string, number][] = [
  ['4', 16],
  ['4', 13],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['3530', 16],
  ['36', 14],
  ['62', 16],
];
const group4 = (n: string, sep: string) => n.match(/.{1,4}/g)!.join(sep);

function ibanFor(country: string, bbanLength: number): string {
  const bban = digits(bbanLength);
  const numeric = `${bban + country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}
const IBAN_COUNTRIES: [string, number][] = [
  ['DE', 22],
  ['GB', 22],
  ['FR', 27],
  ['ES', 24],
  ['IT', 27],
  ['NL', 18],
  ['BE', 16],
  ['CH', 21],
  ['PL', 28],
  ['NO', 15],
  ['SE', 24],
  ['AT', 20],
];

function validSsn(): string {
  let area = 1 + Math.floor(random() * 898);
  if (area === 666) area = 665;
  const group = 1 + Math.floor(random() * 99);
  const serial = 1 + Math.floor(random() * 9999);
  return `${String(area).padStart(3, '0')}-${String(group).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
}

/** Changes one digit so the checksum fails (Luhn and mod 97 catch every single-digit change). */
function breakOneDigit(value: string, at: number): string {
  const chars = [...value];
  const index = chars
    .map((c, i) => (/\d/.test(c) ? i : -1))
    .filter((i) => i >= 0)
    .at(at)!;
  chars[index] = String((Number(chars[index]) + 1 + Math.floor(random() * 8)) % 10);
  return chars.join('');
}

const require = createRequire(import.meta.url);
const examples: Record<string, string> = JSON.parse(
  readFileSync(require.resolve('libphonenumber-js/examples.mobile.json'), 'utf8'),
);

const redacted = (rule = redact, text: string) => {
  const verdict = runSync(rule, text);
  return verdict.kind === 'edit' ? verdict.content : text;
};

describe('pii()', () => {
  it.each([
    ['an e-mail address', 'write to jane.doe+chat@example.co.uk today', 'write to [EMAIL] today'],
    ['a US phone number in national format', 'call (213) 373-4253 now', 'call [PHONE] now'],
    ['an international phone number', 'call +44 20 7946 0958 now', 'call [PHONE] now'],
    ['a card number in groups', 'card 4111 1111 1111 1111 exp', 'card [CARD] exp'],
    ['a plain card number', 'card 378282246310005.', 'card [CARD].'],
    ['an IBAN in groups', 'iban GB82 WEST 1234 5698 7654 32 thanks', 'iban [IBAN] thanks'],
    ['a US SSN', 'my ssn is 123-45-6789', 'my ssn is [SSN]'],
    ['an IPv4 address', 'server 192.168.10.20 is down', 'server [IP] is down'],
    ['an IPv6 address', 'server 2001:db8::8a2e:370:7334 is down', 'server [IP] is down'],
    ['an AWS access key id', 'key AKIAIOSFODNN7EXAMPLE leaked', 'key [AWS_KEY] leaked'],
  ])('redacts %s with a label', (_kind, text, expected) => {
    expect(redacted(redact, text)).toBe(expected);
  });

  it('masks keep the length and the separators', () => {
    expect(redacted(masked, 'card 4111-1111-1111-1111 ok')).toBe('card ****-****-****-**** ok');
  });

  it('maps positions after emoji correctly', () => {
    expect(redacted(redact, '😀👍🏽 mail bob@example.com 🎉 call +1 213-373-4253')).toBe(
      '😀👍🏽 mail [EMAIL] 🎉 call [PHONE]',
    );
  });

  it.each([
    ['a version number', 'upgrade to 1.2.3'],
    ['a time', 'meet at 10:30:00'],
    ['a short number', 'order 1234567 shipped'],
    ['an SSN with area 666', 'id 666-12-3456'],
    ['an SSN with group 00', 'id 123-00-4567'],
    ['nine bare digits', 'ref 123456789'],
    ['C++ scope syntax', 'use std::vector and a::b'],
    ['an IP with an octet over 255', 'host 256.1.1.1'],
    ['a lower-case key-like word', 'akiaiosfodnn7example'],
  ])('leaves %s alone', (_kind, text) => {
    expect(runSync(redact, text)).toEqual({ kind: 'pass' });
  });

  it('denies naming the entity kinds, not their values', () => {
    const verdict = runSync(pii({ action: 'deny' }), 'mail bob@example.com');
    expect(verdict).toMatchObject({ kind: 'deny', reason: 'pii (email)' });
    if (verdict.kind === 'deny') expect(verdict.reason).not.toContain('bob');
  });

  it('finds only the entities asked for', () => {
    expect(redacted(pii({ entities: ['email'] }), 'bob@example.com 4111 1111 1111 1111')).toBe(
      '[EMAIL] 4111 1111 1111 1111',
    );
  });

  it('reads national numbers with the configured region', () => {
    expect(redacted(pii({ defaultCountry: 'GB' }), 'ring 020 7946 0958')).toBe('ring [PHONE]');
    expect(redacted(pii({ defaultCountry: null }), 'ring 020 7946 0958')).toBe('ring 020 7946 0958');
  });

  it.each([
    [{ entities: ['passport'] }, 'pii.entities'],
    [{ entities: [] }, 'pii.entities'],
    [{ style: 'blur' }, 'pii.style'],
    [{ action: 'hide' }, 'pii.action'],
    [{ defaultCountry: 'XX' }, 'pii.defaultCountry'],
  ])('rejects bad options at build time: %j', (options, option) => {
    expect(() => pii(options as never)).toThrow(InvalidOptionsError);
    expect(() => pii(options as never)).toThrow(expect.objectContaining({ option }));
  });
});

describe('pii() quality floors', () => {
  const valid: { kind: string; text: string }[] = [];
  const twins: { kind: string; text: string }[] = [];
  for (let i = 0; i < 120; i++) {
    const [prefix, length] = CARD_PREFIXES[i % CARD_PREFIXES.length]!;
    const card = luhnComplete(prefix, length);
    const written = i % 3 === 0 ? card : group4(card, i % 3 === 1 ? ' ' : '-');
    valid.push({ kind: 'card', text: written });
    twins.push({ kind: 'card', text: breakOneDigit(written, i % length) });
  }
  for (let i = 0; i < 120; i++) {
    const [country, length] = IBAN_COUNTRIES[i % IBAN_COUNTRIES.length]!;
    const iban = ibanFor(country, length - 4);
    const written = i % 2 === 0 ? iban : group4(iban, ' ');
    valid.push({ kind: 'iban', text: written });
    twins.push({ kind: 'iban', text: breakOneDigit(written, 2 + (i % (length - 4))) }); // length - 2 letters - 2 check digits
  }
  for (let i = 0; i < 100; i++) {
    valid.push({ kind: 'ssn', text: validSsn() });
  }
  for (const bad of ['000-12-3456', '666-12-3456', '900-12-3456', '999-99-9999', '123-00-4567', '123-45-0000'])
    twins.push({ kind: 'ssn', text: bad });
  for (const [country, national] of Object.entries(examples)) {
    // Full (max) metadata to build the corpus, independent of the min metadata the rule uses.
    const phone = parsePhoneNumberFromString(national, country as CountryCode, maxMetadata);
    if (phone?.isValid()) valid.push({ kind: 'phone', text: phone.formatInternational() });
  }
  for (let i = 0; i < 50; i++) valid.push({ kind: 'email', text: `user${i}.${digits(3)}@mail${i}.example.com` });
  for (let i = 0; i < 50; i++)
    valid.push({ kind: 'ip', text: [1, 2, 3, 4].map(() => Math.floor(random() * 256)).join('.') });

  it('recall >= 0.99 on valid numbers of every kind', () => {
    const missed = valid.filter(
      ({ text }) => !redacted(redact, `note: ${text} (thanks)`).match(/\[(CARD|IBAN|SSN|PHONE|EMAIL|IP)\]/),
    );
    expect(valid.length).toBeGreaterThan(650);
    expect({ recall: 1 - missed.length / valid.length >= 0.99, missed: missed.slice(0, 10) }).toEqual({
      recall: true,
      missed: expect.any(Array),
    });
  });

  it('redacts none of the checksum-broken twins', () => {
    const redactedTwins = twins.filter(({ text }) => runSync(redact, `note: ${text} (thanks)`).kind !== 'pass');
    expect(twins.length).toBeGreaterThan(240);
    expect(redactedTwins).toEqual([]);
  });

  it('the IBAN and Luhn checks agree with known values', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});
