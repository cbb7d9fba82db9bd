// PII scanners on the shapes at their edges: IPv4 parts with leading zeros, IPv6 with a dotted tail, a
// second `::`, over-long groups; IBANs in lower case, of unknown countries or with other separators; quads
// after `//`; and findings pushed out of text order by the scanner order.
import { describe, expect, it } from '@jest/globals';
import { findPii, PiiEntity } from '../../src/moderation/pii/index.js';

const found = (text: string, entities: PiiEntity[]) =>
  findPii(text, new Set(entities), 'US').map((f) => [f.entity, text.slice(f.start, f.end)]);

describe('IP addresses', () => {
  it('refuses an IPv4 part with a leading zero (not how addresses are written)', () => {
    expect(found('server 10.01.2.3 is down', [PiiEntity.Ip])).toEqual([]);
    expect(found('server 10.0.2.3 is down', [PiiEntity.Ip])).toEqual([['ip', '10.0.2.3']]);
  });

  it('takes a quad after // as on a network, and one after a single / on its own merits', () => {
    // 1.2.3.4 reads as a version (small numbers) unless something says it is on a network.
    expect(found('open http://1.2.3.4 now', [PiiEntity.Ip])).toEqual([['ip', '1.2.3.4']]);
    expect(found('see a/1.2.3.4 now', [PiiEntity.Ip])).toEqual([]);
  });

  it('reads IPv6 with a dotted IPv4 tail, compressed or full, as one address (not only its tail)', () => {
    expect(found('from ::ffff:192.168.1.20 today', [PiiEntity.Ip])).toEqual([['ip', '::ffff:192.168.1.20']]);
    expect(found('from 0:0:0:0:0:ffff:192.168.1.20 today', [PiiEntity.Ip])).toEqual([
      ['ip', '0:0:0:0:0:ffff:192.168.1.20'],
    ]);
    expect(found('from ::ffff:192.168.1.999 today', [PiiEntity.Ip])).toEqual([]);
    // Nine groups are not an IPv6 address; the IPv4 tail still is an address.
    expect(found('from 1:2:3:4:5:6:7:ffff:192.168.1.20 today', [PiiEntity.Ip])).toEqual([['ip', '192.168.1.20']]);
  });

  it('refuses a second :: and a group of more than four hex digits', () => {
    expect(found('addr 2001::db8::1 here', [PiiEntity.Ip])).toEqual([]);
    expect(found('addr 2001:0db80::1 here', [PiiEntity.Ip])).toEqual([]);
    expect(found('addr 2001:db8::1 here', [PiiEntity.Ip])).toEqual([['ip', '2001:db8::1']]);
  });

  it('ends an address before a full stop, and refuses a part of four digits or a colon that is not a port', () => {
    expect(found('ping 10.0.0.1.', [PiiEntity.Ip])).toEqual([['ip', '10.0.0.1']]);
    expect(found('ping 1000.0.0.1 now', [PiiEntity.Ip])).toEqual([]);
    expect(found('ping 10.0.0.1:abc now', [PiiEntity.Ip])).toEqual([]);
    expect(found('ping 10.0.0.1:8080 now', [PiiEntity.Ip])).toEqual([['ip', '10.0.0.1']]);
  });

  it('reads IPv6 at the start of a message and before a full stop, and not code-like colons', () => {
    expect(found('fe80::1 is the router.', [PiiEntity.Ip])).toEqual([['ip', 'fe80::1']]);
    expect(found('router is fe80::1.', [PiiEntity.Ip])).toEqual([['ip', 'fe80::1']]);
    // No digit (code such as a::b), a colon with no group before it, a trailing single colon.
    expect(found('use a::b here', [PiiEntity.Ip])).toEqual([]);
    expect(found('odd 1:2:::3 here', [PiiEntity.Ip])).toEqual([]);
    expect(found('odd 1:2:3: here', [PiiEntity.Ip])).toEqual([]);
  });

  it('finds each address of a line with many colons once', () => {
    expect(found('a fe80::1 and 2001:db8::2, at 10:30', [PiiEntity.Ip])).toEqual([
      ['ip', 'fe80::1'],
      ['ip', '2001:db8::2'],
    ]);
  });
});

describe('IBANs', () => {
  it('finds one written partly in lower case', () => {
    expect(found('pay GB82 west 1234 5698 7654 32 please', [PiiEntity.Iban])).toEqual([
      ['iban', 'GB82 west 1234 5698 7654 32'],
    ]);
  });

  it('skips heads of unknown countries and numbers grouped with other separators', () => {
    expect(found('ref XX82WEST12345698765432', [PiiEntity.Iban])).toEqual([]);
    expect(found('pay GB82-WEST-1234-5698-7654-32', [PiiEntity.Iban])).toEqual([]);
  });
});

describe('findPii() order', () => {
  it('reports two findings that start together once, as the kind scanned first (e-mail before AWS key)', () => {
    // The key is the local part of the first address; the second address puts the findings out of order.
    const text = 'AKIAIOSFODNN7EXAMPLE@example.com and zoe@example.org';
    expect(found(text, [PiiEntity.Email, PiiEntity.AwsKey])).toEqual([
      ['email', 'AKIAIOSFODNN7EXAMPLE@example.com'],
      ['email', 'zoe@example.org'],
    ]);
  });

  it('returns findings in text order even when a later scanner found an earlier one', () => {
    // E-mails are scanned before AWS keys: here the key comes first in the text.
    const text = 'key AKIAIOSFODNN7EXAMPLE mail bob@example.com';
    expect(found(text, [PiiEntity.Email, PiiEntity.AwsKey])).toEqual([
      ['awsKey', 'AKIAIOSFODNN7EXAMPLE'],
      ['email', 'bob@example.com'],
    ]);
  });
});
