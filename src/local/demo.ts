// `npm start`: the whole channel flow on one machine, no AWS account, no network.
// Starts the emulator, runs the sample processor and every examples/*/handler.ts over a
// scripted conversation through the real SDK client, and prints what each message became.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';

// Processor logs would interleave with the table; LOG_LEVEL=info npm start shows them.
process.env.LOG_LEVEL ??= 'silent';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Examples that call AI services get a local dead end instead of the internet: they fail open.
process.env.AWS_ENDPOINT_URL_COMPREHEND ??= 'http://127.0.0.1:9';
process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ??= 'http://127.0.0.1:9';

const { startEmulator } = await import('./emulator.js');
const { loadProcessor } = await import('./flow/processors.js');
const { collectSummaries, sendAndWait } = await import('./conversation.js');
const { formatTable } = await import('./report/table.js');
const { sampleHandler } = await import('./sample-processor.js');
const { createJsonLogger } = await import('../logging/logger.js');
const { showSessions } = await import('./demo-sessions.js');
type LambdaHandler = import('./flow/processors.js').LambdaHandler;
type PrepareLocal = () => Promise<{ env: Record<string, string>; close: () => Promise<void> }>;

/** The scripted conversation: each line exercises something a processor might do. */
export const SAMPLE_CONVERSATION = [
  'Hello everyone, welcome to the release channel!',
  'This darn build is broken again',
  'this shit build is broken again',
  'Ping me at jane.doe@example.com or +1 206 555 0100',
  'BUY NOW: cheap watches, limited offer',
  'Free crypto airdrop!!! claim at http://claim-prizes.example.net',
  'Docs are at https://docs.aws.amazon.com/chime-sdk/latest/dg/',
  'please do not crash on this one',
];

async function main(): Promise<number> {
  const root = process.cwd();
  const processors: Record<string, LambdaHandler> = { sample: sampleHandler };
  const skipped: string[] = [];
  const examplesDir = resolve(root, 'examples');
  const examples = existsSync(examplesDir)
    ? readdirSync(examplesDir)
        .filter((name) => existsSync(join(examplesDir, name, 'handler.ts')))
        .sort()
    : [];
  // examples/NAME/local.ts starts what an example needs on this machine (DynamoDB on dynalite) before its worker
  // starts with the environment it returns.
  const localStops: Array<() => Promise<void>> = [];
  for (const name of examples.filter((example) => existsSync(join(examplesDir, example, 'local.ts')))) {
    const { prepareLocal } = (await import(join(examplesDir, name, 'local.ts'))) as { prepareLocal: PrepareLocal };
    const local = await prepareLocal();
    Object.assign(process.env, local.env);
    localStops.push(local.close);
  }
  for (const name of examples) {
    try {
      processors[name] = await loadProcessor(name, join(examplesDir, name, 'handler.ts'));
    } catch (error) {
      skipped.push(`${name}: ${(error as Error).message}`);
    }
  }

  const emulator = await startEmulator({
    processors,
    logger: createJsonLogger({
      level: 'warn',
      service: 'chime-channel-flow-emulator',
      sink: (line) => process.stderr.write(line),
    }),
  });
  const client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  const summaries = collectSummaries(emulator);
  console.log(`Chime SDK Messaging emulator on ${emulator.endpoint} (local credentials, no AWS account)`);
  console.log(`processors: ${Object.keys(processors).join(', ')}`);
  for (const line of skipped) console.log(`skipped example ${line}`);
  console.log(`sending ${SAMPLE_CONVERSATION.length} messages to one channel per processor...\n`);

  const names = Object.keys(processors);
  const perProcessor = await Promise.all(
    names.map(async (name) => {
      const channel = emulator.setupChannel({ processor: name });
      const rows = [];
      // One channel, messages in order, as a conversation; processors run side by side.
      for (const content of SAMPLE_CONVERSATION)
        rows.push(await sendAndWait(emulator, client, channel, content, name, summaries));
      return rows;
    }),
  );
  const rows = perProcessor.flat();
  console.log(formatTable(rows));

  await emulator.idle(5000);
  const stats = emulator.stats();
  const stuck = rows.filter((row) => row.stuck).length;
  const lost = rows.length - (stats.sent + stats.denied + stats.failed) - stats.pending;
  console.log(
    `\n${rows.length} messages: ${stats.sent} sent, ${stats.denied} denied, ${stats.failed} failed; stuck (PENDING, no callback): ${stuck}; lost: ${lost}`,
  );
  // A clean, a masked, a denied and a crashing message, as the people in the channel see them.
  await showSessions(
    emulator,
    client,
    'sample',
    [0, 1, 4, 7].map((i) => SAMPLE_CONVERSATION[i]!),
  );
  if (names.some((name) => name.startsWith('ai-')))
    console.log(
      'AI-backed examples reach no AI service offline (their endpoints point at a local dead end), so they fail open.',
    );
  console.log(
    "Try a processor yourself: printf 'hello\\nbuy now\\n' | npx chime-channel-flow dev examples/profanity-mask/handler.ts",
  );
  client.destroy();
  await emulator.close();
  for (const stop of localStops) await stop();
  return stuck === 0 && lost === 0 ? 0 : 1;
}

process.exitCode = await main();
