import type { MessageDetails } from '../api-types.js';
import { wordDiff } from './diff.js';
import { fill, h } from './dom.js';
import type { ChatMessage } from './model.js';

const ms = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} ms`);

/** What the details panel can ask the page to do for the selected message. */
export interface DetailsActions {
  canChange(message: ChatMessage): boolean;
  edit(message: ChatMessage, content: string): void;
  redact(message: ChatMessage): void;
}

function diffView(original: string, delivered: string): HTMLElement {
  const parts = wordDiff(original, delivered).map((part) =>
    part.kind === 'same'
      ? part.text
      : part.kind === 'removed'
        ? h('del', { title: 'removed by the processor' }, part.text)
        : h('ins', { title: 'added by the processor' }, part.text),
  );
  return h('p', { className: 'diff', 'aria-label': 'Difference' }, ...parts);
}

function json(title: string, value: unknown): HTMLElement {
  return h(
    'details',
    { className: 'raw' },
    h('summary', {}, title),
    h('pre', { tabindex: 0 }, value === undefined ? '(none)' : JSON.stringify(value, null, 2)),
  );
}

/**
 * Renders the selected message's details: original and delivered text with the difference marked,
 * decision, rule, latencies, log lines, the raw event and the callback input, and edit/redact.
 */
export function renderDetails(
  panel: HTMLElement,
  message: ChatMessage | undefined,
  details: MessageDetails | undefined,
  actions: DetailsActions,
): void {
  const body = panel.querySelector('.details-body')!;
  if (!message) {
    fill(body, h('p', { className: 'muted' }, 'Select a message to see how the flow handled it.'));
    return;
  }
  const status = message.status === 'PENDING' && details?.status === 'STUCK' ? 'STUCK' : message.status;
  const original = details?.original;
  const delivered = details?.delivered;
  const rows: Array<[string, string]> = [
    ['Status', status],
    ['Decision', details?.decision ?? '–'],
    ['Decided by', details?.decidedBy ?? (details?.decision === 'fallback' ? 'FallbackAction' : '–')],
    ['Rule', details?.rule ?? '–'],
    ['Processor latency', ms(details?.processorMs)],
    ['Callback latency', ms(details?.callbackMs)],
    ['Invocations', String(details?.attempts ?? 0)],
  ];
  if (details?.error) rows.push(['Error', details.error]);
  const change =
    original !== undefined
      ? h(
          'section',
          { className: 'texts', 'aria-label': 'Original and delivered text' },
          h('h3', {}, 'Original'),
          h('p', { className: 'text-block' }, original),
          h('h3', {}, 'Delivered'),
          h('p', { className: 'text-block' }, delivered ?? (status === 'DENIED' ? '(denied: not delivered)' : '–')),
          delivered !== undefined && delivered !== original ? h('h3', {}, 'Change') : null,
          delivered !== undefined && delivered !== original ? diffView(original, delivered) : null,
        )
      : h(
          'p',
          { className: 'muted' },
          'No flow pass recorded for this message (a channel without a flow, or sent before the console started).',
        );
  const editBox = h('input', { type: 'text', 'aria-label': 'Edit message', value: message.content });
  const changes = actions.canChange(message)
    ? h(
        'form',
        {
          className: 'edit',
          onsubmit: (event: Event) => {
            event.preventDefault();
            if (editBox.value.trim() !== '') actions.edit(message, editBox.value);
          },
        },
        editBox,
        h('button', { type: 'submit' }, 'Save edit'),
        h('button', { type: 'button', className: 'secondary', onclick: () => actions.redact(message) }, 'Redact'),
      )
    : null;
  const logs = details?.logs ?? [];
  fill(
    body,
    h('dl', { className: 'facts' }, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    change,
    changes,
    h('h3', {}, `Log lines (${logs.length})`),
    logs.length === 0
      ? h('p', { className: 'muted' }, 'The processor wrote nothing while handling this message.')
      : h('pre', { className: 'logs', tabindex: 0 }, logs.map((l) => l.line).join('\n')),
    json('Invocation event', details?.event),
    json('Callback input', details?.callbackInput),
  );
}
