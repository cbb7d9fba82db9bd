// One default event for the core tests (a copy per test: fixtures are never mutated in place).
import { readFileSync } from 'node:fs';
import type { ChannelFlowEvent } from '../../src/event/types.js';

const standard = JSON.parse(
  readFileSync(new URL('../fixtures/events/standard-message.json', import.meta.url), 'utf8'),
) as ChannelFlowEvent;

/** A fresh copy of the standard message event, as the service sends it. */
export const standardEvent = (): ChannelFlowEvent => structuredClone(standard);
