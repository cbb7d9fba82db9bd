// Compiles every ```ts block of README.md and docs/*.md as a standalone file, the way a user
// would paste it: the package imported by name ('chime-channel-flow', '.../moderation', '/local',
// '/testing', '/deploy', mapped to src/), the CDK construct as './channel-flow-processor.js'.
// Prints `FILE:LINE: error TSnnnn: ...` at the line in the Markdown file, exits 1 on any error.
//
//   node scripts/check-doc-snippets.mjs            # every page
//   node scripts/check-doc-snippets.mjs docs/x.md  # some pages
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The Markdown files to check: the arguments, or README.md and every docs/*.md. */
export function docFiles(args = []) {
  if (args.length > 0) return args.map((file) => resolve(file));
  const docs = join(root, 'docs');
  const pages = existsSync(docs)
    ? readdirSync(docs)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => join(docs, name))
    : [];
  return [join(root, 'README.md'), ...pages];
}

/** Every ```ts (or ```typescript) block: its text and the Markdown line of its first code line. */
export function extractSnippets(markdown) {
  const lines = markdown.split('\n');
  const snippets = [];
  let open;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (open === undefined) {
      if (fence && /^(ts|typescript)$/i.test(fence[3])) open = { marker: fence[2], start: i + 2, body: [] };
      else if (fence) open = { marker: fence[2], skip: true, body: [] };
    } else if (fence?.[2].startsWith(open.marker) && fence[3] === '') {
      if (!open.skip) snippets.push({ line: open.start, code: `${open.body.join('\n')}\n` });
      open = undefined;
    } else open.body.push(lines[i]);
  }
  return snippets;
}

/** deploy/lib/channel-flow-processor.ts and the files it imports by relative path, transitively. */
export function constructFiles() {
  const files = ['channel-flow-processor.ts'];
  for (let i = 0; i < files.length; i++) {
    const text = readFileSync(join(root, 'deploy/lib', files[i]), 'utf8');
    for (const [, name] of text.matchAll(/from '\.\/([\w-]+)\.js'/g))
      if (!files.includes(`${name}.ts`)) files.push(`${name}.ts`);
  }
  return files;
}

/** Writes the snippets into a temporary project and compiles them with tsc; returns the error lines. */
export function checkSnippets(files) {
  const work = mkdtempSync(join(tmpdir(), 'ccf-doc-snippets-'));
  try {
    const origin = new Map();
    let count = 0;
    for (const file of files) {
      const page = relative(root, file);
      for (const snippet of extractSnippets(readFileSync(file, 'utf8'))) {
        const name = `${page.replace(/[^\w]+/g, '_')}_L${snippet.line}.ts`;
        writeFileSync(join(work, name), snippet.code);
        origin.set(name, { page, line: snippet.line });
        count++;
      }
    }
    if (count === 0) return { count, errors: [] };
    writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    // The construct, as a user copies it beside their app (with the files it imports, see docs/deploy.md).
    for (const file of constructFiles()) copyFileSync(join(root, 'deploy/lib', file), join(work, file));
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: {
          noEmit: true,
          moduleDetection: 'force',
          noUnusedLocals: false,
          paths: {
            'chime-channel-flow': [join(root, 'src/index.ts')],
            'chime-channel-flow/*': [join(root, 'src/*/index.ts')],
          },
        },
        include: ['*.ts'],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: work,
      encoding: 'utf8',
    });
    const errors = [];
    for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
      const match = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
      if (!match) {
        if (line.trim() !== '') errors.push(line);
        continue;
      }
      const at = origin.get(match[1].split(/[\\/]/).pop());
      // An error in the package's own sources (reached through a snippet) is reported as is.
      errors.push(at ? `${at.page}:${at.line + Number(match[2]) - 1}:${match[3]}: ${match[4]}` : line);
    }
    if (result.status !== 0 && errors.length === 0) errors.push(`tsc exited ${result.status}`);
    return { count, errors };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = docFiles(process.argv.slice(2));
  const { count, errors } = checkSnippets(files);
  for (const error of errors) console.error(error);
  console.log(
    `${count} ts snippets in ${files.length} files: ${errors.length === 0 ? 'all compile' : `${errors.length} errors`}`,
  );
  process.exitCode = errors.length === 0 ? 0 : 1;
}
