// The console's JSON API over real HTTP on 127.0.0.1, as the page calls it (token header, the page's Origin):
// state, users, send/edit/redact, sessions, the live stream, the lab, and every refusal a caller can meet.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChannelFlowCallbackCommand,
  CreateChannelCommand,
  ListChannelMembershipsCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ConsoleState, LabResult, MessageDetails } from '../../src/console/api-types.js';
import type { ChannelFlowEvent } from '../../src/event/types.js';
import { silentLogger } from '../../src/logging/logger.js';
import { sampleHandler } from '../../src/local/sample-processor.js';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { clientFor } from '../local/helpers.js';
import { type Answer, call } from './http.js';

/** Reads server-sent events until `until` holds for the events so far; then closes the stream. */
function readEvents(
  url: string,
  until: (events: Array<{ event: string; data: unknown }>) => boolean,
): Promise<Array<{ event: string; data: unknown }>> {
  return new Promise((resolve, reject) => {
    const events: Array<{ event: string; data: unknown }> = [];
    const req = request(url, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
          events.push({ event, data });
          end = buffer.indexOf('\n\n');
        }
        if (until(events)) {
          req.destroy();
          resolve(events);
        }
      });
      res.on('end', () => resolve(events));
    });
    req.on('error', reject);
    req.end();
  });
}

const pageToken = async (emulator: Emulator): Promise<string> =>
  /name="console-token" content="([^"]+)"/.exec((await call(emulator.consoleUrl!)).body)![1]!;

const errorOf = (answer: Answer) => [answer.status, (JSON.parse(answer.body) as { error: string }).error];

/** The page's way to call the API: the run's token on every call, the page's Origin on changes. */
async function consoleClient(emulator: Emulator) {
  const token = await pageToken(emulator);
  const api = `${emulator.endpoint}/console/api`;
  const origin = `http://${new URL(emulator.endpoint).host}`;
  return {
    token,
    api,
    origin,
    get: (route: string) => call(`${api}/${route}`, { headers: { 'x-console-token': token } }),
    post: (route: string, body: unknown, headers: Record<string, string> = {}) =>
      call(`${api}/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-console-token': token, origin, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

describe('console API', () => {
  let emulator: Emulator;
  let token: string;
  let api: string;
  let origin: string;
  let get: (route: string) => Promise<Answer>;
  let post: (route: string, body: unknown, headers?: Record<string, string>) => Promise<Answer>;
  let state: ConsoleState;
  let otherApp: ReturnType<Emulator['setupChannel']>;
  const flowChannel = () => state.channels.find((c) => c.processor === 'sample')!;

  beforeAll(async () => {
    emulator = await startEmulator({
      console: true,
      logger: silentLogger,
      retryDelaysMs: [5],
      // Far above any processor's time on a loaded machine: no line of these tests turns STUCK.
      stuckAfterMs: 15_000,
      processors: {
        sample: sampleHandler,
        // Calls back, then fails: the message is SENT, but no summary (and no rule) ever comes.
        'answers-then-fails': async (event: ChannelFlowEvent) => {
          const client = clientFor(emulator);
          const message = event.ChannelMessage;
          await client.send(
            new ChannelFlowCallbackCommand({
              CallbackId: event.CallbackId,
              ChannelArn: message.ChannelArn,
              ChannelMessage: { MessageId: message.MessageId, Content: message.Content },
            }),
          );
          client.destroy();
          throw new Error('after the callback');
        },
      },
    });
    ({ token, api, origin, get, post } = await consoleClient(emulator));
    const setup = emulator.setupChannel({ processor: 'sample' });
    // A channel of another app instance: the console neither lists it nor adds its users to it.
    otherApp = emulator.setupChannel({
      processor: 'sample',
      appInstanceArn: 'arn:aws:chime:us-east-1:123456789012:app-instance/other-app',
    });
    // A plain channel of the same app instance, with no flow.
    const client = clientFor(emulator);
    await client.send(
      new CreateChannelCommand({
        AppInstanceArn: setup.appInstanceArn,
        Name: 'plain',
        ChimeBearer: setup.bearer,
        ClientRequestToken: 'plain-channel',
      }),
    );
    client.destroy();
    state = JSON.parse((await get('state')).body) as ConsoleState;
  });
  afterAll(() => emulator.close());

  it('redirects /console to the page, serves the stylesheet, and answers 404 elsewhere under /console/', async () => {
    // Act
    const bare = await call(`${emulator.endpoint}/console`);
    const withQuery = await call(`${emulator.endpoint}/console?from=bookmark`);
    const css = await call(`${emulator.endpoint}/console/app.css`);
    const unknown = await call(`${emulator.endpoint}/console/secrets.txt`);
    // Assess
    expect([bare.status, bare.headers.location]).toEqual([308, '/console/']);
    expect([withQuery.status, withQuery.headers.location]).toEqual([308, '/console/']);
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    expect(css.body.length).toBeGreaterThan(100);
    expect(errorOf(unknown)).toEqual([404, 'not found']);
  });

  it('lists the app instance channels with their flow and processor (none for a plain channel), and the processors', () => {
    // Assess
    expect(flowChannel()).toMatchObject({ flowName: expect.any(String), fallbackAction: 'CONTINUE' });
    const plain = state.channels.find((c) => c.name === 'plain')!;
    expect(plain).toEqual({ channelArn: expect.any(String), name: 'plain' });
    expect(state.processors).toEqual(['sample', 'answers-then-fails']);
    expect(state.users.map((u) => u.arn)).toEqual([expect.stringContaining('/user/local-user')]);
  });

  it('adds users from any display name, each a member of every console channel', async () => {
    // Act: names whose lower-cased form has characters a user id cannot start or end with.
    const added = [];
    for (const name of ['Zoë', '¡Olé!', 'Ana Smith']) added.push(await post('users', { name }));
    // Assess
    expect(added.map((a) => a.status)).toEqual([201, 201, 201]);
    const users = added.map((a) => JSON.parse(a.body) as { arn: string; name: string });
    expect(users.map((u) => u.name)).toEqual(['Zoë', '¡Olé!', 'Ana Smith']);
    expect(users.map((u) => u.arn.slice(u.arn.lastIndexOf('/') + 1))).toEqual(['zo', 'ol', 'ana-smith']);
    const listed = JSON.parse((await get('state')).body) as ConsoleState;
    expect(listed.users.map((u) => u.name)).toEqual(expect.arrayContaining(['Zoë', '¡Olé!', 'Ana Smith']));
    const sent = await post('send', { channelArn: flowChannel().channelArn, userArn: users[0]!.arn, content: 'hi' });
    expect(sent.status).toBe(201);
    expect(listed.channels.map((c) => c.channelArn)).not.toContain(otherApp.channelArn);
    const client = clientFor(emulator);
    const members = await client.send(
      new ListChannelMembershipsCommand({ ChannelArn: otherApp.channelArn, ChimeBearer: otherApp.bearer }),
    );
    client.destroy();
    expect(members.ChannelMemberships?.map((m) => m.Member?.Arn)).toEqual([otherApp.bearer]);
  });

  it('names a user "user" when nothing of the display name can be an id', async () => {
    // Act
    const answer = await post('users', { name: '¿¡!?' });
    // Assess
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ arn: expect.stringMatching(/\/user\/user$/), name: '¿¡!?' });
  });

  it('sends, edits and redacts a message through the flow as the chosen user', async () => {
    // Prepare
    const channelArn = flowChannel().channelArn;
    const userArn = state.users[0]!.arn;
    // Act
    const sent = await post('send', { channelArn, userArn, content: 'well darn it' });
    const { messageId, status } = JSON.parse(sent.body) as { messageId: string; status: string };
    await emulator.waitForOutcome(channelArn, messageId);
    const edited = await post('edit', { channelArn, userArn, messageId, content: 'all good now' });
    const outcome = await emulator.waitForOutcome(channelArn, messageId);
    const redacted = await post('redact', { channelArn, userArn, messageId });
    // Assess
    expect([sent.status, status]).toEqual([201, 'PENDING']);
    expect([edited.status, edited.body]).toEqual([200, '{}']);
    expect(outcome).toMatchObject({ status: 'SENT', isEdit: true, content: 'all good now' });
    expect([redacted.status, redacted.body]).toEqual([200, '{}']);
  });

  it('passes the emulator refusal on with its HTTP status and error code', async () => {
    // Prepare
    const channelArn = flowChannel().channelArn;
    const userArn = state.users[0]!.arn;
    // Act
    const missing = await post('edit', { channelArn, userArn, messageId: 'no-such-message', content: 'x' });
    const stranger = await post('send', { channelArn, userArn: `${state.appInstanceArn}/user/nobody`, content: 'x' });
    // Assess
    const [status, error] = errorOf(missing);
    expect(status).toBe(404);
    expect(error).toMatch(/^UpdateChannelMessage refused: NotFound/);
    expect(errorOf(stranger)[0]).toBeGreaterThanOrEqual(400);
    expect(errorOf(stranger)[1]).toMatch(/^SendChannelMessage refused: \w+/);
  });

  it('refuses bodies it cannot use, naming the field and never echoing content', async () => {
    // Prepare
    const channelArn = flowChannel().channelArn;
    // Act
    const missing = await post('send', { channelArn, content: 'secret words' });
    const empty = await post('send', { channelArn, userArn: '', content: 'secret words' });
    const longName = await post('users', { name: 'n'.repeat(101) });
    const notJson = await post('users', '{"name":');
    const array = await post('users', '["name"]');
    const unknownChange = await post('delete-everything', {});
    // Assess
    expect(errorOf(missing)).toEqual([400, '"userArn" must be a non-empty string']);
    expect(errorOf(empty)).toEqual([400, '"userArn" must be a non-empty string']);
    expect(errorOf(longName)).toEqual([400, '"name" must be a non-empty string']);
    expect(errorOf(notJson)).toEqual([400, 'body must be a JSON object']);
    expect(errorOf(array)).toEqual([400, 'body must be a JSON object']);
    expect(errorOf(unknownChange)).toEqual([404, 'not found']);
    expect(missing.body + empty.body).not.toContain('secret');
  });

  it('refuses a body over 5 MB with 413, other methods with 405 and unknown reads with 404', async () => {
    // Act
    const huge = await post('lab', { processor: 'sample', input: 'x'.repeat(5 * 1024 * 1024 + 1) });
    const put = await call(`${api}/users`, { method: 'PUT', headers: { 'x-console-token': token, origin } });
    const unknownRead = await get('everything');
    // Assess
    expect(errorOf(huge)).toEqual([413, 'body too large']);
    expect(errorOf(put)).toEqual([405, 'method not allowed']);
    expect(errorOf(unknownRead)).toEqual([404, 'not found']);
  });

  it('gives a messaging-session URL for a user, and asks for the user when missing', async () => {
    // Act
    const userArn = state.users[0]!.arn;
    const session = await get(`session?user=${encodeURIComponent(userArn)}`);
    const noUser = await get('session');
    // Assess
    expect(session.status).toBe(200);
    const url = new URL((JSON.parse(session.body) as { url: string }).url);
    expect([url.protocol, url.host, url.pathname]).toEqual(['ws:', new URL(emulator.endpoint).host, '/connect']);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(errorOf(noUser)).toEqual([400, '"user" is required']);
  });

  it('streams a snapshot, then the details of each change, on the token given in the query', async () => {
    // Prepare
    const channelArn = flowChannel().channelArn;
    const userArn = state.users[0]!.arn;
    const refused = await call(`${api}/events`);
    let messageId = '';
    const stream = readEvents(`${api}/events?token=${token}`, (events) =>
      events.some(
        (e) =>
          e.event === 'details' &&
          (e.data as MessageDetails).messageId === messageId &&
          (e.data as MessageDetails).status === 'SENT',
      ),
    );
    // Act
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sent = await post('send', { channelArn, userArn, content: 'streamed' });
    messageId = (JSON.parse(sent.body) as { messageId: string }).messageId;
    const events = await stream;
    // Assess
    expect(refused.status).toBe(403);
    expect(events[0]!.event).toBe('snapshot');
    expect(Array.isArray(events[0]!.data)).toBe(true);
    const mine = events.filter((e) => (e.data as MessageDetails).messageId === messageId);
    expect(mine.at(-1)!.data).toMatchObject({ status: 'SENT', original: 'streamed', delivered: 'streamed' });
  });

  it('lab: labelled lines are scored, misclassified first', async () => {
    // Prepare: the sample processor masks "darn" (an update counts as flagged) and passes the rest.
    const input = [
      { text: 'hello there', flag: false },
      { text: 'well darn it', flag: true },
      { text: 'you are terrible', flag: true },
      { text: 'buy now, cheap', flag: true },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    // Act
    const answer = await post('lab', { processor: 'sample', input });
    // Assess
    const result = JSON.parse(answer.body) as LabResult;
    expect(answer.status).toBe(200);
    expect(result.rows.map((r) => [r.text, r.flagged, r.misclassified])).toEqual([
      ['you are terrible', false, true],
      ['hello there', false, false],
      ['well darn it', true, false],
      ['buy now, cheap', true, false],
    ]);
    expect(result.rows[2]).toMatchObject({ status: 'SENT', decision: 'update', rule: 'sample-mask' });
    expect(result.rows[2]!.delivered).toBe('well **** it');
    expect(result.rows[3]).toMatchObject({ status: 'DENIED', decision: 'deny', rule: 'sample-spam' });
    expect('delivered' in result.rows[3]!).toBe(false);
    expect(result.metrics).toMatchObject({ tp: 2, fn: 1, tn: 1, fp: 0, precision: 1, recall: 2 / 3 });
    const listed = JSON.parse((await get('state')).body) as ConsoleState;
    expect(listed.channels.map((c) => c.channelArn).sort()).toEqual(state.channels.map((c) => c.channelArn).sort());
  });

  it('lab: a processor that answers and then fails still gets its row, without a rule', async () => {
    // Act
    const answer = await post('lab', { processor: 'answers-then-fails', input: 'hello' });
    // Assess
    const result = JSON.parse(answer.body) as LabResult;
    expect(result.rows).toEqual([
      {
        text: 'hello',
        status: 'SENT',
        delivered: 'hello',
        decision: 'noChange',
        latencyMs: expect.any(Number),
        flagged: false,
      },
    ]);
  });

  it('lab: refuses an unknown processor and a malformed labelled file with 400', async () => {
    // Act
    const unknown = await post('lab', { processor: 'nope', input: 'hello' });
    const malformed = await post('lab', { processor: 'sample', input: '{"text":"a"}' });
    // Assess
    expect(errorOf(unknown)).toEqual([400, 'Policy lab: no processor named "nope"']);
    const [status, error] = errorOf(malformed);
    expect(status).toBe(400);
    expect(error).toMatch(/line 1/);
  });
});

describe('console API on a processor that never calls back', () => {
  let emulator: Emulator;
  let token: string;
  let api: string;
  let post: (route: string, body: unknown) => Promise<Answer>;

  beforeAll(async () => {
    emulator = await startEmulator({
      console: true,
      logger: silentLogger,
      stuckAfterMs: 600,
      // Runs and returns without calling back: its messages stay PENDING, then show STUCK.
      processors: { silent: async () => ({ answered: false }) },
    });
    ({ token, api, post } = await consoleClient(emulator));
  });
  afterAll(() => emulator.close());

  it('streams a pass turning STUCK when its processor never calls back', async () => {
    // Prepare: the lab's hidden channel for the silent processor gets a message that stays PENDING.
    const stream = readEvents(`${api}/events?token=${token}`, (events) =>
      events.some((e) => e.event === 'details' && (e.data as MessageDetails).status === 'STUCK'),
    );
    // Act
    const lab = await post('lab', { processor: 'silent', input: 'never answered' });
    const events = await stream;
    // Assess
    const result = JSON.parse(lab.body) as LabResult;
    expect(result.rows).toEqual([{ text: 'never answered', status: 'STUCK', flagged: false }]);
    const stuck = events.find((e) => (e.data as MessageDetails).status === 'STUCK')!.data as MessageDetails;
    expect(stuck.original).toBe('never answered');
  });

  it('lab: a STUCK labelled line counts as not flagged (as the eval command counts a missing callback)', async () => {
    // Act
    const stuck = await post('lab', { processor: 'silent', input: '{"text":"quiet","flag":true}' });
    // Assess
    const result = JSON.parse(stuck.body) as LabResult;
    expect(result.rows).toEqual([{ text: 'quiet', flag: true, status: 'STUCK', flagged: false, misclassified: true }]);
    expect(result.metrics).toMatchObject({ tp: 0, fn: 1, recall: 0 });
  });
});

describe('console streams when the emulator stops', () => {
  it('ends an open event stream on close', async () => {
    // Prepare
    const emulator = await startEmulator({ console: true, logger: silentLogger });
    const token = await pageToken(emulator);
    const ended = new Promise<string>((resolve, reject) => {
      const req = request(`${emulator.endpoint}/console/api/events?token=${token}`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Act
    await emulator.close();
    // Assess
    expect(await ended).toMatch(/^event: snapshot\ndata: \[\]\n\n/);
  });
});
