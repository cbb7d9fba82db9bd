// Exactly-once effects with Powertools Idempotency on a real DynamoDB-compatible server (dynalite over HTTP),
// Logger and Metrics, for channelFlowProcessor and for a plain channelFlowCallback() chain.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowEvent, lambdaContext } from 'chime-channel-flow/testing';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { channelFlowProcessor, noChange } from 'chime-channel-flow';
import { capturingLogger, mockedChime } from '../core/harness.js';
import { CHAINS, captureStdout, compose } from './composition.js';
import { IDEMPOTENCY_TABLE, startDynalite, type Dynalite } from './dynalite.js';

// A marker that must never reach a log line or a metric.
const SECRET = 'my card is 4111 1111 1111 1111, call Jane Doe';

// As in Lambda: Powertools counts cold starts only for on-demand initialisation.
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';

let db: Dynalite;
let stdout: ReturnType<typeof captureStdout>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());
afterEach(() => stdout?.restore());

const records = async () => (await db.client.send(new ScanCommand({ TableName: IDEMPOTENCY_TABLE }))).Items ?? [];
const context = (requestId: string) => lambdaContext({ functionName: 'moderator-fn', requestId });
const duplicateLines = () =>
  stdout.logs().filter((line) => typeof line.message === 'string' && /^Duplicate delivery/.test(line.message));
const policyLines = () =>
  stdout.logs().filter((line) => typeof line.message === 'string' && /error policy|returned early/.test(line.message));

describe.each(CHAINS)('Powertools composition: %s', (chain) => {
  it('sends one callback and runs the side effect once when the same delivery arrives twice', async () => {
    // Prepare
    const { client, mock } = mockedChime();
    const flow = compose(chain, db, client);
    const event = channelFlowEvent({ Content: SECRET });
    stdout = captureStdout();
    // Act
    const first = await flow.handler(structuredClone(event), context('req-first'));
    const second = await flow.handler(structuredClone(event), context('req-second'));
    // Assess
    expect(mock.commandCalls(ChannelFlowCallbackCommand)).toHaveLength(1);
    expect(flow.sideEffects()).toBe(1);
    expect(first).toMatchObject({ callbackId: event.CallbackId, action: 'update', duplicate: false });
    expect(second).toEqual(first);
    const duplicates = duplicateLines();
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ callbackId: event.CallbackId, function_request_id: 'req-second' });
    expect(policyLines()).toEqual([]);
    expect(stdout.text()).not.toContain(SECRET);
    expect(stdout.text()).not.toContain(SECRET.toUpperCase());
  });

  it('lets one of two concurrent deliveries answer; the other meets the in-progress record and sends nothing', async () => {
    // Prepare
    const { client, mock } = mockedChime();
    const flow = compose(chain, db, client, { gate: true });
    const event = channelFlowEvent({ Content: SECRET });
    stdout = captureStdout();
    // Act: the first holds the record in progress while the second arrives.
    const first = flow.handler(structuredClone(event), context('req-a'));
    await waitFor(async () => (await records()).some((item) => item.status?.S === 'INPROGRESS'));
    const second = flow.handler(structuredClone(event), context('req-b'));
    const secondOutcome = await second.then(
      () => 'resolved',
      (error: Error) => error.name,
    );
    // The failed copy must leave the first one's record alone (Powertools' onError would delete it).
    const stillInProgress = (await records()).some((item) => item.status?.S === 'INPROGRESS');
    flow.release();
    await first;
    // Assess
    expect(secondOutcome).toBe('IdempotencyAlreadyInProgressError');
    expect(stillInProgress).toBe(true);
    expect(mock.commandCalls(ChannelFlowCallbackCommand)).toHaveLength(1);
    expect(flow.sideEffects()).toBe(1);
    const duplicates = duplicateLines();
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.message).toMatch(/in progress/);
    expect(policyLines()).toEqual([]);
  });

  it('releases the record when the processor throws, so a redelivery runs it and answers', async () => {
    // Prepare
    const { client, mock } = mockedChime();
    const flow = compose(chain, db, client, { throwOnce: true, onError: 'rethrow' });
    const event = channelFlowEvent({ Content: SECRET });
    stdout = captureStdout();
    const recordsBefore = (await records()).length;
    // Act
    await expect(flow.handler(structuredClone(event), context('req-1'))).rejects.toThrow('downstream unavailable');
    const recordsAfterFailure = (await records()).length;
    const retried = await flow.handler(structuredClone(event), context('req-2'));
    // Assess
    expect(recordsAfterFailure).toBe(recordsBefore);
    expect((await records()).length).toBe(recordsBefore + 1);
    expect(retried).toMatchObject({ action: 'update', duplicate: false });
    expect(mock.commandCalls(ChannelFlowCallbackCommand)).toHaveLength(1);
    expect(flow.sideEffects()).toBe(1);
    expect(stdout.text()).not.toContain(SECRET);
  });

  it('flushes one EMF blob per invocation with both the processor’s and the package’s metrics, plus the cold start', async () => {
    // Prepare
    const { client } = mockedChime();
    const flow = compose(chain, db, client);
    const events = [channelFlowEvent(), channelFlowEvent()];
    stdout = captureStdout();
    // Act
    for (const [index, event] of events.entries()) await flow.handler(event, context(`req-${index}`));
    // Assess
    const blobs = stdout.blobs();
    const invocationBlobs = blobs.filter((blob) => 'ProcessingLatency' in blob);
    expect(invocationBlobs).toHaveLength(2);
    for (const blob of invocationBlobs) {
      expect(blob).toMatchObject({ TicketsCreated: 1, Updated: 1, Denied: 0, Duplicates: 0, service: 'moderator' });
      expect(JSON.stringify(blob._aws)).toContain('"Namespace":"ChatModeration"');
    }
    expect(blobs.filter((blob) => 'ColdStart' in blob)).toHaveLength(1);
    expect(blobs).toHaveLength(3);
  });

  it('writes log lines with the Lambda context fields and the CallbackId as correlation id, and no content', async () => {
    // Prepare
    const { client } = mockedChime();
    const flow = compose(chain, db, client);
    const event = channelFlowEvent({ Content: SECRET });
    stdout = captureStdout();
    // Act
    await flow.handler(event, context('req-logged'));
    // Assess
    const sent = stdout.logs().find((line) => line.message === 'ChannelFlowCallback sent');
    expect(sent).toMatchObject({
      level: 'INFO',
      service: 'moderator',
      function_name: 'moderator-fn',
      function_request_id: 'req-logged',
      cold_start: expect.any(Boolean),
      correlation_id: event.CallbackId,
      messageId: event.ChannelMessage.MessageId,
      callbackId: event.CallbackId,
      action: 'update',
    });
    expect(stdout.text()).not.toContain(SECRET);
    expect(stdout.text()).not.toContain('Alice');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a side effect keyed on the MessageId (the recipe for edits)', () => {
  it('answers the original and its edit, and runs the side effect once for both', async () => {
    // Prepare
    const { client, mock } = mockedChime();
    let tickets = 0;
    const ticketConfig = new IdempotencyConfig({ eventKeyJmesPath: 'MessageId' });
    const openTicket = makeIdempotent(
      async (_message: { MessageId: string }) => {
        tickets += 1;
        return { ticket: tickets };
      },
      {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName: IDEMPOTENCY_TABLE, awsSdkV3Client: db.client }),
        config: ticketConfig,
      },
    );
    const handler = channelFlowProcessor(
      async (message, { context: lambda }) => {
        ticketConfig.registerLambdaContext(lambda); // the record expires with the invocation if it dies
        await openTicket(message);
        return noChange();
      },
      { client, logger: capturingLogger() },
    );
    const original = channelFlowEvent({ Content: '!ticket printer on fire' });
    const edit = channelFlowEvent({ ...original.ChannelMessage, Content: '!ticket printer still on fire' });
    stdout = captureStdout();
    // Act
    await handler(original, context('req-original'));
    await handler(edit, context('req-edit'));
    // Assess
    expect(edit.CallbackId).not.toBe(original.CallbackId);
    expect(mock.commandCalls(ChannelFlowCallbackCommand).map((call) => call.args[0].input.CallbackId)).toEqual([
      original.CallbackId,
      edit.CallbackId,
    ]);
    expect(tickets).toBe(1);
  });
});
