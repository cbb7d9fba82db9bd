import type { LabResult } from '../api-types.js';
import { api } from './api.js';
import { fill, h } from './dom.js';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * The policy lab: paste lines or drop a `.txt` / `.jsonl` file of `{"text","flag"}`, pick a
 * processor, Run. Every line takes the real flow path; the table shows what it became.
 */
export function createLab(processors: string[]): HTMLElement {
  const input = h('textarea', { id: 'lab-input', rows: 8, spellcheck: 'false' });
  const file = h('input', { id: 'lab-file', type: 'file', accept: '.txt,.jsonl,text/plain,application/jsonl' });
  const select = h('select', { id: 'lab-processor' }, ...processors.map((name) => h('option', { value: name }, name)));
  const run = h('button', { type: 'submit' }, 'Run');
  const status = h('p', { className: 'muted', role: 'status' });
  const results = h('div', { className: 'lab-results' });

  const load = async (picked: File | undefined) => {
    if (!picked) return;
    input.value = await picked.text();
    status.textContent = `Loaded ${picked.name}`;
  };
  file.addEventListener('change', () => void load(file.files?.[0]));
  input.addEventListener('dragover', (event) => event.preventDefault());
  input.addEventListener('drop', (event) => {
    event.preventDefault();
    void load(event.dataTransfer?.files[0]);
  });

  const form = h(
    'form',
    {
      className: 'lab-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!input.value.trim()) return;
        run.disabled = true;
        status.textContent = 'Running every line through the flow…';
        try {
          const result = await api.lab(select.value, input.value);
          status.textContent = `${result.rows.length} lines through ${result.processor}`;
          renderResult(results, result);
        } catch (error) {
          status.textContent = (error as Error).message;
        } finally {
          run.disabled = false;
        }
      },
    },
    h('label', { for: 'lab-input' }, 'Messages, one per line (or JSON Lines: {"text": "…", "flag": true})'),
    input,
    h('div', { className: 'row' }, h('label', { for: 'lab-file' }, 'Or load a .txt or .jsonl file'), file),
    h('div', { className: 'row' }, h('label', { for: 'lab-processor' }, 'Processor'), select, run),
    status,
  );
  return h('section', { className: 'lab', 'aria-label': 'Policy lab' }, h('h2', {}, 'Policy lab'), form, results);
}

function renderResult(target: HTMLElement, result: LabResult): void {
  const m = result.metrics;
  const metrics = m
    ? h(
        'div',
        { className: 'metrics' },
        h(
          'dl',
          { className: 'tiles' },
          h('div', { className: 'tile' }, h('dt', {}, 'Precision'), h('dd', {}, pct(m.precision))),
          h('div', { className: 'tile' }, h('dt', {}, 'Recall'), h('dd', {}, pct(m.recall))),
          h('div', { className: 'tile' }, h('dt', {}, 'Misclassified'), h('dd', {}, String(m.fp + m.fn))),
        ),
        h(
          'table',
          { className: 'confusion' },
          h('caption', {}, 'Confusion matrix'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('td', {}),
              h('th', { scope: 'col' }, 'Flagged by processor'),
              h('th', { scope: 'col' }, 'Passed unchanged'),
            ),
          ),
          h(
            'tbody',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, 'Labelled flag: true'),
              h('td', {}, `${m.tp} (TP)`),
              h('td', {}, `${m.fn} (FN)`),
            ),
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, 'Labelled flag: false'),
              h('td', {}, `${m.fp} (FP)`),
              h('td', {}, `${m.tn} (TN)`),
            ),
          ),
        ),
      )
    : null;
  const table = h(
    'table',
    { className: 'lab-table' },
    h('caption', {}, m ? 'Results, misclassified first' : 'Results'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Message', 'Label', 'Outcome', 'Delivered', 'Rule', 'Latency'].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      ...result.rows.map((row) =>
        h(
          'tr',
          { className: row.misclassified ? 'misclassified' : '' },
          h('td', {}, row.text),
          h(
            'td',
            {},
            row.flag === undefined ? '–' : row.flag ? 'flag' : 'ok',
            row.misclassified ? h('span', { className: 'tag' }, 'misclassified') : null,
          ),
          h('td', {}, h('span', { className: `status status-${row.status}` }, row.status)),
          h('td', {}, row.delivered ?? '–'),
          h('td', {}, row.rule ?? row.decision ?? '–'),
          h('td', { className: 'num' }, row.latencyMs === undefined ? '–' : `${row.latencyMs} ms`),
        ),
      ),
    ),
  );
  fill(target, metrics, table);
}
