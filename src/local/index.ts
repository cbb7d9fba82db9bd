// `chime-channel-flow/local`: the channel-flow emulator, for tests, demos and the CLI.
export { startEmulator, EmulatorTimeoutError, LOCAL_ACCOUNT } from './emulator.js';
export type { Emulator, EmulatorOptions, ChannelSetup } from './emulator.js';
export type { MessageOutcome, EngineStats, InvocationRecord, ProcessorInvocationFailureEvent } from './flow/engine.js';
export { parseFaults } from './flow/faults.js';
export type { FaultConfig } from './flow/faults.js';
export { checkProcessorLoads, loadProcessor, parseProcessorArg } from './flow/processors.js';
export type { LambdaHandler, ProcessorSource } from './flow/processors.js';
export { verifySigV4, verifyPresignedUrl } from './protocol/sigv4.js';
export type { LocalCredentials, SignatureMode } from './protocol/sigv4.js';
export { localMessagingWebSocket } from './session/node-client.js';
export { messagingSessionUrl } from './session/presign.js';
export type { SessionUrlOptions } from './session/presign.js';
export type { MessagingWebSocketAdapter } from './session/node-client.js';
export type { SessionStats } from './session/hub.js';
export { ServiceError, ErrorShape, EmulatorConfigError, ProcessorLoadError } from './errors.js';
export { sampleHandler } from './sample-processor.js';
export { formatTable, shorten } from './report/table.js';
export type { ReportRow } from './report/table.js';
