import { Readable } from 'node:stream';
import { parse, type CsvError, type InfoRecord, type Options } from 'csv-parse';
import { where, type RosterProblem } from './problems.js';

/**
 * R-ORG-3: rows of one CSV file, streamed, each with the line it starts on.
 *
 * Accepts a UTF-8 byte-order mark, CRLF or LF line ends, and quoted fields holding commas, quotes
 * and line breaks. A row that breaks CSV quoting or has a different number of fields from the
 * header becomes a problem naming its line, and reading carries on with the next row. A file
 * holding NUL bytes (a spreadsheet or other binary saved as .csv) is reported as not CSV.
 */
export interface CsvRow {
  line: number;
  fields: string[];
}

export interface CsvRowsSink {
  problem(problem: RosterProblem): void;
  /** Source bytes consumed so far in this file. */
  bytes(read: number): void;
  /** The first field of a row that could not be parsed: usually its sourcedId. */
  skipped?(firstField: string): void;
}

/**
 * CRLF (and a lone CR) to LF before parsing, so csv-parse counts one line per line break.
 * Works on bytes: CR and LF never occur inside a multi-byte UTF-8 sequence.
 */
async function* lineFeeds(chunks: AsyncIterable<Uint8Array>, state: { nul: boolean; read: number }, sink: CsvRowsSink) {
  let pendingCr = false;
  for await (const chunk of chunks) {
    state.read += chunk.length;
    if (chunk.includes(0)) {
      state.nul = true;
      return;
    }
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let n = 0;
    let i = 0;
    if (pendingCr) {
      out[n++] = 0x0a;
      if (chunk[0] === 0x0a) i = 1;
      pendingCr = false;
    }
    for (; i < chunk.length; i++) {
      const b = chunk[i] ?? 0;
      if (b !== 0x0d) {
        out[n++] = b;
        continue;
      }
      if (i === chunk.length - 1) {
        pendingCr = true;
      } else {
        out[n++] = 0x0a;
        if (chunk[i + 1] === 0x0a) i++;
      }
    }
    sink.bytes(state.read);
    yield out.subarray(0, n);
  }
  if (pendingCr) yield Buffer.from([0x0a]);
}

function countLineFeeds(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let at = f.indexOf('\n'); at !== -1; at = f.indexOf('\n', at + 1)) n++;
  }
  return n;
}

function malformedMessage(file: string, line: number, error: CsvError, headerFields: number): string {
  const at = where(file, line);
  const code = error.code;
  if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const record = error['record'];
    const got = Array.isArray(record) ? record.length : null;
    return `${at}: this row has ${got ?? 'a different number of'} fields but the header has ${headerFields}; a value containing a comma must be in double quotes.`;
  }
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return `${at}: a double quote opened here is never closed, so the rest of the file cannot be read; close the quote or remove it.`;
  }
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
    return `${at}: a double quote is in the wrong place; quote the whole value and double any quote inside it ("").`;
  }
  return `${at}: this row is not valid CSV (${error.message}).`;
}

/**
 * Yields the header (line 1) and then each data row. Problems go to the sink; the generator
 * ends early only for a file that is not text.
 */
export async function* csvRows(file: string, chunks: AsyncIterable<Uint8Array>, sink: CsvRowsSink): AsyncGenerator<CsvRow> {
  const state = { nul: false, read: 0 };
  let lastLine = 0;
  let headerFields = 0;
  const toRow = (record: string[], context: InfoRecord): CsvRow => {
    lastLine = context.lines;
    if (headerFields === 0) headerFields = record.length;
    return { line: context.lines - countLineFeeds(record), fields: record };
  };
  const parser = parse({
    bom: true,
    record_delimiter: '\n',
    skip_empty_lines: true,
    skip_records_with_error: true,
    // No `raw` and no `info`: both build strings and objects for every row (the raw text three
    // times over). on_record hands over the line count, and the header's width is learnt here
    // because the parser runs ahead of the consumer.
    // csv-parse types a record hook as giving back a record; this one gives the row with its line.
    on_record: toRow as unknown as NonNullable<Options['on_record']>,
    on_skip: (error) => {
      if (error === undefined) return;
      // A row with the wrong number of fields still parsed: its first field is usually its sourcedId.
      const parsed = error['record'];
      if (Array.isArray(parsed) && typeof parsed[0] === 'string') sink.skipped?.(parsed[0].trim());
      const reported = typeof error['lines'] === 'number' ? error['lines'] : lastLine + 1;
      // An unclosed quote is only noticed at the end of the file: point at where it opened.
      const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : reported;
      sink.problem({ file, line, field: null, code: 'organisation.roster.malformed_row', message: malformedMessage(file, line, error, headerFields) });
      lastLine = reported;
      return undefined;
    },
  });

  let rows = 0;
  const records = Readable.from(lineFeeds(chunks, state, sink)).pipe(parser) as AsyncIterable<CsvRow>;
  for await (const row of records) {
    rows++;
    yield row;
  }

  if (state.nul) {
    sink.problem({
      file,
      line: null,
      field: null,
      code: 'organisation.roster.not_csv',
      message: `${file} is not a CSV text file (it holds binary data); export it from the MIS as CSV (UTF-8).`,
    });
  } else if (rows === 0) {
    sink.problem({
      file,
      line: null,
      field: null,
      code: 'organisation.roster.not_csv',
      message: `${file} is empty; even with no records it needs its header row.`,
    });
  }
}
