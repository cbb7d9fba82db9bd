import { describe, expect, it } from '@jest/globals';
import { parseCsv } from '../../src/local/eval/csv.js';

// Files spreadsheets write: a UTF-8 byte-order mark first, CRLF line ends after quoted fields.
describe('parseCsv with spreadsheet exports', () => {
  it('ignores a byte-order mark before the header', () => {
    const { records, bad } = parseCsv('\ufefftext,flag\nhi,false\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['text', 'flag'],
      ['hi', 'false'],
    ]);
    expect(bad).toEqual([]);
  });

  it('ends a record at CRLF after a quoted field, keeping CRLF inside quotes as text', () => {
    const { records, bad } = parseCsv('"text","flag"\r\n"two\r\nlines","true"\r\n"last","false"\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['text', 'flag'] },
      { line: 2, fields: ['two\r\nlines', 'true'] },
      { line: 4, fields: ['last', 'false'] },
    ]);
    expect(bad).toEqual([]);
  });
});
