// Lets `node --import ./scripts/register-ts.mjs file.ts` run TypeScript (demo, bench, CLI in dev)
// through tsx's ESM loader; the published package runs the esbuild output instead.
import { register } from 'tsx/esm/api';

// The SDK warns on Node 20 (this machine); Lambda runs Node 22. Local runs stay quiet.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
