import type { ChannelFlowEvent } from '../event/types.js';
import type { DetailsRecorder } from './details.js';
import { withLogCapture } from './log-capture.js';

/**
 * The engine's `aroundInvoke` for the console: records each run's event, and copies the lines an
 * in-process handler writes while it runs into that CallbackId's details (a worker's lines are
 * matched by the ids they carry, see {@link DetailsRecorder.attribute}). The invocation is unchanged.
 *
 * @param details where runs and lines are recorded
 * @returns the hook to hand the engine
 * @example
 * new FlowEngine(store, { ...options, aroundInvoke: consoleAroundInvoke(details) });
 */
export function consoleAroundInvoke(
  details: DetailsRecorder,
): <T>(event: ChannelFlowEvent, invoke: () => Promise<T>) => Promise<T> {
  return (event, invoke) => {
    details.invoked(event);
    const callbackId = event.CallbackId;
    return withLogCapture((line) => details.log(callbackId, line), invoke);
  };
}
