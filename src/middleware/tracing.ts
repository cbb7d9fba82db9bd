import { isInstanceSafely } from '../logging/error-fields.js';

/**
 * What the package needs of a Powertools `Tracer`, taken structurally so the package never
 * imports Powertools (or the X-Ray SDK). The processor and the callback each get a subsegment
 * under the current one (the handler's, with `captureLambdaHandler`); an SDK client passed through
 * `tracer.captureAWSv3Client()` then nests its own call under the callback's.
 */
export interface TracerLike {
  isTracingEnabled(): boolean;
  getSegment(): TraceSegment | undefined;
  setSegment(segment: TraceSegment): void;
}

/** A segment or subsegment: only the calls the package makes. */
interface TraceSegment {
  addNewSubsegment(name: string): TraceSubsegment;
}

interface TraceSubsegment extends TraceSegment {
  addAnnotation(key: string, value: string | number | boolean): void;
  addError(error: Error): void;
  close(): void;
}

/** Annotations are indexed by X-Ray: the decision's shape only, never content. */
export type TraceAnnotations = Record<string, string | number | boolean | undefined>;

/**
 * Runs `work` in a subsegment named `name` when tracing is on, annotated from its result;
 * runs it as is otherwise (no promise added). The previous segment is restored whatever happens.
 *
 * @param tracer - a Powertools Tracer, or undefined
 * @param name - the subsegment's name
 * @param work - what to run
 * @param annotate - annotations from the result (undefined values are skipped)
 * @returns what `work` returns
 * @throws whatever `work` throws, after recording it on the subsegment
 * @example
 * const outcome = await traced(tracer, 'ChannelFlowCallback', () => send(), (o) => ({ duplicate: o.status !== 'sent' }));
 */
export function traced<T>(
  tracer: TracerLike | undefined,
  name: string,
  work: () => T | Promise<T>,
  annotate: (result: T) => TraceAnnotations,
): T | Promise<T> {
  const parent = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!tracer || !parent) return work();
  return inSubsegment(tracer, parent.addNewSubsegment(name), parent, work, annotate);
}

async function inSubsegment<T>(
  tracer: TracerLike,
  subsegment: TraceSubsegment,
  parent: TraceSegment,
  work: () => T | Promise<T>,
  annotate: (result: T) => TraceAnnotations,
): Promise<T> {
  tracer.setSegment(subsegment);
  try {
    const result = await work();
    for (const [key, value] of Object.entries(annotate(result)))
      if (value !== undefined) subsegment.addAnnotation(key, value);
    return result;
  } catch (error) {
    // Safely: what was thrown may be a Proxy whose prototype trap throws.
    if (isInstanceSafely(error, Error)) subsegment.addError(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}
