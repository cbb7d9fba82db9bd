import { randomUUID } from 'node:crypto';
import { functionNameOf } from '../local/flow/processors.js';
import type { Store } from '../local/state/store.js';
import { ChannelFlowError } from '../errors.js';
import type { ConsoleChannel, ConsoleState, ConsoleUser } from './api-types.js';
import type { LoopbackAnswer, LoopbackSigner } from './signer.js';

/** The emulator refused a console action; carries its HTTP status and error code (never content). */
export class ConsoleActionError extends ChannelFlowError {
  declare readonly status: number;
  declare readonly code: string;

  constructor(action: string, status: number, code: string, detail: string) {
    super(`${action} refused: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'ConsoleActionError';
    this.status = status;
    this.code = code;
  }
}

const path = (...segments: string[]) => `/${segments.map(encodeURIComponent).join('/')}`;

// The signer only ever talks to this emulator, whose refusals all carry `{ Code, Message }` (server.ts).
function ok(action: string, answer: LoopbackAnswer): Record<string, unknown> {
  if (answer.status < 300) return answer.body;
  throw new ConsoleActionError(action, answer.status, String(answer.body.Code), String(answer.body.Message));
}

/**
 * What the page can do, done the way a Chime app does it: signed calls to the emulator's own
 * API (identity, memberships, messages) over loopback, so every message takes the real flow path.
 *
 * @example
 * const actions = new ConsoleActions(signer, store, appInstanceArn, () => labChannels);
 * await actions.send(channelArn, userArn, 'hello');
 */
export class ConsoleActions {
  constructor(
    private readonly signer: LoopbackSigner,
    private readonly store: Store,
    readonly appInstanceArn: string,
    private readonly hidden: () => ReadonlySet<string>,
    private readonly processors: () => string[],
  ) {}

  /** Channels of the console's app instance (lab channels hidden), with their flow's processor. */
  channels(): ConsoleChannel[] {
    const out: ConsoleChannel[] = [];
    for (const channel of this.store.channels.values()) {
      if (channel.AppInstanceArn !== this.appInstanceArn || this.hidden().has(channel.ChannelArn)) continue;
      const flow = channel.ChannelFlowArn ? this.store.flows.get(channel.ChannelFlowArn) : undefined;
      // A flow has 1 to 3 processors (the model's ProcessorList): the first by ExecutionOrder always exists.
      const first = flow && [...flow.Processors].sort((a, b) => a.ExecutionOrder - b.ExecutionOrder)[0]!;
      out.push({
        channelArn: channel.ChannelArn,
        name: channel.Name,
        ...(flow && first
          ? {
              flowName: flow.Name,
              processor: functionNameOf(first.Configuration.Lambda.ResourceArn),
              fallbackAction: first.FallbackAction,
            }
          : {}),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async users(): Promise<ConsoleUser[]> {
    const body = ok(
      'ListAppInstanceUsers',
      await this.signer.json('GET', '/app-instance-users', {
        'app-instance-arn': this.appInstanceArn,
        'max-results': '50',
      }),
    );
    // The emulator always lists the array (maybe empty), and Name is required on every user.
    const users = body.AppInstanceUsers as Array<{ AppInstanceUserArn: string; Name: string }>;
    return users.map((user) => ({ arn: user.AppInstanceUserArn, name: user.Name }));
  }

  async state(): Promise<ConsoleState> {
    return {
      appInstanceArn: this.appInstanceArn,
      channels: this.channels(),
      users: await this.users(),
      processors: this.processors(),
    };
  }

  /**
   * Creates an AppInstanceUser and makes it a member of every console channel (added by each
   * channel's creator, its moderator), so it can send and receive at once.
   */
  async addUser(name: string): Promise<ConsoleUser> {
    const user = await createUser(this.signer, this.appInstanceArn, name);
    for (const channel of this.store.channels.values()) {
      if (channel.AppInstanceArn !== this.appInstanceArn) continue;
      await joinChannel(this.signer, channel.ChannelArn, user.arn, channel.CreatedBy.Arn);
    }
    return user;
  }

  /** Adds `memberArn` to a channel as `bearer` (a moderator or admin). */
  join(channelArn: string, memberArn: string, bearer: string): Promise<void> {
    return joinChannel(this.signer, channelArn, memberArn, bearer);
  }

  async send(channelArn: string, userArn: string, content: string): Promise<{ messageId: string; status: string }> {
    const body = ok(
      'SendChannelMessage',
      await this.signer.json(
        'POST',
        `${path('channels', channelArn)}/messages`,
        {},
        { Content: content, Type: 'STANDARD', Persistence: 'PERSISTENT', ClientRequestToken: randomUUID() },
        { 'x-amz-chime-bearer': userArn },
      ),
    );
    // The emulator answers every accepted send with its Status.
    return { messageId: String(body.MessageId), status: (body.Status as { Value: string }).Value };
  }

  async edit(channelArn: string, userArn: string, messageId: string, content: string): Promise<void> {
    ok(
      'UpdateChannelMessage',
      await this.signer.json(
        'PUT',
        `${path('channels', channelArn, 'messages', messageId)}`,
        {},
        { Content: content },
        { 'x-amz-chime-bearer': userArn },
      ),
    );
  }

  async redact(channelArn: string, userArn: string, messageId: string): Promise<void> {
    ok(
      'RedactChannelMessage',
      await this.signer.json(
        'POST',
        `${path('channels', channelArn, 'messages', messageId)}`,
        { operation: 'redact' },
        undefined,
        { 'x-amz-chime-bearer': userArn },
      ),
    );
  }

  /** A presigned messaging-session URL for `userArn` (the page opens it like any Chime client). */
  sessionUrl(userArn: string): Promise<string> {
    return this.signer.presignConnect(userArn, randomUUID());
  }
}

/**
 * Creates an AppInstanceUser named `name` (its id: the name in lower case, dashes for the rest, trimmed
 * to start and end with a letter or digit as a UserId must; `user` when nothing is left).
 *
 * @param signer signs for the emulator
 * @param appInstanceArn the app instance
 * @param name display name
 * @returns the user's ARN and name
 * @throws {ConsoleActionError} when the emulator refuses
 * @example
 * const ana = await createUser(signer, appInstanceArn, 'ana');
 */
export async function createUser(signer: LoopbackSigner, appInstanceArn: string, name: string): Promise<ConsoleUser> {
  // A UserId starts and ends with a letter or digit: 'Zoë' is 'zo', a name of symbols only is 'user'.
  const id =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .slice(0, 50)
      .replace(/^[-_]+|[-_]+$/g, '') || 'user';
  const created = ok(
    'CreateAppInstanceUser',
    await signer.json(
      'POST',
      '/app-instance-users',
      {},
      {
        AppInstanceArn: appInstanceArn,
        AppInstanceUserId: id,
        Name: name.slice(0, 100),
        ClientRequestToken: randomUUID(),
      },
    ),
  );
  return { arn: String(created.AppInstanceUserArn), name };
}

/**
 * Adds `memberArn` to a channel, as `bearer` (a moderator or admin); an existing membership is fine.
 *
 * @param signer signs for the emulator
 * @param channelArn the channel
 * @param memberArn the new member
 * @param bearer who adds it
 * @returns when the member is in
 * @throws {ConsoleActionError} when the emulator refuses
 * @example
 * await joinChannel(signer, channelArn, ana.arn, creatorArn);
 */
export async function joinChannel(
  signer: LoopbackSigner,
  channelArn: string,
  memberArn: string,
  bearer: string,
): Promise<void> {
  const answer = await signer.json(
    'POST',
    `${path('channels', channelArn)}/memberships`,
    {},
    { MemberArn: memberArn, Type: 'DEFAULT' },
    { 'x-amz-chime-bearer': bearer },
  );
  if (answer.status !== 409) ok('CreateChannelMembership', answer);
}
