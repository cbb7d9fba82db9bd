import type { ConsoleState, ConsoleUser, LabResult } from '../api-types.js';

const token = document.querySelector<HTMLMetaElement>('meta[name="console-token"]')?.content ?? '';

/** The console API answered with an error; its text is safe to show. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const response = await fetch(`/console/api/${route}`, {
    method,
    headers: { 'x-console-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const value = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new ApiError(response.status, value.error ?? `HTTP ${response.status}`);
  return value;
}

export const api = {
  state: () => call<ConsoleState>('GET', 'state'),
  session: (user: string) => call<{ url: string }>('GET', `session?user=${encodeURIComponent(user)}`),
  addUser: (name: string) => call<ConsoleUser>('POST', 'users', { name }),
  send: (channelArn: string, userArn: string, content: string) =>
    call<{ messageId: string }>('POST', 'send', { channelArn, userArn, content }),
  edit: (channelArn: string, userArn: string, messageId: string, content: string) =>
    call<object>('POST', 'edit', { channelArn, userArn, messageId, content }),
  redact: (channelArn: string, userArn: string, messageId: string) =>
    call<object>('POST', 'redact', { channelArn, userArn, messageId }),
  lab: (processor: string, input: string) => call<LabResult>('POST', 'lab', { processor, input }),
  eventsUrl: () => `/console/api/events?token=${encodeURIComponent(token)}`,
};
