export { ChannelFlowCallbackHandler } from './callback-handler.js';
export { channelFlowCallback } from './channel-flow-callback.js';
export type { ChannelFlowCallbackMiddleware, ChannelFlowPlugin } from './channel-flow-callback.js';
export { channelFlowProcessor } from './channel-flow-processor.js';
export type { ChannelFlowProcessorOptions } from './channel-flow-processor.js';
export type { TracerLike } from './tracing.js';
export { OnError } from './types.js';
export type { InvocationSummary, Processor, ProcessorContext, ProcessorOptions } from './types.js';
