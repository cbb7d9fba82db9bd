export type { ChannelFlowEvent, ChannelMessage, MessageAttributeValue } from './types.js';
export { parseChannelFlowEvent } from './parse.js';
