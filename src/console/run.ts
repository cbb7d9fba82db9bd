// `npm run console`: the emulator with every example processor (and the sample one) on its own
// ready channel, two users in each, and the console; stays up until Ctrl-C.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Examples that call AI services get a local dead end instead of the internet: they fail open.
process.env.AWS_ENDPOINT_URL_COMPREHEND ??= 'http://127.0.0.1:9';
process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ??= 'http://127.0.0.1:9';

const { startEmulator } = await import('../local/emulator.js');
const { createJsonLogger } = await import('../logging/logger.js');
const { LoopbackSigner } = await import('./signer.js');
const { createUser, joinChannel } = await import('./actions.js');
const { sampleHandler } = await import('../local/sample-processor.js');
type ProcessorSource = import('../local/flow/processors.js').ProcessorSource;

const root = process.cwd();
const examples = existsSync(resolve(root, 'examples'))
  ? readdirSync(resolve(root, 'examples'))
      .filter((name) => existsSync(join(root, 'examples', name, 'handler.ts')))
      .sort()
  : [];
// The sample runs in this process (no cold start); each example runs in a worker of its own, as
// `emulator --processor` runs it, so its first message pays a cold start, as on Lambda.
const processors: Record<string, ProcessorSource> = { sample: sampleHandler };
for (const name of examples) processors[name] = join(root, 'examples', name, 'handler.ts');

const port = Number(process.env.PORT ?? 0);
const emulator = await startEmulator({
  port,
  processors,
  console: true,
  logger: createJsonLogger({
    service: 'chime-channel-flow-emulator',
    level: 'warn',
    sink: (l) => process.stderr.write(l),
  }),
});
const channels = Object.keys(processors).map((processor) => emulator.setupChannel({ processor }));
const signer = new LoopbackSigner(emulator.endpoint, emulator.region, emulator.credentials);
const appInstanceArn = channels[0]!.appInstanceArn;
for (const name of ['alice', 'bob']) {
  const user = await createUser(signer, appInstanceArn, name);
  for (const channel of channels) await joinChannel(signer, channel.channelArn, user.arn, channel.bearer);
}
console.log(
  [
    `Channel flow console: ${emulator.consoleUrl}`,
    '',
    `Channels (one per processor): ${Object.keys(processors).join(', ')}; users alice and bob.`,
    `Emulator API on ${emulator.endpoint}. Ctrl-C to stop.`,
  ].join('\n'),
);
const stop = async () => {
  await emulator.close(500);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
