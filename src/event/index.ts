export type { ChannelFlowEvent, ChannelMessage, MessageAttributeValue } from './types.js';
export { parseChannelFlowEvent, isAnswerable } from './parse.js';
