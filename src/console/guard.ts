import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../local/protocol/loopback.js';

export { isLoopbackHost };

/**
 * True when `Origin` is the page's own origin (`http://` + the request's Host): the only page that
 * may change state. A missing Origin is refused too: browsers send it on every POST.
 *
 * @param origin the request's Origin header
 * @param host the request's Host header
 * @returns whether the request comes from a console page served by this server
 * @example
 * isSameOrigin('http://127.0.0.1:4599', '127.0.0.1:4599'); // true
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  return origin !== undefined && host !== undefined && isLoopbackHost(host) && origin === `http://${host}`;
}

/** A per-run secret the page receives on load and sends back in `x-console-token`. */
export class ConsoleToken {
  readonly value = randomBytes(24).toString('base64url');

  /**
   * Compares in constant time.
   *
   * @param candidate the header's value
   * @returns whether it is this run's token
   * @example
   * const token = new ConsoleToken();
   * token.matches(token.value); // true
   */
  matches(candidate: string | string[] | undefined): boolean {
    if (typeof candidate !== 'string') return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.value);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
