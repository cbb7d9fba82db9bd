import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, deny, noChange, update } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { parseFaults } from '../../src/local/index.js';
import type { Emulator, MessageOutcome } from '../../src/local/index.js';
import { EmulatorConfigError } from '../../src/local/errors.js';
import { clientFor, startQuietEmulator } from './helpers.js';

describe('parseFaults', () => {
  it('reads probabilities, latency in ms or s, and a seed', () => {
    expect(parseFaults('throttle=0.1, unavailable=0.05,latency=50ms,reset=0.02,duplicate=0.1,seed=7')).toEqual({
      throttle: 0.1,
      unavailable: 0.05,
      latencyMs: 50,
      reset: 0.02,
      duplicate: 0.1,
      seed: 7,
    });
    expect(parseFaults('latency=0.2s').latencyMs).toBe(200);
    expect(parseFaults('')).toEqual({});
  });

  it.each(['throttle=2', 'throttle=', 'latency=fast', 'gremlins=0.1', 'seed=-1'])(
    'refuses %s with EmulatorConfigError',
    (spec) => {
      expect(() => parseFaults(spec)).toThrow(EmulatorConfigError);
    },
  );
});

// Every fault at once: throttles, 503s, resets and latency on the callback endpoint, duplicate deliveries.
const FAULTS = 'throttle=0.15,unavailable=0.1,reset=0.1,latency=3ms,duplicate=0.3,seed=42';
const N = 60;

describe('with every fault type on, every message ends as the policies say', () => {
  let emulator: Emulator;
  const outcomes: MessageOutcome[] = [];
  let expected: Map<string, { status: string; content?: string }>;

  beforeAll(async () => {
    // A processor made with the package's wrapper: deny "spam", mask "darn", throw on "boom" (onError: deny).
    const moderate = channelFlowProcessor(
      (message) => {
        if (message.Content.includes('boom')) throw new Error('processor bug');
        if (message.Content.includes('spam')) return deny('spam');
        if (message.Content.includes('darn')) return update({ content: message.Content.replaceAll('darn', '****') });
        return noChange();
      },
      { onError: 'deny', logger: silentLogger },
    );
    emulator = await startQuietEmulator({
      processors: { moderate },
      faults: FAULTS,
      functionTimeoutMs: 8000,
      retryDelaysMs: [10, 20],
    });
    emulator.onOutcome((outcome) => outcomes.push(outcome));
    const moderated = emulator.setupChannel({ processor: 'moderate' });
    // No processor mapped: the service cannot invoke it, FallbackAction ABORT applies.
    const broken = emulator.setupChannel({ processor: 'missing', fallbackAction: 'ABORT' });
    const client = clientFor(emulator, { maxAttempts: 5 });
    expected = new Map();
    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < N; i++) {
      const kind = i % 4;
      const content = `${['hello', 'oh darn', 'buy spam', 'boom'][kind]!} #${i}`;
      const target = i % 10 === 9 ? broken : moderated;
      sends.push(
        client
          .send(
            new SendChannelMessageCommand({
              ChannelArn: target.channelArn,
              ChimeBearer: target.bearer,
              Content: content,
              Type: 'STANDARD',
              Persistence: 'PERSISTENT',
            }),
          )
          .then((sent) => {
            const want =
              target === broken
                ? { status: 'FAILED' }
                : kind === 0
                  ? { status: 'SENT', content }
                  : kind === 1
                    ? { status: 'SENT', content: content.replace('darn', '****') }
                    : { status: 'DENIED' };
            expected.set(`${target.channelArn}\n${sent.MessageId}`, want);
          }),
      );
    }
    await Promise.all(sends);
    client.destroy();
    await Promise.all(
      [...expected.keys()].map((key) => {
        const [channelArn, messageId] = key.split('\n') as [string, string];
        return emulator.waitForOutcome(channelArn, messageId, 15_000);
      }),
    );
  }, 30_000);
  afterAll(async () => {
    await emulator.close();
  });

  it('ends every message SENT, DENIED or FAILED exactly as the policy says', () => {
    expect(expected.size).toBe(N);
    for (const outcome of outcomes) {
      const want = expected.get(`${outcome.channelArn}\n${outcome.messageId}`);
      expect({ status: outcome.status, content: outcome.content }).toEqual({
        status: want?.status,
        content: want?.content,
      });
    }
  });

  it('loses none, leaves none stuck and answers none twice', () => {
    const keys = outcomes.map((o) => `${o.channelArn}\n${o.messageId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(N);
    const stats = emulator.stats();
    expect(stats.pending).toBe(0);
    expect(stats.stuck).toBe(0);
    expect(stats.sent + stats.denied + stats.failed).toBe(N);
  });

  it('actually injected the faults (duplicates were delivered and refused)', () => {
    const stats = emulator.stats();
    expect(stats.duplicateInvocations).toBeGreaterThan(0);
    expect(stats.callbacksRejected).toBeGreaterThan(0);
  });
});
