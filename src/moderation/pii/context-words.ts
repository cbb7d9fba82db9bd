// Word lists for context.ts: what the words around a number say it is (lower case).

/** Words that name a reference number: order, ticket, invoice, tracking... (lower case). */
export const REFERENCE_WORDS: ReadonlySet<string> = new Set(
  (
    'order orders invoice inv ticket tickets case ref reference booking confirmation reservation tracking ' +
    'parcel package shipment awb po receipt transaction txn account acct policy claim serial sku pnr id ' +
    'issue incident fedex ups usps dhl isbn issn doi ean upc gtin epoch timestamp unix build pr'
  ).split(' '),
);

/** Words that name a version: a dotted number after them is a version, not a phone or an IP. */
export const VERSION_WORDS: ReadonlySet<string> = new Set(
  (
    'v version versions ver release build firmware fw rev revision patch update upgrade bump sdk chrome ' +
    'firefox safari ios android macos windows'
  ).split(' '),
);

/** Currency codes and names: a number next to them is an amount. */
export const CURRENCY_WORDS: ReadonlySet<string> = new Set(
  'usd eur gbp jpy chf cad aud inr cny rmb sek nok dkk pln brl mxn zar sgd krw dollars euros pounds yen'.split(' '),
);

/** Units written after a number: it is a quantity or a duration. */
export const UNIT_WORDS: ReadonlySet<string> = new Set(
  (
    'ms s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week weeks month ' +
    'months year years b bytes kb mb gb tb km m kg lb lbs miles px points pts views users times items ' +
    'units rows records requests'
  ).split(' '),
);

/** Words that put a dotted quad on a network. */
export const NETWORK_WORDS: ReadonlySet<string> = new Set(
  (
    'ip ips ipv4 ipv6 address addr host hostname server servers ping ssh telnet connect connected ' +
    'connecting gateway gw dns nameserver subnet netmask route router proxy firewall vpn lan wan client ' +
    'peer node box machine vm instance blocked banned whitelist allowlist blocklist src dst source ' +
    'destination curl nslookup traceroute dig'
  ).split(' '),
);

/** Words that say "number" between a reference word and its number: `order no.`, `tracking number`. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set('no nr num number nbr'.split(' '));
