import { randomUUID } from 'node:crypto';
import type { Store } from '../state/store.js';
import type { AppSideSnapshot } from '../state/types.js';

/** What {@link seedAppInstance} creates. */
export interface AppInstanceSeed {
  appInstanceArn?: string;
  /** AppInstanceUser ARNs inside that app instance. */
  users?: string[];
  admins?: string[];
  region?: string;
  account?: string;
  now: number;
}

/**
 * Creates an app instance with its users and admins directly in state (no-op for what exists),
 * for ready-made channels and tests. Call `store.changed()` after.
 *
 * @returns the app instance ARN
 * @example
 * seedAppInstance(store, { appInstanceArn, users: [bearer], now: Date.now() });
 */
export function seedAppInstance(store: Store, seed: AppInstanceSeed): string {
  const arn =
    seed.appInstanceArn ??
    `arn:aws:chime:${seed.region ?? 'us-east-1'}:${seed.account ?? '123456789012'}:app-instance/${randomUUID()}`;
  const app = store.app;
  if (!app.appInstances.has(arn))
    app.putAppInstance({
      AppInstanceArn: arn,
      Name: arn.slice(arn.lastIndexOf('/') + 1),
      CreatedTimestamp: seed.now,
      LastUpdatedTimestamp: seed.now,
    });
  for (const user of seed.users ?? [])
    if (!app.users.has(user))
      app.putUser({
        AppInstanceUserArn: user,
        AppInstanceArn: arn,
        Name: user.slice(user.lastIndexOf('/') + 1),
        CreatedTimestamp: seed.now,
        LastUpdatedTimestamp: seed.now,
      });
  for (const admin of seed.admins ?? [])
    if (!app.isAdmin(arn, admin)) app.addAdmin({ AppInstanceArn: arn, AdminArn: admin, CreatedTimestamp: seed.now });
  return arn;
}

/** An app instance that exists from the start: its ARN, users and admins. */
export interface AppInstanceFixture {
  appInstanceArn: string;
  users?: string[];
  admins?: string[];
}

/**
 * The app side snapshot of fixtures given at start: loaded without journaling, as configuration is
 * (each start brings them back), so they never count as changes.
 *
 * @example
 * store.app.load(fixtureSnapshot([{ appInstanceArn, users: [alice] }], Date.now()));
 */
export function fixtureSnapshot(fixtures: readonly AppInstanceFixture[], now: number): AppSideSnapshot {
  const name = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  return {
    appInstances: fixtures.map((f) => ({
      AppInstanceArn: f.appInstanceArn,
      Name: name(f.appInstanceArn),
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
    })),
    users: fixtures.flatMap((f) =>
      (f.users ?? []).map((arn) => ({
        AppInstanceUserArn: arn,
        AppInstanceArn: f.appInstanceArn,
        Name: name(arn),
        CreatedTimestamp: now,
        LastUpdatedTimestamp: now,
      })),
    ),
    admins: fixtures.flatMap((f) =>
      (f.admins ?? []).map((arn) => ({ AppInstanceArn: f.appInstanceArn, AdminArn: arn, CreatedTimestamp: now })),
    ),
  };
}
