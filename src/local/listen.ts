import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorConfigError } from './errors.js';

/**
 * Listens on `host:port` (0 picks a free port) and resolves with the port, or rejects with an
 * {@link EmulatorConfigError} naming the address that could not be taken.
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new EmulatorConfigError('port', `cannot listen on ${host}:${port}`, { cause })),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
