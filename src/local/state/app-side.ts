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

/** A moderator as the journal holds it (one record per channel and moderator). */
interface ModeratorRecord {
  ChannelArn: string;
  Arn: string;
}

/** Journal ids of the app side: a record kind, then its keys, joined by newlines. */
const id = {
  instance: (arn: string) => `instance\n${arn}`,
  user: (arn: string) => `user\n${arn}`,
  admin: (app: string, arn: string) => `admin\n${app}\n${arn}`,
  member: (channel: string, arn: string) => `member\n${channel}\n${arn}`,
  moderator: (channel: string, arn: string) => `moderator\n${channel}\n${arn}`,
} as const;

/**
 * The app side of the emulator's memory: app instances, their users and admins, channel
 * memberships and moderators, indexed both ways (channel -> members for routing, member ->
 * channels for listing). Every change is reported to `touched` with its journal id, so the store
 * writes it; `records` holds each record under that id for the journal.
 *
 * @example
 * store.app.addMembership({ ChannelArn, MemberArn, Type: 'DEFAULT', InvitedBy, CreatedTimestamp: now, LastUpdatedTimestamp: now });
 */
export class AppSideState {
  /** Every record by journal id (what the journal writes). */
  readonly records = new Map<string, unknown>();
  private readonly instanceMap = new Map<string, AppInstanceRecord>();
  private readonly userMap = new Map<string, AppInstanceUserRecord>();
  /** appInstanceArn -> adminArn -> record. */
  private readonly adminMap = new Map<string, Map<string, AppInstanceAdminRecord>>();
  /** channelArn -> memberArn -> record, in insertion order. */
  private readonly members = new Map<string, Map<string, MembershipRecord>>();
  /** channelArn -> moderator ARNs (the creator and CreateChannel's ModeratorArns). */
  private readonly moderators = new Map<string, Set<string>>();
  /** memberArn -> channelArns. */
  private readonly channelsOf = new Map<string, Set<string>>();

  readonly appInstances: ReadonlyMap<string, AppInstanceRecord> = this.instanceMap;
  readonly users: ReadonlyMap<string, AppInstanceUserRecord> = this.userMap;

  constructor(private readonly touched: (journalId: string) => void = () => {}) {}

  putAppInstance(record: AppInstanceRecord): void {
    this.instanceMap.set(record.AppInstanceArn, record);
    this.changed(id.instance(record.AppInstanceArn), record);
  }

  /** Deletes an app instance with its users and admins. */
  deleteAppInstance(arn: string): void {
    for (const user of [...this.userMap.values()])
      if (user.AppInstanceArn === arn) this.deleteUser(user.AppInstanceUserArn);
    for (const admin of [...(this.adminMap.get(arn)?.keys() ?? [])]) {
      this.adminMap.get(arn)?.delete(admin);
      this.changed(id.admin(arn, admin), undefined);
    }
    this.adminMap.delete(arn);
    this.instanceMap.delete(arn);
    this.changed(id.instance(arn), undefined);
  }

  putUser(record: AppInstanceUserRecord): void {
    this.userMap.set(record.AppInstanceUserArn, record);
    this.changed(id.user(record.AppInstanceUserArn), record);
  }

  deleteUser(arn: string): void {
    this.userMap.delete(arn);
    this.changed(id.user(arn), undefined);
  }

  isAdmin(appInstanceArn: string, arn: string): boolean {
    return this.adminMap.get(appInstanceArn)?.has(arn) ?? false;
  }

  adminsOf(appInstanceArn: string): Iterable<AppInstanceAdminRecord> {
    return this.adminMap.get(appInstanceArn)?.values() ?? [];
  }

  addAdmin(record: AppInstanceAdminRecord): void {
    getOrAdd(this.adminMap, record.AppInstanceArn, () => new Map()).set(record.AdminArn, record);
    this.changed(id.admin(record.AppInstanceArn, record.AdminArn), record);
  }

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
    getOrAdd(this.members, record.ChannelArn, () => new Map()).set(record.MemberArn, record);
    getOrAdd(this.channelsOf, record.MemberArn, () => new Set()).add(record.ChannelArn);
    this.changed(id.member(record.ChannelArn, record.MemberArn), record);
  }

  deleteMembership(channelArn: string, memberArn: string): boolean {
    const removed = this.members.get(channelArn)?.delete(memberArn) ?? false;
    this.channelsOf.get(memberArn)?.delete(channelArn);
    if (removed) this.changed(id.member(channelArn, memberArn), undefined);
    return removed;
  }

  isModerator(channelArn: string, arn: string): boolean {
    return this.moderators.get(channelArn)?.has(arn) ?? false;
  }

  addModerator(channelArn: string, arn: string): void {
    getOrAdd(this.moderators, channelArn, () => new Set()).add(arn);
    this.changed(id.moderator(channelArn, arn), { ChannelArn: channelArn, Arn: arn } satisfies ModeratorRecord);
  }

  /** Drops every membership and moderator of a deleted channel. */
  deleteChannel(channelArn: string): void {
    for (const memberArn of [...(this.members.get(channelArn)?.keys() ?? [])])
      this.deleteMembership(channelArn, memberArn);
    for (const arn of this.moderators.get(channelArn) ?? []) this.changed(id.moderator(channelArn, arn), undefined);
    this.members.delete(channelArn);
    this.moderators.delete(channelArn);
  }

  snapshot(): Required<AppSideSnapshot> {
    return {
      appInstances: [...this.instanceMap.values()],
      users: [...this.userMap.values()],
      admins: [...this.adminMap.values()].flatMap((admins) => [...admins.values()]),
      memberships: [...this.members.values()].flatMap((members) => [...members.values()]),
      moderators: [...this.moderators].map(([channelArn, arns]) => [channelArn, [...arns]]),
    };
  }

  /** Loads a snapshot's app side (without marking anything changed). */
  load(data: AppSideSnapshot): void {
    this.quietly(() => {
      for (const record of data.appInstances ?? []) this.putAppInstance(record);
      for (const record of data.users ?? []) this.putUser(record);
      for (const record of data.admins ?? []) this.addAdmin(record);
      for (const record of data.memberships ?? []) this.addMembership(record);
      for (const [channelArn, arns] of data.moderators ?? [])
        for (const arn of arns) this.addModerator(channelArn, arn);
    });
  }

  /** Applies one journal line: the record's value after a change, or undefined for a deletion. */
  replay(journalId: string, value: unknown): void {
    const [kind = '', first = '', second = ''] = journalId.split('\n');
    this.quietly(() => {
      if (kind === 'instance') {
        if (value === undefined) {
          this.instanceMap.delete(first);
          this.changed(journalId, undefined);
        } else this.putAppInstance(value as AppInstanceRecord);
      } else if (kind === 'user') {
        if (value === undefined) this.deleteUser(first);
        else this.putUser(value as AppInstanceUserRecord);
      } else if (kind === 'admin') {
        if (value === undefined) {
          this.adminMap.get(first)?.delete(second);
          this.changed(journalId, undefined);
        } else this.addAdmin(value as AppInstanceAdminRecord);
      } else if (kind === 'member') {
        if (value === undefined) this.deleteMembership(first, second);
        else this.addMembership(value as MembershipRecord);
      } else if (kind === 'moderator') {
        if (value === undefined) {
          this.moderators.get(first)?.delete(second);
          this.changed(journalId, undefined);
        } else this.addModerator(first, second);
      }
    });
  }

  private silent = false;

  private quietly(apply: () => void): void {
    this.silent = true;
    try {
      apply();
    } finally {
      this.silent = false;
    }
  }

  private changed(journalId: string, value: unknown): void {
    if (value === undefined) this.records.delete(journalId);
    else this.records.set(journalId, value);
    if (!this.silent) this.touched(journalId);
  }
}
