// What the console remembers about each pass, fed by the engine's hooks: the bounds that keep a console
// left open all day small, which log lines and callbacks are kept, and how failures are reported.
import { describe, expect, it } from '@jest/globals';
import { DetailsRecorder } from '../../src/console/details.js';
import { wordDiff } from '../../src/console/page/diff.js';
import type { ChannelFlowEvent } from '../../src/event/types.js';
import type { InvocationRecord, MessageOutcome } from '../../src/local/flow/types.js';

const CHANNEL = 'arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c';

const event = (callbackId: string, messageId = `m-${callbackId}`): ChannelFlowEvent => ({
  EventType: 'CHANNEL_MESSAGE_EVENT',
  CallbackId: callbackId,
  ChannelMessage: {
    MessageId: messageId,
    ChannelArn: CHANNEL,
    Content: 'hello',
    Sender: { Arn: `${CHANNEL}/user/alice`, Name: 'alice' },
    Persistence: 'PERSISTENT',
    Type: 'STANDARD',
    CreatedTimestamp: new Date(0).toISOString(),
  },
});

const run = (callbackId: string, fields: Partial<InvocationRecord> = {}): InvocationRecord => ({
  function: 'sample',
  messageId: `m-${callbackId}`,
  callbackId,
  attempt: 1,
  duplicate: false,
  durationMs: 3,
  ...fields,
});

const outcome = (callbackId: string, fields: Partial<MessageOutcome> = {}): MessageOutcome => ({
  channelArn: CHANNEL,
  messageId: `m-${callbackId}`,
  callbackId,
  isEdit: false,
  status: 'SENT',
  decision: 'noChange',
  latencyMs: 5,
  ...fields,
});

describe('DetailsRecorder bounds', () => {
  it('keeps the latest 5000 passes, and forgets the message ids of the dropped ones', () => {
    // Prepare
    const details = new DetailsRecorder(60_000);
    // Act
    for (let i = 0; i <= 5000; i++) details.invoked(event(`cb-${i}`));
    details.attribute(JSON.stringify({ message: 'late line', messageId: 'm-cb-0' }));
    details.attribute(JSON.stringify({ message: 'kept line', messageId: 'm-cb-1' }));
    // Assess
    const list = details.list();
    expect(list).toHaveLength(5000);
    expect(list[0]!.callbackId).toBe('cb-1');
    expect(details.get('cb-0')).toBeUndefined();
    expect(details.get('cb-1')!.logs.map((l) => JSON.parse(l.line).message)).toEqual(['kept line']);
  });

  it('keeps the message id of a dropped pass when a later pass of the same message holds it', () => {
    // Prepare: the first pass of message m-shared is the oldest, its edit is the newest.
    const details = new DetailsRecorder(60_000);
    details.invoked(event('first', 'm-shared'));
    for (let i = 0; i < 4999; i++) details.invoked(event(`cb-${i}`));
    // Act
    details.invoked(event('edit', 'm-shared'));
    details.attribute(JSON.stringify({ message: 'about the edit', messageId: 'm-shared' }));
    // Assess
    expect(details.get('first')).toBeUndefined();
    expect(details.get('edit')!.logs).toHaveLength(1);
  });

  it('keeps at most 200 log lines per pass', () => {
    // Prepare
    const details = new DetailsRecorder(60_000);
    details.invoked(event('cb'));
    // Act
    for (let i = 0; i < 250; i++) details.log('cb', `line ${i}`);
    details.log('unknown', 'nobody');
    // Assess
    const logs = details.get('cb')!.logs;
    expect(logs).toHaveLength(200);
    expect(logs.at(-1)!.line).toBe('line 199');
  });
});

describe('DetailsRecorder inputs', () => {
  it('ignores lines that only look like JSON logs, or name ids it does not know', () => {
    // Prepare
    const details = new DetailsRecorder(60_000);
    details.invoked(event('cb'));
    // Act
    details.attribute('{"callbackId": "cb", truncated');
    details.attribute(JSON.stringify({ callbackId: 'other', messageId: 42 }));
    details.attribute(JSON.stringify({ CallbackId: 'cb', message: 'by the SDK spelling' }));
    // Assess
    expect(details.get('cb')!.logs.map((l) => JSON.parse(l.line).message)).toEqual(['by the SDK spelling']);
  });

  it('records a failed run with its error, and the summary of the first good run only', () => {
    // Prepare
    const details = new DetailsRecorder(60_000);
    details.invoked(event('cb'));
    const changes: string[] = [];
    details.subscribe((d) => changes.push(`${d.attempts}:${d.error ?? '-'}`));
    // Act
    details.ran(run('unknown'));
    details.ran(run('cb', { error: 'Task timed out' }));
    details.ran(run('cb', { result: { decidedBy: 'policy', rule: 'pii', error: 'CallbackFailed' } }));
    details.ran(run('cb', { duplicate: true, result: { decidedBy: 'processor', rule: 'other' } }));
    // Assess
    expect(changes).toEqual(['1:Task timed out', '2:CallbackFailed', '3:CallbackFailed']);
    expect(details.get('cb')).toMatchObject({ attempts: 3, decidedBy: 'policy', rule: 'pii', processorMs: 3 });
  });

  it('keeps the first callback input of a pass and ignores callbacks it cannot place', () => {
    // Prepare
    const details = new DetailsRecorder(60_000);
    details.invoked(event('cb'));
    // Act
    details.callback({ CallbackId: 'cb', ChannelMessage: { Content: 'first' } });
    details.callback({ CallbackId: 'cb', ChannelMessage: { Content: 'retry' } });
    details.callback({ CallbackId: 42 });
    details.callback({ CallbackId: 'unknown' });
    // Assess
    expect(details.get('cb')!.callbackInput).toEqual({ CallbackId: 'cb', ChannelMessage: { Content: 'first' } });
    expect(details.list()).toHaveLength(1);
  });

  it('reports why the fallback applied, unless a run already named an error', () => {
    // Prepare
    const details = new DetailsRecorder(60_000);
    details.invoked(event('quiet'));
    details.invoked(event('crashed'));
    details.ran(run('crashed', { error: 'Runtime.ExitError' }));
    // Act
    const fallback = { status: 'FAILED', decision: 'fallback', reason: 'invocation-failure' } as const;
    details.outcome(outcome('quiet', fallback));
    details.outcome(outcome('crashed', fallback));
    details.outcome(outcome('never-invoked', { status: 'DENIED', decision: 'deny' }));
    // Assess
    expect(details.get('quiet')).toMatchObject({ status: 'FAILED', decision: 'fallback', error: 'invocation-failure' });
    expect(details.get('crashed')!.error).toBe('Runtime.ExitError');
    const denied = details.get('never-invoked')!;
    expect(denied.status).toBe('DENIED');
    expect('error' in denied || 'event' in denied).toBe(false);
  });
});

describe('word diff tails', () => {
  it('marks words only the delivered text has at its end as added', () => {
    expect(wordDiff('see you', 'see you [link removed]')).toEqual([
      { kind: 'same', text: 'see you' },
      { kind: 'added', text: ' [link removed]' },
    ]);
  });

  it('marks words cut from the end of the original as removed', () => {
    expect(wordDiff('call me at 555 0100', 'call me')).toEqual([
      { kind: 'same', text: 'call me' },
      { kind: 'removed', text: ' at 555 0100' },
    ]);
  });
});
