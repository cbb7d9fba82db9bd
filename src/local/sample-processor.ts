// The demo's own processor, written with the package as a user would: it masks one
// word, denies one kind of message, throws on one (the error policy answers), and lets
// clean messages through.
import { channelFlowProcessor } from '../middleware/index.js';
import { deny, noChange, update } from '../decision/index.js';

/**
 * A small channel-flow processor for demos: masks "darn", denies "buy now" spam,
 * throws on "crash" (onError `allow` delivers it unchanged), lets the rest through.
 *
 * @example
 * import { startEmulator } from 'chime-channel-flow/local';
 * import { sampleHandler } from 'chime-channel-flow/local';
 * const emulator = await startEmulator({ processors: { sample: sampleHandler } });
 */
export const sampleHandler = channelFlowProcessor(
  (message) => {
    const content = message.Content;
    if (/\bcrash\b/i.test(content)) throw new Error('sample processor bug (on purpose)');
    if (/buy now/i.test(content)) return deny('spam', { rule: 'sample-spam' });
    if (/\bdarn\b/i.test(content))
      return update({ content: content.replace(/\bdarn\b/gi, '****') }, { rule: 'sample-mask' });
    return noChange();
  },
  { onError: 'allow' },
);

/**
 * Lambda-style export, so `--processor sample=src/local/sample-processor.ts` works too.
 * @alias of sampleHandler, loaded by name from the file's path as a Lambda runtime would
 */
export const handler = sampleHandler;
