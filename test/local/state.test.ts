import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateChannelCommand,
  GetChannelMessageCommand,
  SendChannelMessageCommand,
  DescribeChannelCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, update } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { EmulatorConfigError } from '../../src/local/index.js';
import type { ChannelFlowEvent } from '../../src/event/types.js';
import { APP, USER, clientFor, startQuietEmulator } from './helpers.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccf-state-'));
  dirs.push(dir);
  return join(dir, 'state.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('--state FILE', () => {
  it('keeps channels and messages across a restart', async () => {
    const state = tempFile();
    const first = await startQuietEmulator({ state });
    const client = clientFor(first);
    const channel = await client.send(
      new CreateChannelCommand({ AppInstanceArn: APP, Name: 'kept', ChimeBearer: USER }),
    );
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channel.ChannelArn,
        ChimeBearer: USER,
        Content: 'still here',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    client.destroy();
    await first.close();
    expect(JSON.parse(readFileSync(state, 'utf8')).version).toBe(1);

    const second = await startQuietEmulator({ state });
    const again = clientFor(second);
    const described = await again.send(
      new DescribeChannelCommand({ ChannelArn: channel.ChannelArn, ChimeBearer: USER }),
    );
    expect(described.Channel?.Name).toBe('kept');
    const got = await again.send(
      new GetChannelMessageCommand({ ChannelArn: channel.ChannelArn, MessageId: sent.MessageId, ChimeBearer: USER }),
    );
    expect(got.ChannelMessage?.Content).toBe('still here');
    again.destroy();
    await second.close();
  });

  it('redelivers the event of a message left PENDING, with the same CallbackId', async () => {
    const state = tempFile();
    const seen: ChannelFlowEvent[] = [];
    const first = await startQuietEmulator({
      state,
      processors: { p: async (event: ChannelFlowEvent) => void seen.push(event) },
    });
    const { channelArn, bearer } = first.setupChannel({ processor: 'p' });
    const client = clientFor(first);
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'across restarts',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    await first.waitForPendingEvent(sent.MessageId);
    client.destroy();
    await first.close();

    const answer = channelFlowProcessor((message) => update({ content: message.Content.toUpperCase() }), {
      logger: silentLogger,
    });
    const second = await startQuietEmulator({ state, processors: { p: answer } });
    const outcome = await second.waitForOutcome(channelArn, sent.MessageId!);
    expect(outcome).toMatchObject({ status: 'SENT', content: 'ACROSS RESTARTS', callbackId: seen[0]!.CallbackId });
    await second.close();
  });

  it('refuses a file that is not emulator state', async () => {
    const state = tempFile();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(state, 'not json');
    await expect(startQuietEmulator({ state })).rejects.toThrow(EmulatorConfigError);
  });
});

describe('setupChannel({ reuse: true })', () => {
  it('finds the channel a previous run made for the same processor', async () => {
    const state = tempFile();
    const first = await startQuietEmulator({ state });
    const made = first.setupChannel({ processor: 'p', reuse: true });
    await first.close();
    const second = await startQuietEmulator({ state });
    expect(second.setupChannel({ processor: 'p', reuse: true }).channelArn).toBe(made.channelArn);
    expect(second.setupChannel({ processor: 'p' }).channelArn).not.toBe(made.channelArn);
    expect(second.setupChannel({ processor: 'other', reuse: true }).channelArn).not.toBe(made.channelArn);
    await second.close();
  });
});
