import { SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator, ChannelSetup } from './emulator.js';
import type { InvocationRecord, MessageOutcome } from './flow/engine.js';
import type { ReportRow } from './report/table.js';

/** What the processor's handler said about a message (channelFlowProcessor's InvocationSummary, when it returns one). */
interface SummaryLike {
  action?: string;
  decidedBy?: string;
  rule?: string;
  error?: string;
}

/**
 * Collects handler results by CallbackId, so a report can say which rule or policy decided.
 *
 * @example
 * const summaries = collectSummaries(emulator);
 * summaries.describe(outcome); // 'update (profanity)'
 */
export function collectSummaries(emulator: Emulator) {
  const byCallback = new Map<string, SummaryLike>();
  const waiters = new Map<string, () => void>();
  const stop = emulator.onInvocation((record: InvocationRecord) => {
    const result = record.result as SummaryLike | undefined;
    // The first run's summary is the one that answered; duplicates report `duplicate`.
    if (result && typeof result === 'object' && !byCallback.has(record.callbackId))
      byCallback.set(record.callbackId, result);
    waiters.get(record.callbackId)?.();
  });
  return {
    stop,
    /** The handler resolves after its callback landed: wait briefly for its summary. */
    settle(callbackId: string, timeoutMs = 1000): Promise<void> {
      if (byCallback.has(callbackId)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(callbackId);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.set(callbackId, done);
      });
    },
    describe(outcome: MessageOutcome): string {
      if (outcome.decision === 'fallback') return `fallback (${outcome.reason ?? 'FallbackAction'})`;
      const summary = byCallback.get(outcome.callbackId);
      if (summary?.decidedBy === 'policy') return `${outcome.decision} (policy: ${summary.error ?? 'error'})`;
      return summary?.rule ? `${outcome.decision} (${summary.rule})` : outcome.decision;
    },
  };
}

/**
 * Sends one STANDARD message over HTTP with the real SDK client and waits for its outcome;
 * a message that never leaves PENDING within `timeoutMs` is reported as stuck.
 *
 * @example
 * const row = await sendAndWait(emulator, client, channel, 'hello', 'sample', summaries);
 */
export async function sendAndWait(
  emulator: Emulator,
  client: ChimeSDKMessagingClient,
  channel: ChannelSetup,
  content: string,
  processor: string,
  summaries: ReturnType<typeof collectSummaries>,
  timeoutMs = 10_000,
): Promise<ReportRow & { stuck: boolean }> {
  const started = performance.now();
  const sent = await client.send(
    new SendChannelMessageCommand({
      ChannelArn: channel.channelArn,
      ChimeBearer: channel.bearer,
      Content: content,
      Type: 'STANDARD',
      Persistence: 'PERSISTENT',
    }),
  );
  try {
    const outcome = await emulator.waitForOutcome(channel.channelArn, sent.MessageId!, timeoutMs);
    const ms = performance.now() - started;
    if (outcome.decision !== 'fallback') await summaries.settle(outcome.callbackId);
    return {
      processor,
      message: content,
      status: outcome.status,
      delivered: outcome.status === 'SENT' ? (outcome.content ?? '') : '(not delivered)',
      decision: summaries.describe(outcome),
      ms,
      stuck: false,
    };
  } catch {
    return {
      processor,
      message: content,
      status: 'PENDING',
      delivered: '(stuck: no callback)',
      decision: '-',
      ms: undefined,
      stuck: true,
    };
  }
}
