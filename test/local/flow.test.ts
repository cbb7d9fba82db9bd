import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ChannelFlowCallbackCommand,
  GetChannelMessageCommand,
  GetChannelMessageStatusCommand,
  ListChannelMessagesCommand,
  SendChannelMessageCommand,
  UpdateChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, deny, noChange, update } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { Emulator, EmulatorOptions, ProcessorInvocationFailureEvent } from '../../src/local/index.js';
import { clientFor, rejectionOf, startQuietEmulator } from './helpers.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

let emulator: Emulator | undefined;
let client: ChimeSDKMessagingClient | undefined;
afterEach(async () => {
  client?.destroy();
  await emulator?.close();
  emulator = undefined;
  client = undefined;
});

async function setup(options: EmulatorOptions, processor: string, fallbackAction: 'CONTINUE' | 'ABORT' = 'CONTINUE') {
  emulator = await startQuietEmulator(options);
  client = clientFor(emulator);
  const channel = emulator.setupChannel({ processor, fallbackAction });
  const send = async (
    content: string,
    extra: Partial<{
      Type: 'STANDARD' | 'CONTROL';
      Persistence: 'PERSISTENT' | 'NON_PERSISTENT';
      Metadata: string;
    }> = {},
  ) => {
    const sent = await client!.send(
      new SendChannelMessageCommand({
        ChannelArn: channel.channelArn,
        ChimeBearer: channel.bearer,
        Content: content,
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
        ...extra,
      }),
    );
    return sent;
  };
  return { emulator, client: client!, ...channel, send };
}

// A processor built with the package's own wrapper, reaching the emulator with its default client.
const moderate = channelFlowProcessor(
  (message) => {
    if (message.Content.includes('spam')) return deny('spam');
    if (message.Content.includes('darn')) return update({ content: message.Content.replaceAll('darn', '****') });
    return noChange();
  },
  { logger: silentLogger },
);

describe('channel-flow semantics', () => {
  it('runs a channelFlowProcessor handler: update, noChange and deny reach the channel as the service applies them', async () => {
    const { send, channelArn, bearer, client } = await setup({ processors: { moderate } }, 'moderate');
    const clean = await send('hello');
    const masked = await send('oh darn');
    const spam = await send('buy spam now');
    for (const sent of [clean, masked, spam]) expect(sent.Status?.Value).toBe('PENDING');

    const outcomes = await Promise.all(
      [clean, masked, spam].map((s) => emulator!.waitForOutcome(channelArn, s.MessageId!)),
    );
    expect(outcomes.map((o) => [o.status, o.decision, o.content])).toEqual([
      ['SENT', 'noChange', 'hello'],
      ['SENT', 'update', 'oh ****'],
      ['DENIED', 'deny', undefined],
    ]);

    const listed = await client.send(
      new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: bearer, SortOrder: 'ASCENDING' }),
    );
    expect(listed.ChannelMessages?.map((m) => m.Content)).toEqual(['hello', 'oh ****']);
    // The service does not store denied messages.
    const getDenied = await rejectionOf(
      client.send(
        new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: spam.MessageId, ChimeBearer: bearer }),
      ),
    );
    expect(getDenied.name).toBe('NotFoundException');
    const statusDenied = await rejectionOf(
      client.send(
        new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: spam.MessageId, ChimeBearer: bearer }),
      ),
    );
    expect(statusDenied.name).toBe('NotFoundException');
  });

  it('keeps the previous version when an edit is denied', async () => {
    const { send, channelArn, bearer, client } = await setup({ processors: { moderate } }, 'moderate');
    const sent = await send('fine words');
    await emulator!.waitForOutcome(channelArn, sent.MessageId!);
    const edit = await client.send(
      new UpdateChannelMessageCommand({
        ChannelArn: channelArn,
        MessageId: sent.MessageId,
        ChimeBearer: bearer,
        Content: 'now with spam',
      }),
    );
    expect(edit.Status?.Value).toBe('PENDING');
    const outcome = await emulator!.waitForOutcome(channelArn, sent.MessageId!);
    expect(outcome).toMatchObject({ status: 'DENIED', isEdit: true });
    const got = await client.send(
      new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: sent.MessageId, ChimeBearer: bearer }),
    );
    expect(got.ChannelMessage).toMatchObject({ Content: 'fine words', Status: { Value: 'SENT' } });
  });

  it('never sends CONTROL messages through the flow; non-persistent STANDARD ones are processed but not stored', async () => {
    let invoked = 0;
    const counting = channelFlowProcessor(
      () => {
        invoked++;
        return noChange();
      },
      { logger: silentLogger },
    );
    const { send, channelArn, bearer, client } = await setup({ processors: { counting } }, 'counting');
    const control = await send('ctl', { Type: 'CONTROL' });
    expect(control.Status?.Value).toBe('SENT');
    const ephemeral = await send('typing', { Persistence: 'NON_PERSISTENT' });
    expect(ephemeral.Status?.Value).toBe('PENDING');
    expect((await emulator!.waitForOutcome(channelArn, ephemeral.MessageId!)).status).toBe('SENT');
    expect(invoked).toBe(1);
    const status = await client.send(
      new GetChannelMessageStatusCommand({
        ChannelArn: channelArn,
        MessageId: ephemeral.MessageId,
        ChimeBearer: bearer,
      }),
    );
    expect(status.Status?.Value).toBe('SENT');
    const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: bearer }));
    expect(listed.ChannelMessages?.map((m) => m.Content)).toEqual(['ctl']);
  });

  it.each([
    ['a missing module', '/nonexistent/processor.mjs'],
    ['a module that crashes at import', fixture('crash-at-import.mjs')],
    ['a module without the handler export', fixture('no-handler.mjs')],
  ])('applies FallbackAction CONTINUE and emits ProcessorInvocationFailure for %s', async (_case, path) => {
    const { send, channelArn } = await setup({ processors: { broken: path } }, 'broken', 'CONTINUE');
    const failures: ProcessorInvocationFailureEvent[] = [];
    emulator!.onInvocationFailure((event) => failures.push(event));
    const sent = await send('as written');
    const outcome = await emulator!.waitForOutcome(channelArn, sent.MessageId!);
    expect(outcome).toMatchObject({
      status: 'SENT',
      decision: 'fallback',
      content: 'as written',
      reason: 'invocation-failure',
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      'detail-type': 'Chime ChannelFlow Processing Status',
      source: 'aws.chime',
      detail: { eventType: 'ProcessorInvocationFailure', channelArn, messageId: sent.MessageId },
    });
  });

  it('marks the message FAILED when the processor cannot be invoked and FallbackAction is ABORT', async () => {
    const { send, channelArn, bearer, client } = await setup({ processors: {} }, 'unmapped', 'ABORT');
    const sent = await send('never delivered');
    expect((await emulator!.waitForOutcome(channelArn, sent.MessageId!)).status).toBe('FAILED');
    const status = await client.send(
      new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: sent.MessageId, ChimeBearer: bearer }),
    );
    expect(status.Status?.Value).toBe('FAILED');
    const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: bearer }));
    expect(listed.ChannelMessages ?? []).toHaveLength(0);
  });

  it('retries a rejecting handler twice, as Lambda async invoke does, with the same event', async () => {
    const seen: string[] = [];
    const flaky = async (event: { CallbackId: string }) => {
      seen.push(event.CallbackId);
      if (seen.length < 3) throw new Error('transient');
      return moderate(event as never, { getRemainingTimeInMillis: () => 900 } as never);
    };
    const { send, channelArn } = await setup({ processors: { flaky } }, 'flaky');
    const sent = await send('third time lucky');
    expect((await emulator!.waitForOutcome(channelArn, sent.MessageId!)).status).toBe('SENT');
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    expect(emulator!.stats()).toMatchObject({ invocations: 3, invocationErrors: 2, stuck: 0 });
  });

  it('leaves a message PENDING when the processor runs and never calls back, and counts it stuck', async () => {
    const silent = async () => undefined;
    const { send, channelArn, bearer, client } = await setup({ processors: { silent }, stuckAfterMs: 50 }, 'silent');
    const sent = await send('into the void');
    await emulator!.waitForPendingEvent(sent.MessageId);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(emulator!.stats()).toMatchObject({ pending: 1, stuck: 1 });
    const status = await client.send(
      new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: sent.MessageId, ChimeBearer: bearer }),
    );
    expect(status.Status?.Value).toBe('PENDING');
  });

  it('applies the FallbackAction early with pendingTimeoutMs', async () => {
    const silent = async () => undefined;
    const { send, channelArn } = await setup({ processors: { silent }, pendingTimeoutMs: 100 }, 'silent', 'ABORT');
    const sent = await send('timed out');
    const outcome = await emulator!.waitForOutcome(channelArn, sent.MessageId!, 3000);
    expect(outcome).toMatchObject({ status: 'FAILED', decision: 'fallback', reason: 'pending-timeout' });
    expect(emulator!.stats()).toMatchObject({ pending: 0, stuck: 0, failed: 1 });
  });

  it("refuses an already used CallbackId with the service's non-pending BadRequestException, and an unknown one with ConflictException", async () => {
    const { send, channelArn, client } = await setup({ processors: { silent: async () => undefined } }, 'silent');
    const sent = await send('once');
    const event = await emulator!.waitForPendingEvent(sent.MessageId);
    const callback = (callbackId: string) =>
      client.send(
        new ChannelFlowCallbackCommand({
          ChannelArn: channelArn,
          CallbackId: callbackId,
          ChannelMessage: { MessageId: sent.MessageId! },
        }),
      );
    await callback(event.CallbackId);
    const second = await rejectionOf(callback(event.CallbackId));
    expect(second.name).toBe('BadRequestException');
    expect(second.message).toBe(
      `Unable to complete processing of non-pending message for callback id ${event.CallbackId}`,
    );
    const unknown = await rejectionOf(callback('x'.repeat(40)));
    expect(unknown.name).toBe('ConflictException');
  });

  it('answers ConflictException to the loser of two racing callbacks and applies exactly one', async () => {
    // Latency holds the first callback between claim and commit, so the twin races it.
    const { send, channelArn, client } = await setup(
      { processors: { silent: async () => undefined }, faults: 'latency=40ms' },
      'silent',
    );
    const sent = await send('race');
    const event = await emulator!.waitForPendingEvent(sent.MessageId, 3000);
    const callback = (content: string) =>
      client.send(
        new ChannelFlowCallbackCommand({
          ChannelArn: channelArn,
          CallbackId: event.CallbackId,
          ChannelMessage: { MessageId: sent.MessageId!, Content: content },
        }),
      );
    const results = await Promise.allSettled([callback('first'), callback('second')]);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.name);
    expect(refused).toEqual(['ConflictException']);
    expect(emulator!.stats()).toMatchObject({ callbacksAccepted: 1, sent: 1 });
  });

  it('edits while a message is still PENDING are refused with ConflictException', async () => {
    const { send, channelArn, bearer, client } = await setup(
      { processors: { silent: async () => undefined } },
      'silent',
    );
    const sent = await send('pending');
    const refused = await rejectionOf(
      client.send(
        new UpdateChannelMessageCommand({
          ChannelArn: channelArn,
          MessageId: sent.MessageId,
          ChimeBearer: bearer,
          Content: 'x',
        }),
      ),
    );
    expect(refused.name).toBe('ConflictException');
  });
});

describe('emulator logs', () => {
  it('never carry message content, metadata, sender names or attribute values, even at debug level', async () => {
    const { createJsonLogger } = await import('../../src/logging/logger.js');
    const lines: string[] = [];
    const logger = createJsonLogger({ level: 'debug', sink: (line) => lines.push(line) });
    const secret = 'SECRET-CONTENT-7f3a';
    emulator = await startQuietEmulator({
      logger,
      processors: {
        moderate,
        silent: async () => undefined,
        throws: async () => {
          throw new Error('x');
        },
      },
      faults: 'throttle=0.3,reset=0.2,duplicate=0.5,seed=3',
      stuckAfterMs: 30,
      pendingTimeoutMs: 400,
    });
    client = clientFor(emulator, { maxAttempts: 5 });
    const targets = ['moderate', 'silent', 'throws', 'unmapped'].map((processor) =>
      emulator!.setupChannel({
        processor,
        bearer: `arn:aws:chime:us-east-1:123456789012:app-instance/local-app/user/SECRET-NAME-91`,
      }),
    );
    for (const target of targets) {
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: target.channelArn,
          ChimeBearer: target.bearer,
          Content: `${secret} darn spam`,
          Metadata: 'SECRET-META-22',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
          MessageAttributes: { SECRETNAME: { StringValues: ['SECRET-ATTR-55'] } },
        }),
      );
      await emulator.waitForOutcome(target.channelArn, sent.MessageId!, 5000);
    }
    const bad = await rejectionOf(
      client.send(
        new SendChannelMessageCommand({
          ChannelArn: targets[0]!.channelArn,
          ChimeBearer: targets[0]!.bearer,
          Content: `${secret}`.repeat(300),
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      ),
    );
    expect(bad.name).toBe('BadRequestException');
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const needle of ['SECRET-CONTENT', 'SECRET-META', 'SECRET-ATTR', 'SECRETNAME', 'SECRET-NAME'])
      expect(all).not.toContain(needle);
  });
});

describe('FallbackAction on edits', () => {
  it('an edit whose processor cannot be invoked under ABORT keeps the previous version listed', async () => {
    const { send, channelArn, bearer, client } = await setup({ processors: { moderate } }, 'moderate', 'ABORT');
    const sent = await send('first version');
    await emulator!.waitForOutcome(channelArn, sent.MessageId!);
    // The function disappears (a broken deployment), then the sender edits.
    emulator!.addProcessor('moderate', '/nonexistent/handler.mjs');
    await client.send(
      new UpdateChannelMessageCommand({
        ChannelArn: channelArn,
        MessageId: sent.MessageId,
        ChimeBearer: bearer,
        Content: 'second version',
      }),
    );
    const outcome = await emulator!.waitForOutcome(channelArn, sent.MessageId!);
    expect(outcome).toMatchObject({ status: 'FAILED', isEdit: true, decision: 'fallback' });
    const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: bearer }));
    expect(listed.ChannelMessages?.map((m) => m.Content)).toEqual(['first version']);
  });
});

describe('events handed to processors', () => {
  it('a handler that changes its event changes neither pendingEvents() nor a redelivery', async () => {
    const seen: string[] = [];
    const meddler = async (event: { ChannelMessage: { Content: string } }) => {
      seen.push(event.ChannelMessage.Content);
      event.ChannelMessage.Content = 'tampered';
    };
    const { send } = await setup({ processors: { meddler }, faults: 'duplicate=1' }, 'meddler');
    const sent = await send('original');
    await emulator!.waitForPendingEvent(sent.MessageId);
    await emulator!.idle(2000);
    expect(seen).toEqual(['original', 'original']);
    expect(emulator!.pendingEvents().map((e) => e.ChannelMessage.Content)).toEqual(['original']);
  });
});
