/** Hosts a client on this machine uses for the emulator; anything else may be a DNS-rebinding page. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * True when a `Host` header names this machine (`localhost`, `127.x.y.z`, `[::1]`, with or without port).
 * Every surface of the emulator (REST, messaging sessions, console) refuses other hosts: a page whose DNS
 * name was rebound to 127.0.0.1 still sends its own name as Host.
 *
 * @param host the request's Host header
 * @returns whether it is a loopback name or address
 * @example
 * isLoopbackHost('127.0.0.1:4599'); // true
 * isLoopbackHost('evil.example:4599'); // false
 */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}
