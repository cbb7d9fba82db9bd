import { type LambdaHandler, loadProcessor } from '../flow/processors.js';
import { channelFlowEvent, lambdaContext } from '../../testing/index.js';
import { type CallbackSink, startCallbackSink } from './callback-sink.js';
import type { Classify } from './run.js';
import { EvalAction, type EvalOutcome } from './score.js';

/** A processor module run as Lambda runs it, with its callbacks captured on loopback. */
export interface LambdaClassifier {
  classify: Classify;
  close(): Promise<void>;
}

/**
 * The environment a processor sees: the callback endpoint is the local sink, with
 * placeholder credentials (nothing leaves 127.0.0.1) and logs off unless LOG_LEVEL is set.
 */
function pointEnvironmentAt(sink: CallbackSink): void {
  process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING = sink.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOCALEVAL';
  process.env.AWS_SECRET_ACCESS_KEY = 'local-eval-secret';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.LOG_LEVEL ??= 'silent';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
}

function outcomeOf(text: string, callback: ReturnType<CallbackSink['take']>, summary: unknown): EvalOutcome {
  const rule = (summary as { rule?: unknown } | null | undefined)?.rule;
  const named = typeof rule === 'string' ? { rule } : {};
  if (callback === undefined) return { action: EvalAction.NoCallback, ...named };
  if (callback.DeleteResource === true) return { action: EvalAction.Deny, ...named };
  const content = callback.ChannelMessage?.Content;
  if (typeof content === 'string' && content !== text) return { action: EvalAction.Update, content, ...named };
  return { action: EvalAction.NoChange };
}

/**
 * Loads `PATH[#EXPORT]` (default export `handler`) and returns a classifier that invokes it
 * once per message with a channel flow event and a Lambda context, exactly as Lambda would,
 * and reads the decision from the ChannelFlowCallback it sends (to a loopback sink).
 * A processor that fails without a callback counts as `noCallback`.
 *
 * @param source the processor module, `PATH[#EXPORT]`
 * @param timeoutMs the Lambda timeout each invocation gets (default 3000)
 * @returns the classifier; close it when done
 * @throws {ProcessorLoadError} when the module or export cannot be loaded
 * @example
 * const lambda = await lambdaClassifier('./handler.ts#handler');
 * const report = await evaluate(messages, lambda.classify);
 * await lambda.close();
 */
export async function lambdaClassifier(source: string, timeoutMs = 3000): Promise<LambdaClassifier> {
  const sink = await startCallbackSink();
  pointEnvironmentAt(sink);
  let handler: LambdaHandler;
  try {
    handler = await loadProcessor('eval', source);
  } catch (error) {
    await sink.close();
    throw error;
  }
  const classify: Classify = async (text) => {
    const event = channelFlowEvent({ Content: text });
    let summary: unknown;
    try {
      summary = await handler(event as never, lambdaContext({ timeoutMs, functionName: 'eval' }));
    } catch {
      // A failed invocation: whether it answered first is read from the sink.
    }
    return outcomeOf(text, sink.take(event.CallbackId), summary);
  };
  return { classify, close: () => sink.close() };
}
