// Every ```ts block in README.md and docs/*.md compiles as a standalone file importing the package
// by name, so the docs cannot drift from the code. Errors name the page and line.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSnippets, docFiles, extractSnippets } from '../../scripts/check-doc-snippets.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('docs snippets', () => {
  it('finds ts blocks with the Markdown line of their first code line, and skips other languages', () => {
    const blocks = extractSnippets(
      [
        '# t',
        '```sh',
        'npm test',
        '```',
        '',
        '```ts',
        'const a = 1;',
        '```',
        '```typescript',
        'const b = 2;',
        '```',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { line: 7, code: 'const a = 1;\n' },
      { line: 10, code: 'const b = 2;\n' },
    ]);
  });

  it('README.md stays under 15 KB', () => {
    expect(readFileSync(join(ROOT, 'README.md')).byteLength).toBeLessThanOrEqual(15 * 1024);
  });

  it('every ts block of README.md and docs/*.md compiles', () => {
    const { count, errors } = checkSnippets(docFiles());
    expect(count).toBeGreaterThan(10);
    // One line per error, `docs/page.md:LINE:COL: error TSnnnn: ...`.
    expect(errors.join('\n')).toBe('');
  }, 180_000);
});
