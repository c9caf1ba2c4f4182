import { Writable } from 'node:stream';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePack, type PackInput, type PackLearner, type PackTask } from './pack.js';

// The pack is read back as a person's PDF reader would: pdfjs-dist (Mozilla's pdf.js) opens it and
// gives each page's text with where it sits, so the tests see what prints and where.

const A4_WIDTH = 595.28;
const MARGIN = 56;

interface PageText {
  text: string;
  /** Text runs with their left edge and width, in points. */
  runs: { str: string; x: number; width: number }[];
}

interface ReadPack {
  bytes: Buffer;
  pages: PageText[];
  info: Record<string, unknown>;
}

async function render(input: PackInput, onLearnerDone?: (done: number, total: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writePack(input, out, onLearnerDone);
  return Buffer.concat(chunks);
}

async function read(bytes: Buffer): Promise<ReadPack> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const runs = content.items.flatMap((item) => ('str' in item && item.str.trim() ? [{ str: item.str, x: item.transform[4] as number, width: item.width }] : []));
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    pages.push({ text, runs });
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { bytes, pages, info: info as Record<string, unknown> };
}

/** Text as one line with single spaces: where a line wraps does not matter to a reader. */
const flat = (s: string) => s.replace(/\s+/g, ' ');
/** All the pack's text, without the page footers (a paragraph can run on over a page break). */
const allText = (p: ReadPack) => flat(p.pages.map((x) => x.text.replace(/Page \d+ of \d+ for [^\n]*/, '')).join('\n'));
/** Text with no spaces at all, for a long address broken over lines. */
const squeezed = (s: string) => s.replace(/\s+/g, '');

/** The pages of one learner: from their cover to the page before the next learner's cover. */
function pagesOf(p: ReadPack, name: string): PageText[] {
  return p.pages.filter((page) => new RegExp(`Page \\d+ of \\d+ for ${name}`).test(flat(page.text)));
}

const SUBJECTS = ['English', 'Maths', 'Science', 'History', 'Art'];

function task(learner: number, i: number, over: Partial<PackTask> = {}): PackTask {
  return {
    title: `${SUBJECTS[i]} task ${i + 1} for learner ${learner}`,
    subject: SUBJECTS[i]!,
    instructions: `Read page ${10 + i} of your ${SUBJECTS[i]} book (learner ${learner}).\n\nThen:\n- answer question one\n- answer question two`,
    dueAt: `2026-11-${23 + i}T15:00:00Z`,
    estimatedMinutes: 20 + 10 * i,
    screenFree: i % 2 === 0,
    resources: [],
    ...over,
  };
}

function classPack(learners: PackLearner[], over: Partial<PackInput> = {}): PackInput {
  return {
    organisationName: 'Northfield Learning Trust',
    siteName: 'Oakfield Primary School',
    timeZone: 'Europe/London',
    weekOf: '2026-11-23',
    weekEnd: '2026-11-27',
    contact: [
      { name: 'Ms Priya Shah', role: 'Class teacher', phone: '01632 960 123', email: 'p.shah@oakfield.example' },
      { name: 'Mr Tom Evans', role: 'School office', phone: '01632 960 100', email: null },
    ],
    returnBy: '2026-12-04',
    learners,
    ...over,
  };
}

const NAMES = ['Amira Khan', 'Łukasz Wójcik', 'Nguyễn Thị Lan'];

describe('paper packs (R-WORK-4)', () => {
  const progress: [number, number][] = [];
  let pack: ReadPack;

  beforeAll(async () => {
    const input = classPack(NAMES.map((name, l) => ({ name, className: '5B', tasks: SUBJECTS.map((_, i) => task(l + 1, i)) })));
    pack = await read(await render(input, (done, total) => progress.push([done, total])));
  });

  it('R-WORK-4 makes one real PDF for the class, titled for the class and week, by the school', () => {
    expect(pack.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pack.info.Title).toBe('Paper pack: 5B week of 23 November 2026');
    expect(pack.info.Author).toBe('Oakfield Primary School, Northfield Learning Trust');
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('R-WORK-4 starts each learner on a new page with a cover sheet, numbered "Page n of m for <learner>"', () => {
    for (const name of NAMES) {
      const pages = pagesOf(pack, name);
      // A cover, five tasks with space to answer, and a return slip.
      expect(pages.length).toBeGreaterThanOrEqual(6);
      pages.forEach((page, i) => expect(flat(page.text)).toContain(`Page ${i + 1} of ${pages.length} for ${name}`));
      const cover = flat(pages[0]!.text);
      expect(cover).toContain(name);
      expect(cover).toContain('Class 5B');
      expect(cover).toContain('Work for the week: Monday 23 November to Friday 27 November 2026');
      expect(cover).toContain('Oakfield Primary School');
    }
    expect(NAMES.reduce((n, name) => n + pagesOf(pack, name).length, 0)).toBe(pack.pages.length);
  });

  it("R-WORK-4 prints every task's subject, title and instructions, with bullets kept, in the learner's own pages", () => {
    NAMES.forEach((name, l) => {
      const text = flat(pagesOf(pack, name).map((p) => p.text).join('\n'));
      SUBJECTS.forEach((subject, i) => {
        expect(text).toContain(`Task ${i + 1} of 5 · ${subject}`);
        expect(text).toContain(`${subject} task ${i + 1} for learner ${l + 1}`);
        expect(text).toContain(`Read page ${10 + i} of your ${subject} book (learner ${l + 1}).`);
      });
      expect(text).toMatch(/• answer question one • answer question two/);
      expect(text).not.toContain(`learner ${((l + 1) % 3) + 1})`);
    });
  });

  it('R-WORK-4 says how long each task takes, whether it needs a screen, and gives room to answer', () => {
    const text = allText(pack);
    expect(text).toContain('About 20 minutes.');
    expect(text).toContain('About 1 hour.');
    expect(text).toContain('Screen-free: you can do all of this on paper.');
    expect(text).toContain('This task was set to be done on a screen. Do what you can on paper');
    expect(text.match(/Your answer/g)?.length).toBeGreaterThanOrEqual(15);
  });

  it('R-WORK-4 says who to contact, with a kind note for parents and carers', () => {
    const cover = flat(pagesOf(pack, 'Amira Khan')[0]!.text);
    for (const s of ['Who to contact', 'Ms Priya Shah, Class teacher', 'Phone: 01632 960 123', 'Email: p.shah@oakfield.example', 'Mr Tom Evans, School office', 'Phone: 01632 960 100']) {
      expect(cover).toContain(s);
    }
    expect(cover).toContain('Dear parent or carer,');
    expect(cover).toContain('Please do not worry if not everything gets finished');
    expect(cover).toContain('send it back with the work by Friday 4 December 2026.');
    expect(cover).toContain('English: English task 1 for learner 1. Due Monday 23 November at 3pm.');
  });

  it('R-WORK-4 ends each learner with a return slip listing their tasks to tick', () => {
    for (const name of NAMES) {
      const pages = pagesOf(pack, name);
      const last = flat(pages[pages.length - 1]!.text);
      expect(last).toContain('Return slip');
      expect(last).toContain(`Learner: ${name}`);
      expect(last).toContain('Class: 5B');
      expect(last).toContain('Tick each piece of work you are handing in');
      for (const [i, subject] of SUBJECTS.entries()) expect(last).toContain(`${subject}: ${subject} task ${i + 1} for learner ${NAMES.indexOf(name) + 1}`);
      expect(last).toContain('Handed in on');
      expect(last).toContain('Parent or carer signature');
      expect(last).toContain('Please return this slip and the work to school by Friday 4 December 2026.');
    }
  });

  it('R-WORK-4 prints names with letters beyond English as they are spelt', () => {
    const text = allText(pack);
    expect(text).toContain('Łukasz Wójcik');
    expect(text).toContain('Nguyễn Thị Lan');
  });

  it('R-WORK-4 keeps all text inside the margins', () => {
    for (const page of pack.pages) {
      for (const run of page.runs) {
        expect(run.x).toBeGreaterThanOrEqual(MARGIN - 0.5);
        expect(run.x + run.width).toBeLessThanOrEqual(A4_WIDTH - MARGIN + 0.5);
      }
    }
  });
});

describe('paper pack due times (R-WORK-4)', () => {
  it.each([
    ['in summer (BST)', '2026-07-08T14:30:00Z', 'Due Wednesday 8 July at 3:30pm'],
    ['on the Friday before the October clock change (BST)', '2026-10-23T14:00:00Z', 'Due Friday 23 October at 3pm'],
    ['on the Monday after the October clock change (GMT)', '2026-10-26T09:00:00Z', 'Due Monday 26 October at 9am'],
    ['at midday in winter', '2026-11-25T12:00:00Z', 'Due Wednesday 25 November at midday'],
    ['in the next year', '2027-01-04T09:15:00Z', 'Due Monday 4 January 2027 at 9:15am'],
  ])('R-WORK-4 says when work is due in words, in the site time zone: %s', async (_case, dueAt, words) => {
    const input = classPack([{ name: 'Amira Khan', className: '5B', tasks: [task(1, 0, { dueAt })] }], { weekOf: '2026-10-19', weekEnd: '2026-10-23' });
    const text = allText(await read(await render(input)));
    expect(text).toContain(`${words}.`);
  });
});

describe('paper packs with awkward content (R-WORK-4)', () => {
  const url = `https://resources.example.org/${'unbrokenpathsegment'.repeat(25)}?learner=5B`;
  const paragraph = (n: number) => `Paragraph ${n}: write about the water cycle in your own words, then draw and label a diagram of evaporation, condensation and rain.`;
  const longInstructions = Array.from({ length: 60 }, (_, i) => paragraph(i + 1)).join('\n\n');
  let pack: ReadPack;

  beforeAll(async () => {
    const long = task(1, 2, {
      title: 'The water cycle',
      instructions: longInstructions,
      estimatedMinutes: 180,
      resources: [
        { kind: 'link', title: 'Water cycle pictures', url },
        { kind: 'text', title: 'Key words', body: 'evaporation\ncondensation\n\n- precipitation 🌧️' },
        { kind: 'video', title: 'Clouds explained', url: 'https://video.example.org/v/42' },
        { kind: 'audio', title: 'A rain story', url: null },
        { kind: 'file', title: 'Diagram sheet', url: null },
      ],
    });
    pack = await read(await render(classPack([{ name: 'Amira Khan', className: '5B', tasks: [long] }])));
  });

  it('R-WORK-4 breaks a long web address over lines, inside the margins, and keeps it whole', () => {
    expect(squeezed(allText(pack))).toContain(url);
    for (const page of pack.pages) for (const run of page.runs) expect(run.x + run.width).toBeLessThanOrEqual(A4_WIDTH - MARGIN + 0.5);
  });

  it('R-WORK-4 prints three pages of instructions in full, over as many pages as they need', () => {
    const text = allText(pack);
    for (let n = 1; n <= 60; n++) expect(text).toContain(paragraph(n));
    expect(pack.pages.length).toBeGreaterThanOrEqual(6);
    pack.pages.forEach((page, i) => expect(flat(page.text)).toContain(`Page ${i + 1} of ${pack.pages.length} for Amira Khan`));
  });

  it('R-WORK-4 lists resources as they can be used on paper', () => {
    const text = allText(pack);
    expect(text).toContain('Link: Water cycle pictures If you can get online, go to this address:');
    expect(text).toContain('Key words evaporation condensation • precipitation');
    expect(text).toContain('Video: Clouds explained Watch it online, or ask school for a copy on paper. https://video.example.org/v/42');
    expect(text).toContain('Recording: A rain story Listen to it online, or ask school for a copy on paper.');
    expect(text).toContain('File: Diagram sheet If it is not with this pack, ask school for a printed copy.');
  });

  it('R-WORK-4 gives a three-hour task more than a page of lines to answer on', () => {
    const answerPages = pack.pages.filter((p) => /Your answer/.test(p.text));
    expect(answerPages.length).toBeGreaterThanOrEqual(2);
    expect(allText(pack)).toContain('Your answer: The water cycle (continued)');
  });
});

describe('paper packs for learners with nothing set (R-WORK-4)', () => {
  it('R-WORK-4 gives a learner with no work a cover page saying so, and no return slip', async () => {
    const pack = await read(
      await render(
        classPack([
          { name: 'Amira Khan', className: '5B', tasks: [] },
          { name: 'Ben Okafor', className: '5B', tasks: [task(2, 0)] },
        ]),
      ),
    );
    const amira = pagesOf(pack, 'Amira Khan');
    expect(amira).toHaveLength(1);
    const cover = flat(amira[0]!.text);
    expect(cover).toContain('There is no work set for Amira Khan this week.');
    expect(cover).toContain('Ms Priya Shah, Class teacher');
    expect(cover).not.toContain('Return slip');
    expect(allText(pack)).toContain('English task 1 for learner 2');
  });

  it('R-WORK-4 asks for the work back as soon as possible when no return date is set', async () => {
    const text = allText(await read(await render(classPack([{ name: 'Amira Khan', className: '5B', tasks: [task(1, 0)] }], { returnBy: null }))));
    expect(text).toContain('Please return this slip and the work to school as soon as you can.');
  });
});

describe('writing a paper pack (R-WORK-4)', () => {
  it('R-WORK-4 sends each learner\'s pages before reporting them done, so a download starts at once', async () => {
    const seen: number[] = [];
    let bytes = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const input = classPack(NAMES.map((name, l) => ({ name, className: '5B', tasks: [task(l + 1, 0)] })));
    await writePack(input, out, () => seen.push(bytes));
    expect(seen[0]).toBeGreaterThan(2_000);
    expect(seen[0]).toBeLessThan(seen[1]!);
    expect(seen[1]).toBeLessThan(seen[2]!);
    expect(bytes).toBeGreaterThan(seen[2]!);
    expect(out.writableFinished).toBe(true);
  });

  it('R-WORK-4 refuses a due time that is not a time before writing anything', async () => {
    let bytes = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const input = classPack([{ name: 'Amira Khan', className: '5B', tasks: [task(1, 0, { dueAt: 'next Tuesday' })] }]);
    await expect(writePack(input, out)).rejects.toThrow('The due time of "English task 1 for learner 1" for Amira Khan is not an ISO instant');
    expect(bytes).toBe(0);
  });
});
