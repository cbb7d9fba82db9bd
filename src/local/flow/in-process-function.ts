import type { Context } from 'aws-lambda';
import { beforeDeadline } from '../../deadline.js';
import type { ChannelFlowEvent } from '../../event/types.js';
import { errorName, type FunctionRuntime, type RunOutcome } from './function-runtime.js';
import type { LambdaHandler } from './processors.js';

const TIMED_OUT: RunOutcome = { kind: 'timeout' };

/**
 * A handler given as a function runs in the caller's process (tests that capture values use
 * this); it is not isolated: a throw from its timers reaches the caller's process.
 *
 * @internal
 */
export class InProcessFunction implements FunctionRuntime {
  constructor(private readonly handler: LambdaHandler) {}

  ready(): Promise<void> {
    return Promise.resolve();
  }

  invoke(event: ChannelFlowEvent, context: Context, timeoutMs: number): Promise<RunOutcome> {
    const run = Promise.resolve()
      // `never`: the handler's own event type is narrower than what it is given (checked by its parser).
      .then(() => this.handler(event as never, context))
      .then(
        (result: unknown): RunOutcome => ({ kind: 'resolved', result }),
        (error: unknown): RunOutcome => ({ kind: 'rejected', error: errorName(error) }),
      );
    // `run` never rejects, so the only rejection is the deadline's, answered as a timeout.
    return beforeDeadline(run, Date.now() + timeoutMs, () => TIMED_OUT).catch(() => TIMED_OUT);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
