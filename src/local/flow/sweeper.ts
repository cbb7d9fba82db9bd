import type { Logger } from '../../logging/logger.js';
import type { MessageRecord } from '../state/types.js';

/** What the sweeper needs from the engine. @internal */
export interface SweepTarget {
  /** Messages currently PENDING. */
  pending(): Iterable<MessageRecord>;
  /** Applies the message's flow FallbackAction. */
  fallBack(message: MessageRecord, reason: 'pending-timeout'): void;
}

const SWEEP_EVERY_MS = 250;

/**
 * Every 250 ms: applies `pendingTimeoutMs` (the FallbackAction for messages PENDING that long) and
 * reports messages PENDING past `stuckAfterMs`, once each. @internal
 */
export class Sweeper {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly target: SweepTarget,
    private readonly options: { pendingTimeoutMs?: number; stuckAfterMs: number; logger: Logger },
  ) {
    this.timer = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  sweep(now = Date.now()): void {
    const { pendingTimeoutMs, stuckAfterMs, logger } = this.options;
    for (const message of [...this.target.pending()]) {
      const pending = message.pending;
      if (!pending) continue;
      const age = now - pending.since;
      if (pendingTimeoutMs !== undefined && age >= pendingTimeoutMs) {
        logger.warn('message PENDING past --pending-timeout; applying the FallbackAction', {
          messageId: message.MessageId,
          callbackId: pending.callbackId,
          ageMs: age,
        });
        this.target.fallBack(message, 'pending-timeout');
      } else if (!pending.reportedStuck && age >= stuckAfterMs) {
        pending.reportedStuck = true;
        logger.error(
          'message STUCK in PENDING: its processor ran but never called ChannelFlowCallback (AWS would wait up to 48 hours)',
          { messageId: message.MessageId, callbackId: pending.callbackId, channelArn: message.ChannelArn, ageMs: age },
        );
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
