// The console's JSON between the emulator and the page (shared by both sides; no Node or DOM types).

/** What a message became, as the console reports it; STUCK: the processor ran and never called back. */
export type ConsoleStatus = 'PENDING' | 'SENT' | 'DENIED' | 'FAILED' | 'STUCK';

/** One log line a processor wrote while handling the message (its JSON as written). */
interface ConsoleLogLine {
  at: number;
  line: string;
}

/** Everything the console knows about one pass of a message (or an edit) through the flow. */
export interface MessageDetails {
  channelArn: string;
  messageId: string;
  callbackId: string;
  isEdit: boolean;
  senderArn?: string;
  status: ConsoleStatus;
  original?: string;
  delivered?: string;
  /** `update` / `noChange` / `deny` / `fallback`. */
  decision?: string;
  decidedBy?: string;
  rule?: string;
  error?: string;
  /** Handler run time, first attempt that answered (ms). */
  processorMs?: number;
  /** From entering PENDING to the callback's outcome (ms). */
  callbackMs?: number;
  attempts: number;
  logs: ConsoleLogLine[];
  /** The invocation event the processor received. */
  event?: unknown;
  /** The ChannelFlowCallback input the processor sent. */
  callbackInput?: unknown;
  startedAt: number;
  endedAt?: number;
}

export interface ConsoleChannel {
  channelArn: string;
  name: string;
  flowName?: string;
  processor?: string;
  fallbackAction?: string;
}

export interface ConsoleUser {
  arn: string;
  name: string;
}

/** GET /console/api/state */
export interface ConsoleState {
  appInstanceArn: string;
  channels: ConsoleChannel[];
  users: ConsoleUser[];
  processors: string[];
}

/** One line of a policy lab run. */
export interface LabRow {
  text: string;
  flag?: boolean;
  status: ConsoleStatus;
  delivered?: string;
  rule?: string;
  decision?: string;
  latencyMs?: number;
  /** The processor flagged it (denied or changed), as the eval command counts it. */
  flagged: boolean;
  /** Labelled and the processor disagreed. */
  misclassified?: boolean;
}

export interface LabMetrics {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Ratios as the eval command reports them: an empty denominator gives precision/recall 1, FPR 0. */
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
}

/** POST /console/api/lab answer. */
export interface LabResult {
  processor: string;
  rows: LabRow[];
  metrics?: LabMetrics;
}
