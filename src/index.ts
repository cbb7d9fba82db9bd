// chime-channel-flow: Amazon Chime SDK Messaging channel-flow processors as AWS Lambda functions.
// What users need and nothing else: a test pins this list (test/core/entry-points.test.ts).
export { ChannelFlowCallbackHandler, channelFlowProcessor, channelFlowCallback, OnError } from './middleware/index.js';
export type { InvocationSummary, Processor, ProcessorContext, ProcessorOptions } from './middleware/index.js';
export { update, deny, noChange, isDecision, DecisionAction } from './decision/index.js';
export type {
  Decision,
  DecisionInfo,
  MessagePatch,
  UpdateDecision,
  DenyDecision,
  NoChangeDecision,
} from './decision/index.js';
export { parseChannelFlowEvent } from './event/index.js';
export type { ChannelFlowEvent, ChannelMessage, MessageAttributeValue } from './event/index.js';
export { toCallbackInput, createChimeClient, CALLBACK_LIMITS } from './callback/index.js';
export type {
  ChannelFlowCallbackMiddleware,
  ChannelFlowPlugin,
  ChannelFlowProcessorOptions,
  TracerLike,
} from './middleware/index.js';
export type { MetricsRecorder } from './metrics/recorder.js';
export { createJsonLogger, silentLogger } from './logging/logger.js';
export type { Logger, LogLevel, LogSink } from './logging/logger.js';
export { DEFAULT_METRICS_NAMESPACE } from './metrics/emf.js';
export {
  ChannelFlowError,
  InvalidEventError,
  DecisionLimitError,
  InvalidDecisionError,
  ProcessorTimeoutError,
  CallbackError,
  InvalidOptionsError,
} from './errors.js';
