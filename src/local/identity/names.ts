import type { Store } from '../state/store.js';

/**
 * `{ Arn, Name }` as the service shows a user: the Name given to CreateAppInstanceUser, or the
 * last part of the ARN for a user the emulator never saw created.
 *
 * @example
 * identityOf(store, 'arn:aws:chime:us-east-1:123456789012:app-instance/a/user/alice'); // { Arn, Name: 'Alice' }
 */
export function identityOf(store: Store, arn: string): { Arn: string; Name: string } {
  return { Arn: arn, Name: store.app.users.get(arn)?.Name ?? arn.slice(arn.lastIndexOf('/') + 1) };
}
