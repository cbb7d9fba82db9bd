// The options table in docs/emulator.md lists exactly the options `chime-channel-flow --help` prints.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The option names in the first column of each row of the "Options:" block of the usage. */
function helpOptions(usage: string): string[] {
  const block = usage.slice(usage.indexOf('\nOptions:'));
  const names = new Set<string>();
  for (const line of block.split('\n').slice(1)) {
    const column = /^\s{2}(-\S.*?)(?:\s{2,}|$)/.exec(line)?.[1];
    for (const name of column?.match(/--?[a-z][\w-]*/g) ?? []) names.add(name);
  }
  return [...names].sort();
}

/** The option names in the first column of the table between the cli-options markers. */
function documentedOptions(markdown: string): string[] {
  const start = markdown.indexOf('<!-- cli-options:start -->');
  const end = markdown.indexOf('<!-- cli-options:end -->');
  const names = new Set<string>();
  for (const row of markdown.slice(start, end).split('\n')) {
    const column = /^\|\s*(`-.*?)\s*\|/.exec(row)?.[1];
    for (const name of column?.match(/`(--?[a-z][\w-]*)/g) ?? []) names.add(name.slice(1));
  }
  return [...names].sort();
}

describe('CLI options in the docs', () => {
  it('docs/emulator.md documents every option of --help, and no other', () => {
    const usage = execFileSync(process.execPath, ['--import', './scripts/register-ts.mjs', 'src/cli.ts', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const fromHelp = helpOptions(usage);
    expect(fromHelp).toEqual(expect.arrayContaining(['--processor', '--verbose', '--wide', '-h', '--help']));
    const documented = documentedOptions(readFileSync(join(ROOT, 'docs/emulator.md'), 'utf8'));
    // A failure names the options to add to (or remove from) the table in docs/emulator.md.
    expect({
      missingFromDocsTable: fromHelp.filter((name) => !documented.includes(name)),
      notInHelp: documented.filter((name) => !fromHelp.includes(name)),
    }).toEqual({ missingFromDocsTable: [], notInHelp: [] });
  });
});
