import type { ChannelFlowEvent } from '../../event/types.js';
import type { MessageRecord } from '../state/types.js';
import type { InvocationRecord, MessageOutcome, ProcessorInvocationFailureEvent } from './types.js';

/**
 * A message's lifecycle, as a messaging session would see it: `pending` (held by a flow), `sent` (a new
 * message the channel sees), `updated` (an edit the channel sees), `denied`, `failed` (FallbackAction
 * ABORT), `deleted` (removed from the channel). `isEdit` tells a new message from an edit.
 */
export type MessageEventType = 'pending' | 'sent' | 'updated' | 'denied' | 'failed' | 'deleted';

/** One lifecycle step of a message; `message` is the live record (read it, do not change it). */
export interface MessageLifecycleEvent {
  type: MessageEventType;
  message: MessageRecord;
  isEdit: boolean;
  /** How a PENDING version ended (for sent, updated, denied and failed after a flow). */
  outcome?: MessageOutcome;
}

/** Every event the engine emits, by name. */
export interface FlowEventMap {
  message: MessageLifecycleEvent;
  /** A PENDING version ended (SENT, DENIED or FAILED). */
  outcome: MessageOutcome;
  /** A processor was invoked with this event (first delivery). */
  invoked: ChannelFlowEvent;
  /** One handler run ended (attempts and duplicate deliveries each get one). */
  invocation: InvocationRecord;
  invocationFailure: ProcessorInvocationFailureEvent;
}

/**
 * The engine's event bus: typed, synchronous, and safe against listeners that throw (reported to
 * `onListenerError`, never to the emitter).
 *
 * @example
 * const stop = engine.events.on('message', ({ type, message }) => console.log(type, message.MessageId));
 * stop();
 */
export class FlowEvents {
  private readonly listeners = new Map<keyof FlowEventMap, Set<(event: never) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /**
   * Subscribes to one event type.
   *
   * @param type - the event name
   * @param listener - called synchronously with each event
   * @returns the function that unsubscribes
   * @example
   * engine.events.on('outcome', (outcome) => console.log(outcome.status));
   */
  on<K extends keyof FlowEventMap>(type: K, listener: (event: FlowEventMap[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  /** True when someone listens (callers skip building events nobody reads). */
  has(type: keyof FlowEventMap): boolean {
    return (this.listeners.get(type)?.size ?? 0) > 0;
  }

  emit<K extends keyof FlowEventMap>(type: K, event: FlowEventMap[K]): void {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (event: FlowEventMap[K]) => void)(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
