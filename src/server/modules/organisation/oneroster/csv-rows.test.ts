import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvRows, type CsvRow } from './csv-rows.js';
import type { RosterProblem } from './problems.js';

async function rowsOf(text: string | Uint8Array, chunkSize = 7): Promise<{ rows: CsvRow[]; problems: RosterProblem[] }> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
  }
  const problems: RosterProblem[] = [];
  const rows: CsvRow[] = [];
  for await (const row of csvRows('users.csv', chunks(), { problem: (p) => problems.push(p), bytes: () => undefined })) rows.push(row);
  return { rows, problems };
}

describe('csvRows', () => {
  it('R-ORG-3 reads an Excel-style export: byte-order mark, CRLF, quoted commas, quotes and line breaks', async () => {
    const text = '\uFEFFsourcedId,givenName,familyName\r\nu1,Siobhan,"O\'Neill, Jr"\r\nu2,"Said ""Sid""","Line\r\nbreak"\r\n\r\nu3,Ava,Brown\r\n';
    const { rows, problems } = await rowsOf(text);

    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 1, fields: ['sourcedId', 'givenName', 'familyName'] },
      { line: 2, fields: ['u1', 'Siobhan', "O'Neill, Jr"] },
      { line: 3, fields: ['u2', 'Said "Sid"', 'Line\nbreak'] },
      { line: 6, fields: ['u3', 'Ava', 'Brown'] },
    ]);
  });

  it('R-ORG-3 names the line of a row with too many fields and carries on with the next', async () => {
    const { rows, problems } = await rowsOf('a,b\n1,2\n3,4,5\n6,7\n');

    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(problems).toEqual([
      {
        file: 'users.csv',
        line: 3,
        field: null,
        code: 'organisation.roster.malformed_row',
        message: 'users.csv line 3: this row has 3 fields but the header has 2; a value containing a comma must be in double quotes.',
      },
    ]);
  });

  it('R-ORG-3 points at where an unclosed quote opens, not at the end of the file', async () => {
    const { problems } = await rowsOf('a,b\n1,2\n"3,4\n5,6\n7,8\n');

    expect(problems).toEqual([expect.objectContaining({ line: 3, code: 'organisation.roster.malformed_row' })]);
    expect(problems[0]?.message).toMatch(/^users\.csv line 3: a double quote opened here is never closed/);
  });

  it('R-ORG-3 says a binary file is not CSV', async () => {
    const { rows, problems } = await rowsOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));

    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ file: 'users.csv', line: null, code: 'organisation.roster.not_csv' })]);
  });

  it('R-ORG-3 says an empty file lacks even its header', async () => {
    const { problems } = await rowsOf('');

    expect(problems).toEqual([expect.objectContaining({ code: 'organisation.roster.not_csv', message: 'users.csv is empty; even with no records it needs its header row.' })]);
  });

  it('R-ORG-3 gives the same rows and lines however the bytes are split and whichever line ending is used', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), async (records, crlf, chunk) => {
        const eol = crlf ? '\r\n' : '\n';
        const quote = (v: string) => `"${v.replace(/"/g, '""').replace(/\n/g, eol)}"`;
        const text = ['x,y', ...records.map(([a, b]) => `${quote(a)},${quote(b)}`)].join(eol) + eol;
        const { rows, problems } = await rowsOf(text, chunk);

        expect(problems).toEqual([]);
        expect(rows.slice(1).map((r) => r.fields)).toEqual(records);
        let line = 2;
        rows.slice(1).forEach((r, i) => {
          expect(r.line).toBe(line);
          const [a, b] = records[i] ?? ['', ''];
          line += 1 + (a.split('\n').length - 1) + (b.split('\n').length - 1);
        });
      }),
      { numRuns: 60 },
    );
  });
});
