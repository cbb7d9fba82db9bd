import type { ConsoleStatus, MessageDetails } from '../api-types.js';
import { stackedBars } from './charts.js';
import { fill, h } from './dom.js';

const OUTCOMES: ConsoleStatus[] = ['SENT', 'DENIED', 'FAILED', 'PENDING', 'STUCK'];
const LATENCY_BINS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, Infinity];

/** The q-quantile (nearest rank) of sorted numbers. */
function quantile(sorted: number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * The summary view: counts by outcome (stuck included), p50/p99 processor latency, outcomes
 * over time and a latency histogram, for the console's channels.
 */
export function renderSummary(section: HTMLElement, passes: MessageDetails[]): void {
  const counts = Object.fromEntries(OUTCOMES.map((status) => [status, 0])) as Record<ConsoleStatus, number>;
  for (const pass of passes) counts[pass.status]++;
  const latencies = passes
    .map((pass) => pass.processorMs)
    .filter((value): value is number => value !== undefined)
    .sort((a, b) => a - b);
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);

  // Outcomes over time: up to 20 equal buckets from the first pass to now.
  const start = Math.min(...passes.map((pass) => pass.startedAt), Date.now());
  const span = Math.max(1000, Date.now() - start);
  const bucketMs = Math.ceil(span / 20 / 1000) * 1000;
  const buckets = Math.max(1, Math.ceil(span / bucketMs));
  const overTime = Array.from({ length: buckets }, (_, index) => ({
    label: `${Math.round((index * bucketMs) / 1000)}s`,
    values: OUTCOMES.map(() => 0),
  }));
  for (const pass of passes) {
    const index = Math.min(buckets - 1, Math.floor((pass.startedAt - start) / bucketMs));
    overTime[index]!.values[OUTCOMES.indexOf(pass.status)]!++;
  }
  const histogram = LATENCY_BINS.map((upper, index) => ({
    label: upper === Infinity ? `>${LATENCY_BINS[index - 1]}` : `≤${upper}`,
    values: [0],
  }));
  for (const value of latencies) histogram[LATENCY_BINS.findIndex((upper) => value <= upper)]!.values[0]!++;

  const fmt = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} ms`);
  fill(
    section,
    h('h2', {}, 'Summary'),
    h(
      'dl',
      { className: 'tiles' },
      ...OUTCOMES.flatMap((status) => [
        h('div', { className: `tile status-${status}` }, h('dt', {}, status), h('dd', {}, String(counts[status]))),
      ]),
      h('div', { className: 'tile' }, h('dt', {}, 'p50 processor'), h('dd', {}, fmt(p50))),
      h('div', { className: 'tile' }, h('dt', {}, 'p99 processor'), h('dd', {}, fmt(p99))),
    ),
    h(
      'div',
      { className: 'charts' },
      stackedBars('Outcomes over time', OUTCOMES, overTime),
      stackedBars('Processor latency (ms)', ['latency'], histogram),
    ),
    h(
      'p',
      { className: 'muted' },
      `${passes.length} passes through the flow (new messages and edits) in the console's channels.`,
    ),
  );
}
