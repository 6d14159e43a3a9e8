import { describe, expect, it } from 'vitest';
import { CsvLineReader, MAX_RECORD_LINES, parseCsv } from '../../server/seed/csv.ts';

describe('parseCsv', () => {
  it('splits plain fields and keeps empty ones', () => {
    expect(parseCsv('a,b,,d\n1,2,3,\n')).toEqual([
      { line: 1, fields: ['a', 'b', '', 'd'] },
      { line: 2, fields: ['1', '2', '3', ''] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'id,text\n1,"Hello, ""world"""\n2,"two\nlines, here"\n3,"",x\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'Hello, "world"'] },
      { line: 3, fields: ['2', 'two\nlines, here'] },
      { line: 5, fields: ['3', '', 'x'] },
    ]);
  });

  it('accepts CRLF line breaks', () => {
    expect(parseCsv('a,"b"\r\nc,d\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('reports a stray quote and text after a closing quote, then goes on', () => {
    const records = parseCsv('a,b"c\n"x"y,z\nok,1\n');
    expect(records[0]).toMatchObject({ line: 1, error: expect.stringContaining('stray quote') });
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringContaining('after closing quote') });
    expect(records[2]).toEqual({ line: 3, fields: ['ok', '1'] });
  });

  it('reports an unterminated quote at the end and keeps the lines it swallowed', () => {
    const records = parseCsv('1,"open\n2,fine\n');
    expect(records).toEqual([
      { line: 1, error: 'unterminated quoted field' },
      { line: 2, fields: ['2', 'fine'] },
    ]);
  });

  it('gives up on a quote that stays open for too many lines without losing the rest', () => {
    const lines = ['1,"never closed', ...Array.from({ length: MAX_RECORD_LINES + 5 }, (_, i) => `r${i},v`)];
    const reader = new CsvLineReader();
    const records = lines.flatMap((line, index) => reader.push(line, index + 1)).concat(reader.end());
    expect(records[0]).toEqual({ line: 1, error: 'unterminated quoted field' });
    expect(records.slice(1)).toHaveLength(MAX_RECORD_LINES + 5);
    expect(records.at(-1)).toEqual({ line: MAX_RECORD_LINES + 6, fields: [`r${MAX_RECORD_LINES + 4}`, 'v'] });
  });
});
