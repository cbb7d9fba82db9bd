import { describe, expect, it } from '@jest/globals';
import { ProcessorLoadError } from '../../src/local/errors.js';
import { LabelledFileError } from '../../src/local/eval/errors.js';
import { LabelledFormat, parseLabelledFile } from '../../src/local/eval/labelled-file.js';

// What users read when their input is wrong: a labelled file with many bad lines lists the first
// twenty and counts the rest; a processor that cannot load names its file (and export when known).
describe('LabelledFileError', () => {
  it('lists the first 20 bad lines of a JSONL file and counts the others', () => {
    // Prepare: 25 lines, none of them JSON; plus a BOM, which is not a bad line
    const content = `\ufeff${Array.from({ length: 25 }, (_, i) => `not json ${i}`).join('\n')}\n`;
    // Act
    const error = (() => {
      try {
        parseLabelledFile(content, LabelledFormat.Jsonl);
      } catch (e) {
        return e as LabelledFileError;
      }
      throw new Error('expected the file to be refused');
    })();
    // Assess
    expect(error).toBeInstanceOf(LabelledFileError);
    expect(error.message.split('\n')[0]).toBe('Labelled file has 25 bad lines:');
    expect(error.message).toContain('  line 20: ');
    expect(error.message).not.toContain('  line 21: ');
    expect(error.message.endsWith('\n  ... and 5 more')).toBe(true);
    expect(error.message).not.toContain('not json');
  });

  it('says "line" for a single bad line', () => {
    const error = new LabelledFileError([{ line: 3, problem: 'flag must be true or false' }]);
    expect(error.message).toBe('Labelled file has 1 bad line:\n  line 3: flag must be true or false');
  });
});

describe('ProcessorLoadError', () => {
  it('names the file, with the export when known', () => {
    expect(new ProcessorLoadError('mask', 'import failed: boom', { file: 'mask.js' }).message).toBe(
      'Cannot load processor mask (mask.js): import failed: boom',
    );
    expect(new ProcessorLoadError('mask', 'no export', { file: 'mask.js', exportName: 'run' }).message).toBe(
      'Cannot load processor mask (mask.js#run): no export',
    );
    expect(new ProcessorLoadError('mask', 'closing').message).toBe('Cannot load processor mask: closing');
  });
});
