import type {
  AppInstanceAdminRecord,
  AppInstanceRecord,
  AppInstanceUserRecord,
  AppSideSnapshot,
  MembershipRecord,
} from './types.js';

/** The value under `key`, added by `make` when absent. */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * The app side of the emulator's memory: app instances, their users and admins, and channel
 * memberships, indexed both ways (channel -> members for routing, member -> channels for listing).
 *
 * @example
 * store.app.addMembership({ ChannelArn, MemberArn, Type: 'DEFAULT', InvitedBy, CreatedTimestamp: now, LastUpdatedTimestamp: now });
 * store.changed();
 */
export class AppSideState {
  readonly appInstances = new Map<string, AppInstanceRecord>();
  readonly users = new Map<string, AppInstanceUserRecord>();
  /** appInstanceArn -> adminArn -> record. */
  readonly admins = new Map<string, Map<string, AppInstanceAdminRecord>>();
  /** channelArn -> memberArn -> record, in insertion order. */
  private readonly members = new Map<string, Map<string, MembershipRecord>>();
  /** channelArn -> moderator ARNs (the creator and CreateChannel's ModeratorArns). */
  readonly moderators = new Map<string, Set<string>>();
  /** memberArn -> channelArns. */
  private readonly channelsOf = new Map<string, Set<string>>();

  membership(channelArn: string, memberArn: string): MembershipRecord | undefined {
    return this.members.get(channelArn)?.get(memberArn);
  }

  membershipsOf(channelArn: string): Iterable<MembershipRecord> {
    return this.members.get(channelArn)?.values() ?? [];
  }

  channelsOfMember(memberArn: string): Iterable<string> {
    return this.channelsOf.get(memberArn) ?? [];
  }

  addMembership(record: MembershipRecord): void {
    getOrAdd(this.members, record.ChannelArn, () => new Map<string, MembershipRecord>()).set(record.MemberArn, record);
    getOrAdd(this.channelsOf, record.MemberArn, () => new Set<string>()).add(record.ChannelArn);
  }

  deleteMembership(channelArn: string, memberArn: string): boolean {
    const removed = this.members.get(channelArn)?.delete(memberArn) ?? false;
    this.channelsOf.get(memberArn)?.delete(channelArn);
    return removed;
  }

  /** Drops every membership of a deleted channel. */
  deleteChannel(channelArn: string): void {
    for (const memberArn of this.members.get(channelArn)?.keys() ?? [])
      this.channelsOf.get(memberArn)?.delete(channelArn);
    this.members.delete(channelArn);
    this.moderators.delete(channelArn);
  }

  isModerator(channelArn: string, arn: string): boolean {
    return this.moderators.get(channelArn)?.has(arn) ?? false;
  }

  addModerator(channelArn: string, arn: string): void {
    getOrAdd(this.moderators, channelArn, () => new Set<string>()).add(arn);
  }

  isAdmin(appInstanceArn: string, arn: string): boolean {
    return this.admins.get(appInstanceArn)?.has(arn) ?? false;
  }

  addAdmin(record: AppInstanceAdminRecord): void {
    getOrAdd(this.admins, record.AppInstanceArn, () => new Map<string, AppInstanceAdminRecord>()).set(
      record.AdminArn,
      record,
    );
  }

  snapshot(): Required<AppSideSnapshot> {
    return {
      appInstances: [...this.appInstances.values()],
      users: [...this.users.values()],
      admins: [...this.admins.values()].flatMap((admins) => [...admins.values()]),
      memberships: [...this.members.values()].flatMap((members) => [...members.values()]),
      moderators: [...this.moderators].map(([channelArn, arns]) => [channelArn, [...arns]]),
    };
  }

  load(data: AppSideSnapshot): void {
    for (const record of data.appInstances ?? []) this.appInstances.set(record.AppInstanceArn, record);
    for (const record of data.users ?? []) this.users.set(record.AppInstanceUserArn, record);
    for (const record of data.admins ?? []) this.addAdmin(record);
    for (const record of data.memberships ?? []) this.addMembership(record);
    for (const [channelArn, arns] of data.moderators ?? []) for (const arn of arns) this.addModerator(channelArn, arn);
  }
}
