export { CALLBACK_LIMITS, codePointLength } from './limits.js';
export { toCallbackInput, resolveCallback } from './to-callback-input.js';
export type { SentAction } from './to-callback-input.js';
export { sendChannelFlowCallback, classifyRefusal } from './send.js';
export type { CallbackOutcome } from './send.js';
export { createChimeClient, defaultChimeClient, resetDefaultChimeClient, DEFAULT_MAX_ATTEMPTS } from './client.js';
export { CALLBACK_RETRY } from './retry.js';
