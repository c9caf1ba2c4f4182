// R-WORK-4 (issue 5): a paper pack PDF for a class of 30 learners with five tasks each, written to a
// file as a download would be. Each run is a child process of its own that reports its own times
// and peak RSS. Baselines, same run, same content: (1) the same 30 learners as 30 one-learner
// packs, one after another (what a class pack saves or costs over printing each learner's own);
// (2) the same text written to a plain text file (the floor for writing the words at all).
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchResult } from './harness.js';
import type { PackInput, PackTask } from '../src/server/modules/work/pack.js';

const LEARNERS = 30;
const TASKS = 5;

interface ChildFigures {
  /** Milliseconds from the call to the first byte reaching the file. */
  firstByteMs: number;
  /** Milliseconds to the first learner reported done. */
  firstLearnerMs: number;
  totalMs: number;
  /** The same again in the same process (fonts loaded, code warm). */
  warmTotalMs: number;
  bytes: number;
  peakRssMb: number;
}

const WORDS = 'the river carries water from the hills to the sea and on the way it shapes valleys moves stones feeds fields and gives homes to fish birds and people who have lived beside it for thousands of years'.split(' ');

function sentence(seed: number, length: number): string {
  const words = Array.from({ length }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]!);
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

/** A Year 5 class's week: about 250 words of instructions per task, a link, a text and a video. */
function classInput(): PackInput {
  const subjects = ['English', 'Maths', 'Science', 'Geography', 'Art'];
  const task = (l: number, t: number): PackTask => ({
    title: `${subjects[t]}: spring week 9, lesson ${t + 1}`,
    subject: subjects[t]!,
    instructions: [
      sentence(l + t, 40),
      sentence(l + t + 1, 45),
      'What to do:',
      `- ${sentence(t, 12)}`,
      `- ${sentence(t + 1, 14)}`,
      `- ${sentence(t + 2, 10)}`,
      sentence(l + t + 2, 50),
      sentence(l + t + 3, 40),
    ].join('\n'),
    dueAt: `2027-03-${String(8 + t).padStart(2, '0')}T15:30:00Z`,
    estimatedMinutes: 30 + 15 * t,
    screenFree: t % 2 === 0,
    resources: [
      { kind: 'link', title: 'Background reading', url: `https://riverside.example/learn/y5/spring-9/${subjects[t]!.toLowerCase()}/lesson-${t + 1}` },
      { kind: 'text', title: 'Word bank', body: sentence(t + 4, 30) },
      { kind: 'video', title: 'Lesson video', url: `https://riverside.example/video/${t + 1}` },
    ],
  });
  // A one-site academy in spring: the site and the organisation share a name.
  return {
    organisationName: 'Riverside Academy',
    siteName: 'Riverside Academy',
    timeZone: 'Europe/London',
    weekOf: '2027-03-08',
    weekEnd: '2027-03-12',
    contact: [{ name: 'Mrs Helen Ward', role: 'Head of Year 5', phone: null, email: 'year5@riverside.example' }],
    returnBy: null,
    learners: Array.from({ length: LEARNERS }, (_, l) => ({ name: `Learner ${l + 1} Example`, className: '5B', tasks: Array.from({ length: TASKS }, (_, t) => task(l, t)) })),
  };
}

/** The same words as plain text, for the floor. */
function* asText(input: PackInput): Generator<string> {
  for (const l of input.learners) {
    yield `${l.name}\nClass ${l.className}\n${input.weekOf} to ${input.weekEnd}\n${input.contact.map((c) => `${c.name}, ${c.role}, ${c.phone ?? ''} ${c.email ?? ''}`).join('\n')}\n`;
    for (const t of l.tasks) {
      yield `\n${t.subject}: ${t.title}\nDue ${t.dueAt}\n${t.instructions}\n${t.resources.map((r) => `${r.title} ${r.url ?? ''} ${r.body ?? ''}`).join('\n')}\n`;
    }
    yield `\nReturn slip: ${l.name}\n${l.tasks.map((t) => `[ ] ${t.title}`).join('\n')}\n`;
  }
}

/** A file sink that notes when its first byte arrives, and keeps the writer's backpressure. */
function fileSink(file: string, started: number): { out: Writable; firstByteMs: () => number; bytes: () => number } {
  const disk = createWriteStream(file);
  let first = 0;
  let bytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (bytes === 0) first = performance.now() - started;
      bytes += chunk.length;
      disk.write(chunk, done);
    },
    final(done) {
      disk.end(done);
    },
  });
  return { out, firstByteMs: () => first, bytes: () => bytes };
}

async function child(mode: string, dir: string): Promise<ChildFigures> {
  const { writePack } = await import('../src/server/modules/work/pack.js');
  const input = classInput();
  const once = async (run: number) => {
    const started = performance.now();
    let firstLearnerMs = 0;
    let firstByteMs = 0;
    let bytes = 0;
    if (mode === 'class') {
      const sink = fileSink(path.join(dir, `class-${run}.pdf`), started);
      await writePack(input, sink.out, (done) => {
        if (done === 1) firstLearnerMs = performance.now() - started;
      });
      ({ firstByteMs, bytes } = { firstByteMs: sink.firstByteMs(), bytes: sink.bytes() });
    } else if (mode === 'one-by-one') {
      for (const [i, learner] of input.learners.entries()) {
        const sink = fileSink(path.join(dir, `one-${run}-${i}.pdf`), started);
        await writePack({ ...input, learners: [learner] }, sink.out);
        if (i === 0) ({ firstByteMs, firstLearnerMs } = { firstByteMs: sink.firstByteMs(), firstLearnerMs: performance.now() - started });
        bytes += sink.bytes();
      }
    } else if (mode === 'text') {
      const sink = fileSink(path.join(dir, `class-${run}.txt`), started);
      for (const part of asText(input)) if (!sink.out.write(part)) await new Promise((r) => sink.out.once('drain', r));
      await new Promise<void>((resolve, reject) => sink.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      ({ firstByteMs, bytes } = { firstByteMs: sink.firstByteMs(), bytes: sink.bytes() });
      firstLearnerMs = firstByteMs;
    } else throw new Error(`unknown mode ${mode}`);
    return { firstByteMs, firstLearnerMs, totalMs: performance.now() - started, bytes };
  };
  const cold = await once(1);
  const warm = await once(2);
  return { ...cold, warmTotalMs: warm.totalMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function inChild(mode: string, dir: string): Promise<ChildFigures> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, dir], { cwd: ROOT, maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildFigures;
}

export async function benchPack(): Promise<BenchResult> {
  const { round } = await import('./harness.js');
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'continuum-bench-pack-'));
  try {
    const text = await inChild('text', dir);
    const separate = await inChild('one-by-one', dir);
    const pack = await inChild('class', dir);
    const pdf = await getDocument({ data: new Uint8Array(await readFile(path.join(dir, 'class-1.pdf'))), verbosity: 0 }).promise;
    const pages = pdf.numPages;
    await pdf.destroy();
    const ms = (n: number) => round(n, 0);
    const oneByOne = (value: number) => ({ name: `${LEARNERS} one-learner packs, one after another`, value });
    const plain = (value: number) => ({ name: 'the same text to a plain text file', value });
    return {
      bench: 'pack',
      figures: [
        { name: `class paper pack (${LEARNERS} learners × ${TASKS} tasks), fresh process: time to first byte`, value: ms(pack.firstByteMs), unit: 'ms', baseline: oneByOne(ms(separate.firstByteMs)) },
        { name: 'class paper pack: first learner reported done (progress)', value: ms(pack.firstLearnerMs), unit: 'ms' },
        { name: 'class paper pack: total, fresh process', value: ms(pack.totalMs), unit: 'ms', baseline: oneByOne(ms(separate.totalMs)) },
        { name: 'class paper pack: total, fresh process (against plain text)', value: ms(pack.totalMs), unit: 'ms', baseline: plain(round(text.totalMs, 1)) },
        { name: 'class paper pack: total, second pack in the same process', value: ms(pack.warmTotalMs), unit: 'ms', baseline: oneByOne(ms(separate.warmTotalMs)) },
        { name: 'class paper pack: size', value: round(pack.bytes / 1024, 0), unit: 'KB', baseline: oneByOne(round(separate.bytes / 1024, 0)) },
        { name: 'class paper pack: pages', value: pages, unit: 'pages' },
        { name: 'class paper pack: peak RSS of the writing process', value: round(pack.peakRssMb), unit: 'MB', baseline: plain(round(text.peakRssMb)) },
      ],
      notes: [
        `Plain text of the same words: ${round(text.bytes / 1024, 0)} KB in ${round(text.totalMs, 1)} ms.`,
        'Each row from its own child process (node --import tsx), writing to a file; the peak includes Node and tsx (about 90 MB) and two packs in a row.',
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const [, entry, flag, mode, dir] = process.argv;
if (flag === '--child' && entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url)) {
  child(mode ?? '', dir ?? '').then(
    (figures) => {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
