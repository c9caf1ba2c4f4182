import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as fontkit from 'fontkit';
import { DateTime, IANAZone } from 'luxon';
import PDFDocument from 'pdfkit';

/**
 * R-WORK-4: paper packs of the week's work for learners without a device, or about to leave to
 * isolate (seeds 002, 004). One PDF for the whole input: per learner a cover sheet, each task with
 * space to answer, and a return slip, each learner starting on a new page. No database and no
 * clock: the service loads the work and hands it over as plain values.
 *
 * Type is Lexend (SIL OFL 1.1), drawn to make reading easier for young and struggling readers,
 * shipped as a TTF inside an npm package: nothing is fetched at run time, and it has the letters
 * of names the PDF standard fonts cannot print (Łukasz, Siân, Şahin, Ștefan, Nguyễn).
 */

export interface PackResource {
  kind: 'file' | 'link' | 'video' | 'audio' | 'text';
  title: string;
  url?: string | null;
  body?: string | null;
}

export interface PackTask {
  title: string;
  subject: string;
  instructions: string;
  /** ISO instant. */
  dueAt: string;
  estimatedMinutes: number;
  screenFree: boolean;
  resources: PackResource[];
}

export interface PackLearner {
  name: string;
  className: string;
  tasks: PackTask[];
  /** Who this learner's family should contact, when it is not the pack's own list (a pack of many classes). */
  contact?: PackContact[];
}

export interface PackContact {
  name: string;
  role: string;
  phone?: string | null;
  email?: string | null;
}

export interface PackInput {
  organisationName: string;
  siteName: string;
  /** IANA zone of the site: due times are printed in it. */
  timeZone: string;
  /** ISO date of the Monday. */
  weekOf: string;
  /** ISO date of the last school day of the week. */
  weekEnd: string;
  contact: PackContact[];
  /** ISO date the work should be back by; null: whenever it can be. */
  returnBy: string | null;
  learners: PackLearner[];
}

// ——— Words for dates and times (site time zone, UK English) ———

function localDate(iso: string, what: string): DateTime {
  const d = DateTime.fromISO(iso, { zone: 'UTC' });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`${what} is not a date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return d;
}

/** "Friday 4 December 2026". */
function dateInWords(iso: string, what: string): string {
  return localDate(iso, what).toFormat('cccc d LLLL yyyy');
}

/** "Monday 23 November to Friday 27 November 2026" (both years when the week spans two). */
function weekInWords(weekOf: string, weekEnd: string): string {
  const from = localDate(weekOf, 'weekOf');
  const to = localDate(weekEnd, 'weekEnd');
  return `${from.toFormat(from.year === to.year ? 'cccc d LLLL' : 'cccc d LLLL yyyy')} to ${to.toFormat('cccc d LLLL yyyy')}`;
}

/** "3pm", "9:30am", "midday", "midnight". */
function clockInWords(t: DateTime): string {
  if (t.minute === 0 && t.hour === 12) return 'midday';
  if (t.minute === 0 && t.hour === 0) return 'midnight';
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12;
  return `${hour}${t.minute === 0 ? '' : `:${String(t.minute).padStart(2, '0')}`}${t.hour < 12 ? 'am' : 'pm'}`;
}

/** "Due Wednesday 25 November at 3pm", in the site's time zone; the year only when it is not the week's. */
function dueInWords(dueAt: string, zone: string, weekYear: number): string {
  const due = DateTime.fromISO(dueAt, { zone });
  return `Due ${due.toFormat(due.year === weekYear ? 'cccc d LLLL' : 'cccc d LLLL yyyy')} at ${clockInWords(due)}`;
}

/** "About 45 minutes", "About 1 hour 30 minutes"; null when no estimate was given. */
function minutesInWords(minutes: number): string | null {
  if (!(minutes > 0)) return null;
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const parts = [h ? `${h} hour${h === 1 ? '' : 's'}` : '', rest ? `${rest} minute${rest === 1 ? '' : 's'}` : ''];
  return `About ${parts.filter(Boolean).join(' ')}`;
}

function packTitle(input: PackInput): string {
  const classes = [...new Set(input.learners.map((l) => l.className))];
  const who = classes.length === 0 ? 'no learners' : classes.length <= 3 ? classes.join(', ') : `${classes.length} classes`;
  return `Paper pack: ${who} week of ${localDate(input.weekOf, 'weekOf').toFormat('d LLLL yyyy')}`;
}

function schoolName(input: PackInput): string {
  return input.siteName === input.organisationName || !input.siteName ? input.organisationName : `${input.siteName}, ${input.organisationName}`;
}

/** Everything that could fail is checked before the first byte, so nothing half-made is sent. */
function checkInput(input: PackInput): void {
  if (!IANAZone.isValidZone(input.timeZone)) throw new RangeError(`timeZone is not a time zone: ${JSON.stringify(input.timeZone)}`);
  weekInWords(input.weekOf, input.weekEnd);
  if (input.returnBy !== null) dateInWords(input.returnBy, 'returnBy');
  for (const l of input.learners) {
    for (const t of l.tasks) {
      if (!DateTime.fromISO(t.dueAt).isValid) throw new RangeError(`The due time of "${t.title}" for ${l.name} is not an ISO instant: ${JSON.stringify(t.dueAt)}`);
    }
  }
}

// ——— Type ———

interface PackFonts {
  regular: Buffer;
  bold: Buffer;
  /** Whether both weights can print this code point. */
  prints(codePoint: number): boolean;
}

let fonts: PackFonts | undefined;

function packFonts(): PackFonts {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const file = (weight: string) => readFileSync(require.resolve(`@expo-google-fonts/lexend/${weight}/Lexend_${weight}.ttf`));
  const regular = file('400Regular');
  const bold = file('700Bold');
  const faces = [regular, bold].map((b) => fontkit.create(b)).map((f) => ('hasGlyphForCodePoint' in f ? f : f.fonts[0]!));
  const known = new Map<number, boolean>();
  const prints = (cp: number) => {
    let yes = known.get(cp);
    if (yes === undefined) known.set(cp, (yes = faces.every((f) => f.hasGlyphForCodePoint(cp))));
    return yes;
  };
  return (fonts = { regular, bold, prints });
}

/**
 * Text the font can print: a letter it lacks loses its accent (ō → o) or becomes "?", emoji and
 * control characters go, so nothing prints as an empty box.
 */
function printable(text: string, prints: (cp: number) => boolean): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\t') out += '    ';
    else if (/[\p{Cc}\p{Cf}\p{Extended_Pictographic}\uFE0E\uFE0F]/u.test(ch)) continue;
    else if (prints(cp)) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => prints(c.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}

// ——— Layout (A4, points) ———

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56; // about 2 cm: clear of any printer's edge
const FOOTER = 28; // kept free below the content for the page number
const LEFT = MARGIN;
const WIDTH = PAGE.width - 2 * MARGIN;
const TOP = MARGIN;
const BOTTOM = PAGE.height - MARGIN - FOOTER;
const SIZE = { small: 10, body: 12, heading: 15, title: 20, name: 28 };
const LINE_GAP = 3;
const RULE = 28; // 1 cm between answer lines: room for a child's handwriting
const INK = '#000000';
const GREY = '#4a4a4a';
const PALE = '#8c8c8c';

type Face = 'regular' | 'bold';

interface Style {
  face?: Face;
  size?: number;
  color?: string;
  indent?: number;
  align?: 'left' | 'center';
}

/** Writes one learner after another into one document. */
class PackWriter {
  private readonly weekYear: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly input: PackInput,
    private readonly fonts: PackFonts,
  ) {
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    this.weekYear = localDate(input.weekOf, 'weekOf').year;
  }

  learner(l: PackLearner): void {
    this.cover(l);
    l.tasks.forEach((t, i) => this.task(t, i, l.tasks.length, i === l.tasks.length - 1 ? this.slipHeight(l) : 0));
    if (l.tasks.length) this.returnSlip(l);
    this.numberPages(l.name);
  }

  /** A document with no learners still opens: one page says so. */
  nobody(): void {
    this.doc.addPage();
    this.write('There are no learners in this pack.', { face: 'bold', size: SIZE.heading });
  }

  // ——— Cover sheet ———

  private cover(l: PackLearner): void {
    const { input } = this;
    this.doc.addPage();
    this.write(`Paper pack from ${schoolName(input)}`, { face: 'bold', size: SIZE.small, color: GREY });
    this.space(6);
    this.write(l.name, { face: 'bold', size: SIZE.name });
    this.write(`Class ${l.className}`, { size: SIZE.heading });
    this.space(10);
    this.write(`Work for the week: ${weekInWords(input.weekOf, input.weekEnd)}`, { face: 'bold' });
    this.space(8);
    this.rule();

    this.heading('What is in this pack');
    if (l.tasks.length === 0) this.write(`There is no work set for ${l.name} this week.`, { face: 'bold' });
    l.tasks.forEach((t, i) => this.bullet(`${i + 1}.`, `${t.subject}: ${t.title}. ${dueInWords(t.dueAt, input.timeZone, this.weekYear)}.`));

    this.heading('Who to contact');
    const contact = l.contact ?? input.contact;
    if (contact.length === 0) this.write('Please contact the school office.');
    for (const c of contact) {
      this.keepTogether(3);
      this.write(`${c.name}, ${c.role}`, { face: 'bold' });
      if (c.phone) this.write(`Phone: ${c.phone}`, { indent: 16 });
      if (c.email) this.write(`Email: ${c.email}`, { indent: 16 });
      this.space(4);
    }

    this.heading('For parents and carers');
    for (const p of this.parentNote(l)) {
      this.write(p);
      this.space(6);
    }
  }

  private parentNote(l: PackLearner): string[] {
    if (l.tasks.length === 0) {
      return [
        'Dear parent or carer,',
        `There is no work set for ${l.name} this week. If you think something is missing, or your child would like something to do, please get in touch with us using the details above.`,
        'Thank you.',
      ];
    }
    const back = this.input.returnBy
      ? `by ${dateInWords(this.input.returnBy, 'returnBy')}`
      : 'to school as soon as you can';
    return [
      'Dear parent or carer,',
      `This pack has the work set for ${l.name} this week, so that learning can carry on at home. Each task says when it is due and about how long it should take. There is space after each task to write answers, and extra paper is fine too.`,
      'It helps to find a quiet place and a regular time each day. Please do not worry if not everything gets finished: a little every day matters more. If anything is unclear, or you need more paper or some help, please get in touch using the details above.',
      `When the work is done, please fill in the return slip at the end of this pack and send it back with the work ${back}.`,
      'Thank you for your help.',
    ];
  }

  // ——— A task ———

  private task(t: PackTask, i: number, count: number, reserve: number): void {
    this.doc.addPage();
    this.write(`Task ${i + 1} of ${count} · ${t.subject}`, { face: 'bold', size: SIZE.small, color: GREY });
    this.write(t.title, { face: 'bold', size: SIZE.title });
    this.space(6);
    this.write(`${dueInWords(t.dueAt, this.input.timeZone, this.weekYear)}.`, { face: 'bold' });
    const time = minutesInWords(t.estimatedMinutes);
    if (time) this.write(`${time}.`);
    this.write(t.screenFree ? 'Screen-free: you can do all of this on paper.' : 'This task was set to be done on a screen. Do what you can on paper, and ask school if you get stuck.');
    this.space(6);
    this.rule();

    this.heading('What to do');
    if (t.instructions.trim()) this.paragraphs(t.instructions);
    else this.write('No instructions came with this task. Ask school if you are not sure what to do.');

    if (t.resources.length) {
      this.heading('Things to use');
      for (const r of t.resources) this.resource(r);
    }
    this.answerSpace(t, reserve);
  }

  /** A resource as it can be used on paper. */
  private resource(r: PackResource): void {
    this.keepTogether(3);
    switch (r.kind) {
      case 'link':
        this.write(`Link: ${r.title}`, { face: 'bold' });
        this.write(r.url ? 'If you can get online, go to this address:' : 'Ask school for this link.', { indent: 16 });
        break;
      case 'text':
        this.write(r.title, { face: 'bold' });
        break;
      case 'video':
        this.write(`Video: ${r.title}`, { face: 'bold' });
        this.write('Watch it online, or ask school for a copy on paper.', { indent: 16 });
        break;
      case 'audio':
        this.write(`Recording: ${r.title}`, { face: 'bold' });
        this.write('Listen to it online, or ask school for a copy on paper.', { indent: 16 });
        break;
      case 'file':
        this.write(`File: ${r.title}`, { face: 'bold' });
        this.write('If it is not with this pack, ask school for a printed copy.', { indent: 16 });
        break;
    }
    if (r.url) this.write(r.url, { size: SIZE.small + 1, indent: 16 });
    if (r.kind === 'text' && r.body?.trim()) this.paragraphs(r.body, 16);
    this.space(6);
  }

  /** Ruled lines: at least a third of a page, about a line for every 4 minutes of work, to the page's foot. */
  private answerSpace(t: PackTask, reserve: number): void {
    const third = (BOTTOM - TOP) / 3;
    const wanted = Math.min(Math.max(third, Math.ceil((t.estimatedMinutes || 0) / 4) * RULE), 2 * (BOTTOM - TOP));
    const label = (continued: boolean) => {
      this.write(continued ? `Your answer: ${t.title} (continued)` : 'Your answer', { face: 'bold', size: SIZE.heading });
    };
    this.space(10);
    if (this.doc.y + 30 + third > BOTTOM) this.doc.addPage();
    label(false);
    let drawn = 0;
    let y = this.doc.y + RULE;
    for (;;) {
      if (y > BOTTOM) {
        if (drawn >= wanted) break;
        this.doc.addPage();
        label(true);
        y = this.doc.y + RULE;
      }
      if (drawn >= wanted && y + 12 + reserve > BOTTOM) break;
      this.doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(0.6).strokeColor(PALE).stroke();
      drawn += RULE;
      y += RULE;
    }
    this.doc.y = y - RULE + 12;
  }

  // ——— Return slip ———

  private slipRows(l: PackLearner): string[] {
    return l.tasks.map((t) => `${t.subject}: ${t.title}`);
  }

  /** Height of the slip, so it can share the last task's page when it fits. */
  private slipHeight(l: PackLearner): number {
    const { doc } = this;
    doc.font('regular').fontSize(SIZE.body);
    const rows = this.slipRows(l).reduce((h, r) => h + doc.heightOfString(printable(r, this.fonts.prints), { width: WIDTH - 24, lineGap: LINE_GAP }) + 4, 0);
    const line = SIZE.body * 1.25 + LINE_GAP;
    const fixed = 40 + 26 + 3 * line + 12 + 2 * 34 + 2 * line;
    const h = fixed + rows;
    return h <= (BOTTOM - TOP) / 2 ? h : 0;
  }

  private returnSlip(l: PackLearner): void {
    const { doc } = this;
    const height = this.slipHeight(l);
    if (height === 0 || doc.y + height > BOTTOM) doc.addPage();
    else {
      const y = doc.y + 10;
      doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).dash(5, { space: 4 }).lineWidth(0.8).strokeColor(INK).stroke().undash();
      doc.y = y + 4;
      this.write('Cut or tear along the dashed line and send this slip back with the work.', { size: SIZE.small, color: GREY });
      this.space(6);
    }
    this.write('Return slip', { face: 'bold', size: SIZE.heading });
    this.write(`Learner: ${l.name}`);
    this.write(`Class: ${l.className}`);
    this.write('Tick each piece of work you are handing in:');
    this.space(4);
    for (const row of this.slipRows(l)) {
      this.keepTogether(1);
      const y = doc.y;
      doc.rect(LEFT + 1, y + 2, 12, 12).lineWidth(1).strokeColor(INK).stroke();
      this.write(row, { indent: 24 });
      this.space(4);
    }
    this.space(8);
    this.fillIn('Handed in on');
    this.fillIn('Parent or carer signature');
    const by = this.input.returnBy ? `by ${dateInWords(this.input.returnBy, 'returnBy')}` : 'as soon as you can';
    this.write(`Please return this slip and the work to school ${by}.`, { face: 'bold' });
  }

  /** A label and a line to write on. */
  private fillIn(label: string): void {
    const { doc } = this;
    this.keepTogether(2);
    const y = doc.y + 10;
    doc.font('regular').fontSize(SIZE.body).fillColor(INK).text(printable(label, this.fonts.prints), LEFT, y, { lineBreak: false });
    const start = LEFT + doc.widthOfString(label) + 10;
    doc.moveTo(start, y + SIZE.body).lineTo(Math.min(start + 240, LEFT + WIDTH), y + SIZE.body).lineWidth(0.8).strokeColor(INK).stroke();
    doc.y = y + 24;
  }

  // ——— Pages ———

  /** "Page n of m for <learner>" on each of this learner's pages, then out they go. */
  private numberPages(name: string): void {
    const { doc } = this;
    const { start, count } = doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      doc.switchToPage(start + i);
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, bottom: 0 };
      doc
        .font('regular')
        .fontSize(10)
        .fillColor(GREY)
        .text(printable(`Page ${i + 1} of ${count} for ${name}`, this.fonts.prints), LEFT, PAGE.height - MARGIN - 10, { width: WIDTH, align: 'center', height: 14, ellipsis: true });
      doc.page.margins = margins;
    }
    doc.flushPages();
  }

  // ——— Text ———

  private write(text: string, style: Style = {}): void {
    const indent = style.indent ?? 0;
    this.doc
      .font(style.face ?? 'regular')
      .fontSize(style.size ?? SIZE.body)
      .fillColor(style.color ?? INK)
      .text(printable(text, this.fonts.prints), LEFT + indent, undefined, { width: WIDTH - indent, lineGap: LINE_GAP, align: style.align ?? 'left' });
  }

  private heading(text: string): void {
    this.space(12);
    this.keepTogether(3);
    this.write(text, { face: 'bold', size: SIZE.heading });
    this.space(2);
  }

  /** Lines as written: a blank line is a paragraph break; "-", "*", "•", "1." and "a)" start list items. */
  private paragraphs(text: string, indent = 0): void {
    for (const line of text.split(/\r\n|\r|\n/)) {
      const item = /^\s*(?:([-*•‣◦–])|(\d{1,3}[.)]|[a-zA-Z][.)]))\s+(.*)$/.exec(line);
      if (!line.trim()) this.space(8);
      else if (item) this.bullet(item[2] ?? '•', item[3] ?? '', indent);
      else this.write(line.trim(), { indent });
    }
  }

  private bullet(marker: string, text: string, indent = 0): void {
    const { doc } = this;
    this.keepTogether(1);
    const y = doc.y;
    doc.font('regular').fontSize(SIZE.body).fillColor(INK).text(printable(marker, this.fonts.prints), LEFT + indent, y, { width: 24, lineBreak: false });
    doc.y = y;
    this.write(text, { indent: indent + 26 });
    this.space(2);
  }

  private rule(): void {
    const y = this.doc.y + 4;
    this.doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(0.8).strokeColor(PALE).stroke();
    this.doc.y = y + 6;
  }

  private space(points: number): void {
    this.doc.y = Math.min(this.doc.y + points, BOTTOM);
  }

  /** A new page unless `lines` body lines still fit on this one. */
  private keepTogether(lines: number): void {
    if (this.doc.y + lines * (SIZE.body * 1.2 + LINE_GAP) > BOTTOM) this.doc.addPage();
  }
}

/** Waits while `out` is full (a slow download), so a class pack is not held in memory. */
async function roomToWrite(out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * R-WORK-4: writes the pack to `out` (ending it), one learner at a time: each learner's pages go
 * out as soon as they are made, then `onLearnerDone(done, total)` reports progress. Bad input
 * (a date or time zone that does not parse) rejects before anything is written.
 */
export async function writePack(input: PackInput, out: Writable, onLearnerDone?: (done: number, total: number) => void): Promise<void> {
  checkInput(input);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, left: LEFT, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    autoFirstPage: false,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: packTitle(input), Author: schoolName(input), Subject: `Work for the week: ${weekInWords(input.weekOf, input.weekEnd)}`, Creator: 'Continuum' },
  });
  const written = pipeline(doc, out);
  try {
    const pack = new PackWriter(doc, input, packFonts());
    const total = input.learners.length;
    if (total === 0) pack.nobody();
    for (let i = 0; i < total && !doc.destroyed; i++) {
      pack.learner(input.learners[i]!);
      await roomToWrite(out);
      onLearnerDone?.(i + 1, total);
    }
    if (!doc.destroyed) doc.end();
  } catch (e) {
    doc.destroy(e instanceof Error ? e : new Error(String(e)));
  }
  await written;
}
