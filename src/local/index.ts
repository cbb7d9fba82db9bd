// `chime-channel-flow/local`: the channel-flow emulator, for tests, demos and the CLI.
export { startEmulator, EmulatorTimeoutError, LOCAL_ACCOUNT } from './emulator.js';
export type { Emulator, EmulatorOptions, ChannelSetup } from './emulator.js';
export type { MessageOutcome, EngineStats, InvocationRecord, ProcessorInvocationFailureEvent } from './flow/engine.js';
export type { FlowEvents, FlowEventMap, MessageEventType, MessageLifecycleEvent } from './flow/events.js';
export { parseFaults } from './flow/faults.js';
export type { FaultConfig } from './flow/faults.js';
export { checkProcessorLoads, loadProcessor } from './flow/processors.js';
export type { LambdaHandler, ProcessorSource } from './flow/processors.js';
export type { LocalCredentials } from './protocol/sigv4.js';
export { localMessagingWebSocket } from './session/node-client.js';
export type { MessagingWebSocketAdapter } from './session/node-client.js';
export { messagingSessionUrl } from './session/presign.js';
export type { SessionUrlOptions } from './session/presign.js';
export type { SessionStats } from './session/hub.js';
export { ServiceError, ErrorShape, EmulatorConfigError, ProcessorLoadError } from './errors.js';
export { sampleHandler } from './sample-processor.js';
