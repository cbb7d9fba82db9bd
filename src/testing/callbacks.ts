import type { ChannelFlowCallbackCommandInput } from '@aws-sdk/client-chime-sdk-messaging';
import { isRecord } from '../values.js';
import type { FakeRequest } from './fake-transport.js';

// ChannelFlowCallback is `POST /channels/{ChannelArn}?operation=channel-flow-callback` in the API model:
// the ARN travels in the path, the rest in the JSON body.
const isCallback = (request: FakeRequest): boolean =>
  request.method === 'POST' &&
  request.query.operation === 'channel-flow-callback' &&
  request.path.startsWith('/channels/');

/**
 * The ChannelFlowCallback inputs among recorded requests, rebuilt as the SDK command's input
 * (`ChannelArn` from the path, the other fields from the body), in the order they were sent.
 *
 * @param requests - the requests a fake transport recorded
 * @returns one `ChannelFlowCallbackCommandInput` per callback request
 * @example
 * const [callback] = callbacksIn(transport.requests);
 * console.log(callback?.DeleteResource);
 */
export function callbacksIn(requests: readonly FakeRequest[]): ChannelFlowCallbackCommandInput[] {
  const inputs: ChannelFlowCallbackCommandInput[] = [];
  for (const request of requests) {
    if (request === undefined || !isCallback(request)) continue;
    const body = isRecord(request.body) ? request.body : {};
    const channelMessage = isRecord(body.ChannelMessage) ? body.ChannelMessage : {};
    const input: ChannelFlowCallbackCommandInput = {
      ...body,
      CallbackId: typeof body.CallbackId === 'string' ? body.CallbackId : '',
      // isCallback() checked the `/channels/` prefix, so the path has a third segment (maybe empty).
      ChannelArn: decodeURIComponent(request.path.split('/')[2]!),
      ChannelMessage: { ...channelMessage, MessageId: String(channelMessage.MessageId ?? '') },
    };
    inputs.push(input);
  }
  return inputs;
}
