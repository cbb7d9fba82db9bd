import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChannelFlowError } from '../errors.js';

/** The page's script and stylesheet, as served under /console/. */
export interface ConsoleAssets {
  js: string;
  css: string;
}

/** The page bundle is neither built (dist/console) nor buildable (no sources or no esbuild). */
class ConsoleAssetsError extends ChannelFlowError {
  constructor(problem: string, options?: { cause?: unknown }) {
    super(`Console page unavailable: ${problem}`, options);
    this.name = 'ConsoleAssetsError';
  }
}

/** The package root: the nearest folder up from this module with our package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"chime-channel-flow"/.test(readFileSync(manifest, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new ConsoleAssetsError('cannot find the chime-channel-flow package root');
    dir = parent;
  }
}

let cached: Promise<ConsoleAssets> | undefined;

/**
 * The page bundle: from `dist/console/` when the package is built; otherwise (running from
 * sources: tsx, jest) built once in memory with esbuild from `src/console/page/`, so tests need
 * no prior `npm run build`. Sources win over an older dist when both exist in a checkout.
 *
 * @returns the script and stylesheet
 * @throws {ConsoleAssetsError} when neither a build nor the sources and esbuild are there
 * @example
 * const { js, css } = await loadConsoleAssets();
 */
export function loadConsoleAssets(): Promise<ConsoleAssets> {
  cached ??= findAssets().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function findAssets(): Promise<ConsoleAssets> {
  const root = packageRoot();
  const optionsFile = join(root, 'src', 'console', 'page', 'build-options.json');
  if (existsSync(optionsFile)) return buildFromSources(root, optionsFile);
  const dist = join(root, 'dist', 'console');
  if (!existsSync(join(dist, 'app.js'))) throw new ConsoleAssetsError(`no bundle in ${dist}`);
  return { js: readFileSync(join(dist, 'app.js'), 'utf8'), css: readFileSync(join(dist, 'app.css'), 'utf8') };
}

async function buildFromSources(root: string, optionsFile: string): Promise<ConsoleAssets> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (cause) {
    throw new ConsoleAssetsError('building the page from sources needs esbuild (a devDependency)', { cause });
  }
  const options = JSON.parse(readFileSync(optionsFile, 'utf8')) as import('esbuild').BuildOptions;
  const result = await esbuild.build({
    ...options,
    absWorkingDir: root,
    outdir: 'out',
    write: false,
    logLevel: 'silent',
  });
  // One entry (main.ts) that imports style.css: the build always has out/app.js and out/app.css.
  const text = (ext: string) => result.outputFiles.find((file) => file.path.endsWith(ext))!.text;
  return { js: text('.js'), css: text('.css') };
}
