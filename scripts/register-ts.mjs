// Lets `node --import ./scripts/register-ts.mjs file.ts` run TypeScript (demo, bench, CLI in dev)
// through tsx's ESM loader; the published package runs the esbuild output instead.
import { register } from 'tsx/esm/api';

register();
