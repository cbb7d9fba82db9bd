import { describe, expect, it } from '@jest/globals';
import { channelFlowCallback } from '../../src/middleware/channel-flow-callback.js';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { noChange } from '../../src/decision/index.js';
import { InvalidOptionsError } from '../../src/errors.js';

describe('processor options', () => {
  it.each([
    [{ onEror: 'deny' }, 'channelFlowProcessor.onEror'],
    [{ deadlineMargin: 500 }, 'channelFlowProcessor.deadlineMargin'],
    [{ logErrorMessages: 'yes' }, 'logErrorMessages'],
    [{ onError: 'ignore' }, 'onError'],
  ])('rejects %j at build time, naming the option', (options, option) => {
    for (const build of [
      () => channelFlowProcessor(() => noChange(), options as never),
      () => channelFlowCallback(options as never),
    ]) {
      let thrown: unknown;
      try {
        build();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidOptionsError);
      expect((thrown as InvalidOptionsError).option).toBe(option);
    }
  });

  it('rejects a processor that is not a function with InvalidOptionsError', () => {
    expect(() => channelFlowProcessor(noChange() as never)).toThrow(InvalidOptionsError);
  });
});
