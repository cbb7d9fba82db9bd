// The console page: boots from the emulator's state, streams flow details, and switches views.
import './style.css';
import type { MessageDetails } from '../api-types.js';
import { api } from './api.js';
import { ConversationView } from './conversation.js';
import { h } from './dom.js';
import { createLab } from './lab.js';
import { DetailsBook } from './model.js';
import { renderSummary } from './summary.js';

type ViewName = 'conversation' | 'summary' | 'lab';

async function boot(): Promise<void> {
  // Something readable at once; the views replace it when the emulator's state arrives.
  document.body.replaceChildren(
    h('header', { className: 'top' }, h('h1', {}, 'Channel flow console')),
    h('main', {}, h('p', { className: 'muted', role: 'status' }, 'Loading channels and users…')),
  );
  const state = await api.state();
  const details = new DetailsBook();
  const conversation = new ConversationView(state, details);
  const summary = h('section', { className: 'summary', 'aria-label': 'Summary' });
  const lab = createLab(state.processors);
  const views: Record<ViewName, HTMLElement> = { conversation: conversation.element, summary, lab };
  const channels = new Set(state.channels.map((c) => c.channelArn));
  let current: ViewName = 'conversation';

  const tabs = (Object.keys(views) as ViewName[]).map((name) =>
    h(
      'button',
      {
        type: 'button',
        className: 'tab',
        'aria-pressed': String(name === current),
        'data-view': name,
        onclick: () => show(name),
      },
      name === 'lab' ? 'Policy lab' : name[0]!.toUpperCase() + name.slice(1),
    ),
  );
  const refreshSummary = () =>
    renderSummary(
      summary,
      details.all().filter((pass: MessageDetails) => channels.has(pass.channelArn)),
    );
  function show(name: ViewName): void {
    current = name;
    for (const tab of tabs) tab.setAttribute('aria-pressed', String(tab.dataset.view === name));
    for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
    if (name === 'summary') refreshSummary();
  }

  document.body.replaceChildren(
    h(
      'header',
      { className: 'top' },
      h('h1', {}, 'Channel flow console'),
      h('nav', { 'aria-label': 'Views' }, ...tabs),
      h('span', { className: 'muted small' }, location.host),
    ),
    h('main', {}, conversation.element, summary, lab),
  );
  show('conversation');
  conversation.focus();
  // For the benchmark: first render of the whole page, from navigation start.
  performance.mark('console-rendered');

  // Details come as server-sent events: a snapshot, then every change.
  const events = new EventSource(api.eventsUrl());
  let queued = false;
  const changed = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      conversation.render();
      if (current === 'summary') refreshSummary();
    });
  };
  events.addEventListener('snapshot', (event) => {
    for (const pass of JSON.parse((event as MessageEvent<string>).data) as MessageDetails[]) details.put(pass);
    changed();
  });
  events.addEventListener('details', (event) => {
    details.put(JSON.parse((event as MessageEvent<string>).data) as MessageDetails);
    changed();
  });
}

void boot().catch((error: unknown) => {
  document.body.replaceChildren(
    h('p', { className: 'error', role: 'alert' }, `The console could not start: ${(error as Error).message}`),
  );
});
