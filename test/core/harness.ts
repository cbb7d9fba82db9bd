// Shared set-up for the wrapper tests: a client stubbed with aws-sdk-client-mock and a logger that keeps its lines.
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { mockClient } from 'aws-sdk-client-mock';
import type { Logger } from '../../src/logging/logger.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attributes: Record<string, unknown> | undefined;
}

export function capturingLogger(): Logger & { lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, attributes?: Record<string, unknown>) => {
    lines.push({ level, message, attributes });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((line) => JSON.stringify(line)).join('\n'),
  };
}

export function mockedChime() {
  const client = new ChimeSDKMessagingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  });
  const mock = mockClient(client);
  mock.on(ChannelFlowCallbackCommand).resolves({});
  const calls = () => mock.commandCalls(ChannelFlowCallbackCommand).map((call) => call.args[0].input);
  return { client, mock, calls };
}

/** A modeled service error as the SDK surfaces it. */
export function sdkError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}
