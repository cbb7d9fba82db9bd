import type { ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';
import type { ChannelSetup } from '../local/emulator.js';
import type { InvocationRecord, MessageOutcome } from '../local/flow/engine.js';
import type { ChannelFlowEvent } from '../event/types.js';
import type { LocalCredentials } from '../local/protocol/sigv4.js';
import type { ServerDeps } from '../local/server.js';
import type { Store } from '../local/state/store.js';
import { ConsoleActions } from './actions.js';
import { DetailsRecorder } from './details.js';
import { ConsoleToken } from './guard.js';
import { installLogCapture } from './log-capture.js';
import { LoopbackSigner } from './signer.js';
import { createConsoleRoutes } from './routes.js';

/** What the console needs from a running emulator. */
interface ConsoleHost {
  endpoint: string;
  region: string;
  credentials: LocalCredentials;
  store: Store;
  /** The invocation event, when a processor is first invoked for a pass. */
  onInvoked(listener: (event: ChannelFlowEvent) => void): () => void;
  onOutcome(listener: (outcome: MessageOutcome) => void): () => void;
  onInvocation(listener: (run: InvocationRecord) => void): () => void;
  waitForOutcome(channelArn: string, messageId: string, timeoutMs: number): Promise<MessageOutcome>;
  logger: Logger;
  appInstanceArn: string;
  processors(): string[];
  setupChannel(options: { processor: string }): ChannelSetup;
}

/** The console's hooks into the emulator, made before the engine and server exist. */
export interface ConsoleParts {
  details: DetailsRecorder;
  observe: NonNullable<ServerDeps['observe']>;
  mounts: NonNullable<ServerDeps['mounts']>;
  /** Serves the console once the emulator listens. */
  start(host: ConsoleHost): void;
  /** Ends live streams and the log copy. */
  close(): void;
}

/**
 * Prepares the console for an emulator: the details recorder, the log-line copy, the callback
 * observer and the /console/ routes (mounted on the emulator's own port by {@link ConsoleParts.start}).
 *
 * @param stuckAfterMs a pass PENDING this long after its processor ran shows as STUCK
 * @returns the hooks to hand the engine and the server
 * @example
 * const parts = prepareConsole(10_000);
 * const server = createEmulatorServer({ ...deps, mounts: parts.mounts, observe: parts.observe });
 */
export function prepareConsole(stuckAfterMs: number): ConsoleParts {
  const details = new DetailsRecorder(stuckAfterMs);
  const mounts: ConsoleParts['mounts'] = {};
  const streams = new Set<ServerResponse>();
  const uninstall = installLogCapture((line) => details.attribute(line));
  return {
    details,
    observe(operation, input) {
      if (operation === 'ChannelFlowCallback') details.callback(input);
    },
    mounts,
    start(host) {
      const signer = new LoopbackSigner(host.endpoint, host.region, host.credentials);
      const labChannels = new Map<string, Promise<{ channelArn: string; sender: string }>>();
      const hidden = new Set<string>();
      const actions = new ConsoleActions(signer, host.store, host.appInstanceArn, () => hidden, host.processors);
      host.onInvoked((event) => details.invoked(event));
      host.onOutcome((outcome) => details.outcome(outcome));
      host.onInvocation((run) => details.ran(run));
      mounts.console = createConsoleRoutes({
        token: new ConsoleToken(),
        actions,
        details,
        logger: host.logger,
        streams,
        lab: {
          actions,
          details,
          stuckAfterMs,
          processors: host.processors,
          labChannel(processor) {
            let channel = labChannels.get(processor);
            if (!channel) {
              const setup = host.setupChannel({ processor });
              hidden.add(setup.channelArn);
              channel = actions
                .join(setup.channelArn, setup.bearer, setup.bearer)
                .then(() => ({ channelArn: setup.channelArn, sender: setup.bearer }));
              channel.catch(() => labChannels.delete(processor));
              labChannels.set(processor, channel);
            }
            return channel;
          },
          waitForOutcome: (channelArn, messageId, timeoutMs) => host.waitForOutcome(channelArn, messageId, timeoutMs),
        },
      });
    },
    close() {
      for (const stream of streams) stream.end();
      uninstall();
    },
  };
}
