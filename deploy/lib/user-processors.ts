// Your own processors, deployed by the same app as the examples: `npm run deploy -- -c entry=processors/my-handler.ts`.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';

/** One processor of yours: a module, its export, and the name its channel flow and construct get. */
export interface UserProcessor {
  /** Lower-case name from the file (`processors/my-handler.ts` -> `my-handler`; `x/handler.ts` -> `x`). */
  readonly name: string;
  /** Absolute path of the module. */
  readonly entry: string;
  /** The exported handler; `handler` unless `PATH#EXPORT` names another. */
  readonly handler: string;
}

const MODULE = /\.(c|m)?(t|j)sx?$/;

/**
 * Parses the `entry` context (`PATH[#EXPORT]`, comma separated) into processors to deploy. Paths are
 * relative to `baseDir` (where you ran the command) and must lie inside `projectRoot`, whose lock file
 * and tsconfig esbuild uses.
 *
 * @param value - e.g. `processors/my-handler.ts,processors/audit.ts#main`
 * @param baseDir - the folder relative paths start from
 * @param projectRoot - the repository root
 * @returns one entry per path, in order
 * @throws Error naming the entry when a file is missing, not a module, outside the project, or two share a name
 * @example
 * parseUserEntries('processors/my-handler.ts', process.cwd(), PROJECT_ROOT); // [{ name: 'my-handler', ... }]
 */
export function parseUserEntries(value: string, baseDir: string, projectRoot: string): UserProcessor[] {
  const processors: UserProcessor[] = [];
  for (const item of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const hash = item.lastIndexOf('#');
    const path = hash > 0 ? item.slice(0, hash) : item;
    const handler = hash > 0 ? item.slice(hash + 1) : 'handler';
    const entry = resolve(baseDir, path);
    if (!MODULE.test(entry)) throw new Error(`entry ${item}: expected a .ts or .js module`);
    if (!existsSync(entry)) throw new Error(`entry ${item}: no such file (${entry})`);
    const inside = relative(projectRoot, entry);
    if (inside.startsWith('..') || isAbsolute(inside))
      throw new Error(
        `entry ${item}: must be inside ${projectRoot} (esbuild bundles from there); move it under processors/, or use the ChannelFlowProcessor construct in your own CDK app`,
      );
    if (!/^[A-Za-z_$][\w$]*$/.test(handler)) throw new Error(`entry ${item}: "${handler}" is not an export name`);
    const file = basename(entry, extname(entry));
    const name = (file === 'handler' || file === 'index' ? basename(dirname(entry)) : file)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-');
    if (processors.some((other) => other.name === name))
      throw new Error(`entry ${item}: another entry is also named "${name}"; rename one of the files`);
    processors.push({ name, entry, handler });
  }
  return processors;
}
