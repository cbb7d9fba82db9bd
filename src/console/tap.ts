import type { ChannelFlowEvent } from '../event/types.js';
import type { LambdaHandler } from '../local/flow/processors.js';
import type { DetailsRecorder } from './details.js';
import { withLogCapture } from './log-capture.js';

const isFlowEvent = (event: unknown): event is ChannelFlowEvent =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as ChannelFlowEvent).CallbackId === 'string' &&
  typeof (event as ChannelFlowEvent).ChannelMessage?.MessageId === 'string';

/**
 * The engine's `wrapHandler` for the console: records each run's event and copies the lines the
 * handler writes while it runs into that CallbackId's details. The handler itself is unchanged.
 *
 * @param details where runs and lines are recorded
 * @returns a wrapper for loaded handlers
 * @example
 * new FlowEngine(store, { ...options, wrapHandler: tapProcessors(details) });
 */
export function tapProcessors(details: DetailsRecorder): (handler: LambdaHandler) => LambdaHandler {
  return (handler) =>
    function consoleTappedHandler(event, context) {
      if (!isFlowEvent(event)) return handler(event, context);
      details.invoked(event);
      const callbackId = event.CallbackId;
      return withLogCapture(
        (line) => details.log(callbackId, line),
        () => handler(event, context),
      );
    };
}
