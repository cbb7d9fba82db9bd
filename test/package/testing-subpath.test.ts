// The testing subpath as a user's unit test sees it: typed callbacks, a quiet logger, the SDK warning switch.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ChimeSDKMessagingClient, DescribeChannelCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, deny, update } from '../../src/index.js';
import {
  callbackAccepted,
  channelFlowEvent,
  fakeChimeTransport,
  lambdaContext,
  quietLogger,
  silenceSdkNodeWarning,
} from '../../src/testing/index.js';

const clientOn = (transport: ReturnType<typeof fakeChimeTransport>) =>
  new ChimeSDKMessagingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    requestHandler: transport,
  });

describe('chime-channel-flow/testing', () => {
  const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  afterEach(() => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
  });

  it('gives the callbacks sent as ChannelFlowCallbackCommandInput, ChannelArn from the path, other requests left out', async () => {
    const transport = fakeChimeTransport((request) =>
      request.query.operation === 'channel-flow-callback' ? callbackAccepted(request) : { status: 200, body: {} },
    );
    const client = clientOn(transport);
    const logger = quietLogger();
    const handler = channelFlowProcessor((m) => (m.Content === 'bad' ? deny('x') : update({ content: 'ok!' })), {
      client,
      logger,
    });
    await client.send(
      new DescribeChannelCommand({
        ChannelArn: channelFlowEvent().ChannelMessage.ChannelArn,
        ChimeBearer: 'arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u',
      }),
    );

    const denied = channelFlowEvent({ Content: 'bad' });
    await handler(denied, lambdaContext());
    await handler(channelFlowEvent({ Content: 'fine' }), lambdaContext());

    expect(transport.requests).toHaveLength(3);
    expect(transport.callbacks).toHaveLength(2);
    expect(transport.callbacks[0]).toMatchObject({
      ChannelArn: denied.ChannelMessage.ChannelArn,
      CallbackId: denied.CallbackId,
      DeleteResource: true,
      ChannelMessage: { MessageId: denied.ChannelMessage.MessageId },
    });
    expect(transport.callbacks[1]?.ChannelMessage?.Content).toBe('ok!');
  });

  it('quietLogger keeps every line and prints none', async () => {
    const transport = fakeChimeTransport(callbackAccepted);
    const logger = quietLogger();
    const handler = channelFlowProcessor(() => deny('spam'), { client: clientOn(transport), logger });
    await handler(channelFlowEvent({ Content: 'buy now' }), lambdaContext());
    expect(logger.entries.length).toBeGreaterThan(0);
    expect(logger.entries.map((entry) => entry.level)).toContain('info');
    expect(JSON.stringify(logger.entries)).not.toContain('buy now');
  });

  it('silenceSdkNodeWarning sets the switch the SDK reads', () => {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    silenceSdkNodeWarning();
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
  });
});
