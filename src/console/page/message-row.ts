import type { ConsoleStatus } from '../api-types.js';
import { h } from './dom.js';
import type { ChatMessage } from './model.js';

/** What one item of the conversation shows. */
export interface MessageView {
  message: ChatMessage;
  status: ConsoleStatus;
  mine: boolean;
  selected: boolean;
}

/**
 * One item of the conversation list: a button (so Tab and Enter reach it) holding the sender, the
 * text as delivered, the status word and tags; pressing it selects the message.
 */
export function messageRow(view: MessageView, select: () => void): HTMLLIElement {
  const { message, status } = view;
  return h(
    'li',
    { className: `message ${view.mine ? 'mine' : ''}`, 'data-status': status, 'data-message-id': message.messageId },
    h(
      'button',
      { type: 'button', className: 'message-button', 'aria-pressed': String(view.selected), onclick: select },
      h('span', { className: 'sender' }, message.senderName),
      h('span', { className: 'text' }, message.redacted ? '(redacted)' : message.content),
      h('span', { className: `status status-${status}` }, status),
      message.edited ? h('span', { className: 'tag' }, 'edited') : null,
      message.note ? h('span', { className: 'tag' }, message.note) : null,
    ),
  );
}
