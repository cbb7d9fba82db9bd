import { describe, expect, it } from '@jest/globals';
import { channelFlowEventFor } from '../../src/local/flow/channel-flow-event.js';
import type { MessageRecord, PendingVersion } from '../../src/local/state/types.js';
import { MessageStatus } from '../../src/local/state/types.js';

// The CHANNEL_MESSAGE_EVENT a processor receives: optional fields appear only when the message
// has them, and the handler gets copies (changing them never changes the stored message).
const CHANNEL = 'arn:aws:chime:us-east-1:123456789012:app-instance/app/channel/c';
const base: MessageRecord = {
  MessageId: 'm1',
  ChannelArn: CHANNEL,
  Type: 'STANDARD',
  Persistence: 'PERSISTENT',
  Sender: { Arn: `${CHANNEL}/user/alice`, Name: 'alice' },
  CreatedTimestamp: Date.UTC(2026, 0, 1),
  LastUpdatedTimestamp: Date.UTC(2026, 0, 1),
  visible: null,
  status: MessageStatus.Pending,
};
const pending = (extra: Partial<PendingVersion> = {}, version: PendingVersion['version'] = { Content: 'hi' }) => ({
  version,
  callbackId: 'cb-1',
  since: 0,
  isEdit: false,
  ...extra,
});

describe('channelFlowEventFor', () => {
  it('carries only the fields a plain first version has', () => {
    const event = channelFlowEventFor(base, pending());
    expect(event).toEqual({
      EventType: 'CHANNEL_MESSAGE_EVENT',
      CallbackId: 'cb-1',
      ChannelMessage: {
        MessageId: 'm1',
        ChannelArn: CHANNEL,
        Content: 'hi',
        Sender: base.Sender,
        Persistence: 'PERSISTENT',
        Type: 'STANDARD',
        CreatedTimestamp: '2026-01-01T00:00:00.000Z',
      },
    });
  });

  it('adds metadata, edit time, attributes, sub-channel, content type and target when present, as copies', () => {
    // Prepare
    const message: MessageRecord = { ...base, SubChannelId: 'sub-1', Target: [{ MemberArn: `${CHANNEL}/user/bob` }] };
    const version = {
      Content: 'edited',
      Metadata: 'meta',
      ContentType: 'text/markdown',
      MessageAttributes: { topic: { StringValues: ['news'] } },
    };
    // Act
    const event = channelFlowEventFor(message, pending({ isEdit: true, editedAt: Date.UTC(2026, 0, 2) }, version));
    const target = event.ChannelMessage.Target?.[0];
    if (target) target.MemberArn = 'changed';
    event.ChannelMessage.MessageAttributes?.topic?.StringValues?.push('changed');
    // Assess
    expect(event.ChannelMessage).toMatchObject({
      Content: 'edited',
      Metadata: 'meta',
      ContentType: 'text/markdown',
      SubChannelId: 'sub-1',
      LastEditedTimestamp: '2026-01-02T00:00:00.000Z',
    });
    expect(event.ChannelMessage.Target).toEqual([{ MemberArn: 'changed' }]);
    expect(event.ChannelMessage.MessageAttributes?.topic?.StringValues).toEqual(['news', 'changed']);
    expect(message.Target).toEqual([{ MemberArn: `${CHANNEL}/user/bob` }]);
    expect(version.MessageAttributes.topic.StringValues).toEqual(['news']);
  });
});
