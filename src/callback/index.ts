export { CALLBACK_LIMITS } from './limits.js';
export { toCallbackInput } from './to-callback-input.js';
export { createChimeClient } from './client.js';
