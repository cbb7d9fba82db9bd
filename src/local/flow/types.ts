import type { Logger } from '../../logging/logger.js';
import type { FaultDice } from './faults.js';
import type { ProcessorSource } from './processors.js';

/** How a PENDING message ended. `content` is what the channel received (for demos and tests; never logged). */
export interface MessageOutcome {
  channelArn: string;
  messageId: string;
  callbackId: string;
  isEdit: boolean;
  status: 'SENT' | 'DENIED' | 'FAILED';
  /** `update` / `noChange` / `deny` from a callback; `fallback` when the FallbackAction applied. */
  decision: 'update' | 'noChange' | 'deny' | 'fallback';
  /** From entering PENDING to the outcome. */
  latencyMs: number;
  content?: string;
  metadata?: string;
  /** Why the FallbackAction applied: `invocation-failure` or `pending-timeout`. */
  reason?: string;
}

/** The `ProcessorInvocationFailure` event the service sends to EventBridge. */
export interface ProcessorInvocationFailureEvent {
  version: '0';
  id: string;
  'detail-type': 'Chime ChannelFlow Processing Status';
  source: 'aws.chime';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    eventType: 'ProcessorInvocationFailure';
    appInstanceArn: string;
    channelArn: string;
    messageId: string;
    processorResourceArn: string;
    failureReason: string;
  };
}

/** One run of a processor handler (attempts and duplicate deliveries each get one). */
export interface InvocationRecord {
  function: string;
  messageId: string;
  callbackId: string;
  attempt: number;
  duplicate: boolean;
  durationMs: number;
  /** Error name when the handler rejected or timed out (`Task timed out`), or its runtime crashed. */
  error?: string;
  /** The function's runtime died in this invocation (uncaught exception, exit, out of memory). */
  crashed?: boolean;
  /** What the handler resolved to, e.g. channelFlowProcessor's InvocationSummary. */
  result?: unknown;
}

/** Counters and gauges of the flow engine (`emulator.stats()`). */
export interface EngineStats {
  pending: number;
  /** Handler runs not finished yet (including retries and duplicate deliveries). */
  inFlight: number;
  /** PENDING past the stuck threshold: the processor ran (or failed all retries) and never called back. */
  stuck: number;
  sent: number;
  denied: number;
  failed: number;
  invocations: number;
  invocationErrors: number;
  duplicateInvocations: number;
  callbacksAccepted: number;
  callbacksRejected: number;
  /** Invocations whose function runtime died (the FallbackAction applied; the function restarts cold). */
  processorCrashes: number;
}

/** How the engine runs processors: timeouts, retries, memory, faults. @internal */
export interface EngineOptions {
  region: string;
  account: string;
  processors: Record<string, ProcessorSource>;
  functionTimeoutMs: number;
  /** Memory size of each function: the heap limit of its worker. */
  memoryMb: number;
  /** Invocations of one function running at once; more wait in line (their deadline starts with their turn). Default 32. */
  functionConcurrency?: number;
  retryDelaysMs: number[];
  pendingTimeoutMs?: number;
  /** PENDING longer than this is reported as stuck. */
  stuckAfterMs: number;
  dice: FaultDice;
  logger: Logger;
}
