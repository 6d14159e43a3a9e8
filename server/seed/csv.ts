/**
 * A small RFC 4180 CSV reader: comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes (`""`). It is fed one physical line at a time, so files are streamed, and it
 * never gives up on a whole file: a record whose quoting is broken is reported (with the line it started
 * on) and reading resumes on the next line.
 */

export type CsvRecord =
  { line: number; fields: string[]; error?: undefined } | { line: number; fields?: undefined; error: string };

/** A quoted field may run over at most this many lines; beyond that its closing quote is presumed lost. */
export const MAX_RECORD_LINES = 200;

type ParseResult = { fields: string[]; end: number } | { incomplete: true } | { error: string; end: number };

/** End of the physical line holding `index`. */
function lineEnd(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  return newline === -1 ? text.length : newline;
}

/** Parses the record at the start of `text` (physical lines joined by `\n`) up to its unquoted line break. */
function parseRecord(text: string): ParseResult {
  const fields: string[] = [];
  let index = 0;
  // End of the physical line `index` is on; recomputed only when a quoted field runs past it.
  let stop = lineEnd(text, 0);
  for (;;) {
    if (text.charCodeAt(index) === 0x22) {
      let value = '';
      let position = index + 1;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote === -1) return { incomplete: true };
        value += text.slice(position, quote);
        if (text.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          position = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
      fields.push(value);
      if (index > stop) stop = lineEnd(text, index);
      if (index === stop) return { fields, end: stop };
      if (text.charCodeAt(index) !== 0x2c) {
        return { error: `unexpected character after closing quote at column ${index + 1}`, end: stop };
      }
      index += 1;
      continue;
    }
    const comma = text.indexOf(',', index);
    const fieldEnd = comma === -1 || comma > stop ? stop : comma;
    const value = text.slice(index, fieldEnd);
    if (value.includes('"')) {
      return { error: `stray quote in unquoted field at column ${index + 1}`, end: stop };
    }
    fields.push(value);
    if (fieldEnd === stop) return { fields, end: stop };
    index = fieldEnd + 1;
  }
}

/**
 * Turns physical lines into CSV records. Call `push` with each line (without its line break) and its
 * 1-based number, then `end` once; both return the records completed so far.
 */
export class CsvLineReader {
  private pending: { line: number; text: string }[] = [];

  push(text: string, line: number): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.pending.push({ line, text: text.endsWith('\r') ? text.slice(0, -1) : text });
    this.drain(out, false);
    return out;
  }

  /** True when no record is half read (no quoted field left open). */
  get idle(): boolean {
    return this.pending.length === 0;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.drain(out, true);
    return out;
  }

  private drain(out: CsvRecord[], atEnd: boolean): void {
    while (this.pending.length > 0) {
      const first = this.pending[0]!;
      const joined =
        this.pending.length === 1 ? first.text : this.pending.map((entry) => entry.text).join('\n');
      const result = parseRecord(joined);
      if ('incomplete' in result) {
        if (!atEnd && this.pending.length < MAX_RECORD_LINES) return;
        // The quote never closes: report the record's first line and re-read the rest as new records.
        out.push({ line: first.line, error: 'unterminated quoted field' });
        this.pending.shift();
        continue;
      }
      // A quote that closed but was followed by garbage takes the lines it spanned down with it.
      const linesUsed = countLineBreaks(joined, result.end) + 1;
      this.pending = this.pending.slice(linesUsed);
      out.push(
        'error' in result
          ? { line: first.line, error: result.error }
          : { line: first.line, fields: result.fields },
      );
    }
  }
}

function countLineBreaks(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1))
    count += 1;
  return count;
}

/** Every record of a whole CSV text (line breaks LF or CRLF). */
export function parseCsv(text: string): CsvRecord[] {
  const reader = new CsvLineReader();
  const out: CsvRecord[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => out.push(...reader.push(line, index + 1)));
  out.push(...reader.end());
  return out;
}
