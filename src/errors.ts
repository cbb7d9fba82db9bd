/**
 * Every error this package throws extends {@link ChannelFlowError}, so one
 * `instanceof` check catches them all; subclasses carry typed fields and never
 * user data (content, metadata, names or attribute values) in their messages.
 */
import { errorNameOf, firstLineOf, readSafely, typeName } from './values.js';

// Subclass fields are `declare`d and set in the constructor, so the bundle carries no class-field declarations.
/**
 * The base of every error the package throws: one `instanceof` check catches them all.
 *
 * @example
 * try { await handler(event, context) } catch (e) { if (e instanceof ChannelFlowError) console.log(e.name) }
 */
export class ChannelFlowError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelFlowError';
  }
}

/**
 * The invocation event cannot be answered: it is not an object or lacks a
 * field the callback needs (CallbackId, ChannelArn, MessageId).
 *
 * @example
 * try { parseChannelFlowEvent({}) } catch (e) { if (e instanceof InvalidEventError) console.log(e.field) }
 */
export class InvalidEventError extends ChannelFlowError {
  /** Path of the offending field, e.g. `ChannelMessage.MessageId`. */
  declare readonly field: string;
  /**
   * True when the ids a callback needs were valid and another field was not: such an
   * event can still be answered (by the error policy) instead of being left PENDING.
   */
  declare readonly answerable: boolean;

  constructor(field: string, problem: string, answerable = false) {
    super(`Invalid channel flow event: ${field} ${problem}`);
    this.name = 'InvalidEventError';
    this.field = field;
    this.answerable = answerable;
  }
}

/**
 * A decision would break a ChannelFlowCallback limit, so it is never sent as is.
 *
 * @example
 * try { toCallbackInput(event, update({ content: '' })) } catch (e) { if (e instanceof DecisionLimitError) console.log(e.message) }
 */
export class DecisionLimitError extends ChannelFlowError {
  /** Callback field, e.g. `ChannelMessage.PushNotification.Title`. */
  declare readonly field: string;
  /** The limit, e.g. `1 to 50 characters`. */
  declare readonly limit: string;
  /** What the decision had, e.g. `51 characters` (a size, never the value). */
  declare readonly actual: string;

  constructor(field: string, limit: string, actual: string) {
    super(`Decision breaks the ChannelFlowCallback limit for ${field}: allowed ${limit}, got ${actual}`);
    this.name = 'DecisionLimitError';
    this.field = field;
    this.limit = limit;
    this.actual = actual;
  }
}

/**
 * The processor resolved to something that is not a decision (`undefined`, a string, ...).
 *
 * @example
 * // Logged by the wrapper, then answered by the onError policy: a processor must return update(), deny() or noChange().
 * const summary = await channelFlowProcessor(async () => undefined as never)(event, context);
 */
export class InvalidDecisionError extends ChannelFlowError {
  /** `typeof` of what was returned (or `null`), never the value. */
  declare readonly received: string;

  constructor(received: unknown) {
    const kind = typeName(received);
    super(`Processor must return update(), deny() or noChange(); got ${kind}`);
    this.name = 'InvalidDecisionError';
    this.received = kind;
  }
}

/**
 * The processor was still running at the deadline (remaining time minus the margin).
 *
 * @example
 * // Answered by the onError policy before Lambda stops the function; pass ctx.signal to your own calls.
 * channelFlowProcessor(async (message, { signal }) => (await fetch(url, { signal }), noChange()));
 */
export class ProcessorTimeoutError extends ChannelFlowError {
  /** Milliseconds the processor had before it was cut off. */
  declare readonly budgetMs: number;

  constructor(budgetMs: number, options?: { cause?: unknown }) {
    super(`Processor did not decide within ${budgetMs} ms (Lambda remaining time minus deadlineMarginMs)`, options);
    this.name = 'ProcessorTimeoutError';
    this.budgetMs = budgetMs;
  }
}

/**
 * The ChannelFlowCallback call failed for good: refused by the service (400/401)
 * or still failing (429/5xx/network) when the deadline came. The message is still
 * PENDING; the invocation fails so Lambda's async retry and alarms see it. The message
 * names the cause's name, code and first line (quoted values cut out), e.g.
 * `ChannelFlowCallback failed for message m-1: Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:41998`.
 *
 * @example
 * try { await handler(event, context) } catch (e) { if (e instanceof CallbackError) console.log(e.errorName, e.code) }
 */
export class CallbackError extends ChannelFlowError {
  declare readonly messageId: string;
  declare readonly callbackId: string;
  /** HTTP status of the last answer, when there was one. */
  declare readonly statusCode: number | undefined;
  /** Error name of the last answer (`BadRequestException`, `TimeoutError`, ...). */
  declare readonly errorName: string;
  /** The cause's `code` when it has one (`ECONNREFUSED`, `ECONNRESET`). */
  declare readonly code: string | undefined;
  /** The cause's message, first line, quoted values cut out (`Region is missing`). */
  declare readonly causeLine: string;

  constructor(messageId: string, callbackId: string, cause: unknown) {
    const errorName = errorNameOf(cause);
    const metadata = readSafely(cause, '$metadata');
    const status = readSafely(metadata, 'httpStatusCode');
    const statusCode = typeof status === 'number' ? status : undefined;
    const rawCode = readSafely(cause, 'code');
    const code = typeof rawCode === 'string' && rawCode !== errorName ? rawCode.slice(0, 64) : undefined;
    const causeLine = firstLineOf(readSafely(cause, 'message'));
    const detail = [
      errorName,
      code && ` ${code}`,
      statusCode && ` (HTTP ${statusCode})`,
      causeLine && `: ${causeLine}`,
    ];
    super(`ChannelFlowCallback failed for message ${messageId}: ${detail.filter(Boolean).join('')}`, { cause });
    this.name = 'CallbackError';
    this.messageId = messageId;
    this.callbackId = callbackId;
    this.statusCode = statusCode;
    this.errorName = errorName;
    this.code = code;
    this.causeLine = causeLine;
  }
}

/**
 * Options or arguments are wrong: thrown when a handler, rule, emulator or command is built
 * (cold start), never per message. The one options error of the package; the emulator's
 * `EmulatorConfigError` is a subclass, so catching this class catches both.
 *
 * @example
 * try { channelFlowProcessor(handler, { onError: 'ignore' as never }) } catch (e) { if (e instanceof InvalidOptionsError) console.error(e.option) }
 */
export class InvalidOptionsError extends ChannelFlowError {
  /** The option or argument, e.g. `onError`, `rules[2]`, `--port`. */
  declare readonly option: string;

  /**
   * @param option - The option's name.
   * @param problem - What is wrong, never the value itself.
   * @param options - `cause`, and `scope` for the message (`Invalid emulator option ...`).
   */
  constructor(option: string, problem: string, options?: { cause?: unknown; scope?: string }) {
    super(`Invalid ${options?.scope ? `${options.scope} ` : ''}option ${option}: ${problem}`, options);
    this.name = 'InvalidOptionsError';
    this.option = option;
  }
}
