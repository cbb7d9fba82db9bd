// chime-channel-flow: Amazon Chime SDK Messaging channel-flow processors as AWS Lambda functions.
export { parseChannelFlowEvent } from './event/index.js';
export type { ChannelFlowEvent, ChannelMessage, MessageAttributeValue } from './event/index.js';
export { update, deny, noChange, isDecision, DecisionAction } from './decision/index.js';
export type {
  Decision,
  DecisionInfo,
  MessagePatch,
  UpdateDecision,
  DenyDecision,
  NoChangeDecision,
} from './decision/index.js';
export {
  toCallbackInput,
  resolveCallback,
  sendChannelFlowCallback,
  classifyRefusal,
  CALLBACK_LIMITS,
  defaultChimeClient,
  resetDefaultChimeClient,
} from './callback/index.js';
export type { CallbackOutcome } from './callback/index.js';
export {
  ChannelFlowCallbackHandler,
  channelFlowProcessor,
  channelFlowCallback,
  validateProcessorOptions,
  DEFAULT_OPTIONS,
  OnError,
} from './middleware/index.js';
export type {
  ChannelFlowCallbackMiddleware,
  ChannelFlowPlugin,
  ChannelFlowProcessorOptions,
  InvocationSummary,
  Processor,
  ProcessorContext,
  ProcessorOptions,
  TracerLike,
} from './middleware/index.js';
export type { MetricsRecorder } from './metrics/recorder.js';
export { createJsonLogger, silentLogger } from './logging/logger.js';
export type { Logger, LogLevel, LogSink } from './logging/logger.js';
export { emitInvocationMetrics, DEFAULT_METRICS_NAMESPACE } from './metrics/emf.js';
export {
  ChannelFlowError,
  InvalidEventError,
  DecisionLimitError,
  InvalidDecisionError,
  ProcessorTimeoutError,
  CallbackError,
  InvalidOptionsError,
} from './errors.js';
