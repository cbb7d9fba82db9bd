import type { ConsoleChannel, ConsoleState, ConsoleUser } from '../api-types.js';
import { api } from './api.js';
import { renderDetails } from './details-panel.js';
import { fill, h } from './dom.js';
import { Conversation, type DetailsBook } from './model.js';
import type { ChatMessage } from './model.js';
import { messageRow } from './message-row.js';
import { MessagingSession } from './session.js';
import type { SessionState } from './session.js';

/**
 * The conversation view: channels, the sender, the live list as the sender's session receives
 * it, the composer (Enter sends) and the details of the selected message.
 */
export class ConversationView {
  readonly element: HTMLElement;
  private channel: ConsoleChannel | undefined;
  private user: ConsoleUser | undefined;
  private session: MessagingSession | undefined;
  private conversation = new Conversation();
  private selected: string | undefined;
  private panelKey: string | undefined;
  private readonly channelList = h('ul', { className: 'channels', 'aria-label': 'Channels' });
  private readonly userSelect = h('select', { id: 'sender' });
  private readonly sessionLine = h('p', { className: 'muted', role: 'status' });
  private readonly title = h('h2', { id: 'channel-title' }, 'Conversation');
  private readonly subtitle = h('p', { className: 'muted' });
  private readonly list = h('ul', { className: 'messages', 'aria-label': 'Conversation' });
  private readonly input = h('input', { type: 'text', 'aria-label': 'Message', autocomplete: 'off', maxlength: 4096 });
  private readonly error = h('p', { className: 'error', role: 'alert' });
  private readonly panel = h(
    'aside',
    { className: 'details', 'aria-labelledby': 'details-title' },
    h('h2', { id: 'details-title' }, 'Details'),
    h('div', { className: 'details-body' }),
  );

  constructor(
    private state: ConsoleState,
    private readonly details: DetailsBook,
  ) {
    const newUser = h('input', { type: 'text', 'aria-label': 'New user name', placeholder: 'name', maxlength: 50 });
    this.userSelect.addEventListener('change', () => this.pickUser(this.userSelect.value));
    this.element = h(
      'section',
      { className: 'conversation', 'aria-label': 'Conversation view' },
      h(
        'div',
        { className: 'sidebar' },
        h('h2', {}, 'Channels'),
        this.channelList,
        h('label', { for: 'sender' }, 'Sender'),
        this.userSelect,
        h(
          'form',
          {
            className: 'add-user',
            onsubmit: (event: Event) => {
              event.preventDefault();
              const name = newUser.value.trim();
              if (name) void this.addUser(name).then(() => (newUser.value = ''));
            },
          },
          newUser,
          h('button', { type: 'submit', className: 'secondary' }, 'Add user'),
        ),
        this.sessionLine,
      ),
      h(
        'div',
        { className: 'chat' },
        h('div', { className: 'chat-head' }, this.title, this.subtitle),
        this.list,
        h(
          'form',
          {
            className: 'composer',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void this.send();
            },
          },
          this.input,
          h('button', { type: 'submit' }, 'Send'),
        ),
        this.error,
      ),
      this.panel,
    );
    this.renderChannels();
    this.renderUsers();
    const first = state.channels.find((c) => c.processor === 'sample') ?? state.channels[0];
    if (first) this.pickChannel(first.channelArn);
    if (state.users[0]) this.pickUser(state.users[0].arn);
    this.render();
  }

  private renderChannels(): void {
    fill(
      this.channelList,
      ...this.state.channels.map((channel) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              className: 'channel',
              'aria-pressed': String(channel.channelArn === this.channel?.channelArn),
              onclick: () => this.pickChannel(channel.channelArn),
            },
            h('span', { className: 'channel-name' }, channel.name),
            h(
              'span',
              { className: 'muted small' },
              channel.processor ? `${channel.processor} · ${channel.fallbackAction}` : 'no flow',
            ),
          ),
        ),
      ),
    );
  }

  private renderUsers(): void {
    fill(
      this.userSelect,
      ...this.state.users.map((u) => h('option', { value: u.arn, selected: u.arn === this.user?.arn }, u.name)),
    );
  }

  private pickChannel(channelArn: string): void {
    this.channel = this.state.channels.find((c) => c.channelArn === channelArn);
    this.selected = undefined;
    this.title.textContent = this.channel?.name ?? 'Conversation';
    this.subtitle.textContent = this.channel?.processor
      ? `Channel flow ${this.channel.flowName} runs processor ${this.channel.processor} (FallbackAction ${this.channel.fallbackAction})`
      : 'No channel flow: messages are delivered at once';
    this.renderChannels();
    this.render();
  }

  private pickUser(userArn: string): void {
    this.user = this.state.users.find((u) => u.arn === userArn);
    this.session?.close();
    this.conversation = new Conversation();
    this.rows.clear();
    this.selected = undefined;
    this.renderUsers();
    this.render();
    if (!this.user) return;
    const name = this.user.name;
    this.session = new MessagingSession(
      userArn,
      (frame) => this.conversation.apply(frame) && this.scheduleRender(),
      (state: SessionState) => {
        this.sessionLine.textContent =
          state === 'connected'
            ? `Session open as ${name}`
            : state === 'connecting'
              ? `Connecting as ${name}…`
              : 'Session closed; reconnecting…';
      },
    );
    void this.session.connect();
  }

  private async addUser(name: string): Promise<void> {
    try {
      const user = await api.addUser(name);
      this.state = await api.state();
      this.renderUsers();
      this.pickUser(user.arn);
    } catch (error) {
      this.error.textContent = (error as Error).message;
    }
  }

  private async send(): Promise<void> {
    const content = this.input.value;
    if (!content.trim() || !this.channel || !this.user) return;
    this.error.textContent = '';
    try {
      await api.send(this.channel.channelArn, this.user.arn, content);
      this.input.value = '';
    } catch (error) {
      this.error.textContent = (error as Error).message;
    }
  }

  private renderQueued = false;

  /** Coalesces bursts of frames into one redraw per animation frame. */
  scheduleRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  /** Re-renders the list and the details panel (called on frames and on details updates). */
  render(): void {
    // Re-rendering replaces nodes: keep keyboard focus on the same message.
    const active = document.activeElement;
    const focusedId =
      active instanceof HTMLElement && this.list.contains(active) ? active.closest('li')?.dataset.messageId : undefined;
    const messages = this.channel ? this.conversation.of(this.channel.channelArn) : [];
    // Keyed update: only items whose shown state changed are rebuilt (1,000 messages stay cheap).
    const rows = messages.map((message) => this.row(message));
    const keep = new Set(rows);
    for (const child of [...this.list.children]) if (!keep.has(child as HTMLLIElement)) child.remove();
    rows.forEach((li, index) => {
      if (this.list.children[index] !== li) this.list.insertBefore(li, this.list.children[index] ?? null);
    });
    if (messages.length === 0)
      this.list.appendChild(h('li', { className: 'empty muted' }, 'No messages yet. Type one below and press Enter.'));
    if (focusedId)
      this.list.querySelector<HTMLElement>(`li[data-message-id="${CSS.escape(focusedId)}"] button`)?.focus();
    const selected = this.selected ? this.conversation.messages.get(this.selected) : undefined;
    const details = selected && this.details.of(selected.messageId);
    // The panel is redrawn only when what it shows changed, keeping open sections, focus and a half-typed edit.
    const key = JSON.stringify([selected, details, this.user?.arn]);
    if (key === this.panelKey) return;
    const sameMessage = this.panelKey !== undefined && JSON.parse(this.panelKey)[0]?.messageId === selected?.messageId;
    this.panelKey = key;
    const open = new Set([...this.panel.querySelectorAll('details[open] summary')].map((s) => s.textContent));
    const focused = active instanceof HTMLElement && this.panel.contains(active) ? focusKey(active) : undefined;
    const draft = this.panel.querySelector<HTMLInputElement>('.edit input')?.value;
    renderDetails(this.panel, selected, details, {
      canChange: (message) => message.senderArn === this.user?.arn && message.status === 'SENT' && !message.redacted,
      edit: (message, content) =>
        void this.change(() => api.edit(message.channelArn, this.user!.arn, message.messageId, content)),
      redact: (message) => void this.change(() => api.redact(message.channelArn, this.user!.arn, message.messageId)),
    });
    if (!sameMessage) return;
    for (const summary of this.panel.querySelectorAll('details summary'))
      if (open.has(summary.textContent)) summary.parentElement!.setAttribute('open', '');
    const edit = this.panel.querySelector<HTMLInputElement>('.edit input');
    if (edit && draft !== undefined && focused?.startsWith('INPUT')) edit.value = draft;
    if (focused)
      [...this.panel.querySelectorAll<HTMLElement>('button, input, summary, pre')]
        .find((el) => focusKey(el) === focused)
        ?.focus();
  }

  private readonly rows = new Map<string, { li: HTMLLIElement; shown: string }>();

  /** The list item of one message, rebuilt only when what it shows changed. */
  private row(message: ChatMessage): HTMLLIElement {
    const details = this.details.of(message.messageId);
    const view = {
      message,
      status: message.status === 'PENDING' && details?.status === 'STUCK' ? ('STUCK' as const) : message.status,
      mine: message.senderArn === this.user?.arn,
      selected: message.messageId === this.selected,
    };
    const shown = JSON.stringify(view);
    const cached = this.rows.get(message.messageId);
    if (cached?.shown === shown) return cached.li;
    const li = messageRow(view, () => {
      this.selected = message.messageId;
      this.render();
    });
    this.rows.set(message.messageId, { li, shown });
    return li;
  }

  private async change(action: () => Promise<unknown>): Promise<void> {
    this.error.textContent = '';
    try {
      await action();
    } catch (error) {
      this.error.textContent = (error as Error).message;
    }
  }

  focus(): void {
    this.input.focus();
  }
}

/** Identifies a focusable element across a redraw of the details panel. */
const focusKey = (element: HTMLElement): string =>
  `${element.tagName}:${element.getAttribute('aria-label') ?? element.textContent?.slice(0, 40) ?? ''}`;
