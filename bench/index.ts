// `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other,
// so one suite's JIT state and garbage never skew another's numbers.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
/** Suites that also run under another suite's name: `npm run bench -- moderation` includes profanity. */
const ALSO_UNDER: Record<string, string> = { 'profanity.bench.ts': 'moderation' };
const suites = readdirSync(here)
  .filter(
    (file) =>
      file.endsWith('.bench.ts') && (!filter || file.includes(filter) || ALSO_UNDER[file]?.includes(filter) === true),
  )
  .sort();
let failed = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite}`);
  const run = spawnSync(
    process.execPath,
    ['--import', join(here, '..', 'scripts', 'register-ts.mjs'), '--expose-gc', join(here, suite)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    },
  );
  if (run.status !== 0) failed++;
}
if (failed > 0) {
  console.error(`\n${failed} benchmark suite(s) failed or missed their budget`);
  process.exit(1);
}
