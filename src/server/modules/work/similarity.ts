/**
 * R-WORK-7 (seed 003: work submitted is the learner's own): text answers to the same piece of work
 * are compared pair by pair, and pairs at or above the policy's `similarityThreshold` are shown to
 * the teacher with the matching passages highlighted.
 *
 * How: each answer is split into words (letters and digits only, lower-cased, accents and
 * apostrophes dropped, so case, punctuation, spacing and line breaks cannot hide copying) and every
 * run of GRAM consecutive words is fingerprinted once. Two answers share a word when it sits in a
 * run both contain; gaps of up to MAX_GAP words between shared stretches are bridged, so a copied
 * passage with a few words changed or swapped still shows whole. Runs that also occur in the task's
 * instructions are discounted. Pure: no I/O, no clock; the service decides when to call it.
 *
 * We wrote it by hand: the winnowing library on npm (@dodona/dolos-lib) is built for source code
 * on native tree-sitter parsers, and the string-similarity packages give a score but no passages.
 */

export interface TextAnswer {
  id: string;
  learnerId: string;
  text: string;
}

/** Character offsets into the original text, end exclusive: `text.slice(start, end)` is the passage. */
export interface Passage {
  start: number;
  end: number;
}

export interface SimilarPair {
  /** Answer ids, `a` before `b` in the order the answers were given. */
  a: string;
  b: string;
  /**
   * 0–100, rounded down: the share of an answer's own words (those not copied from the
   * instructions) that are also in the other answer, taken for whichever of the two answers has the
   * larger share — usually the shorter. So a 100-word answer lifted whole into a 1,000-word essay
   * is 100, and the figure is the same whichever way round the pair is given.
   */
  percent: number;
  /** The shared stretches of `a`'s text and of `b`'s text: merged, in order, not overlapping. */
  passagesA: Passage[];
  passagesB: Passage[];
}

/** Words in a fingerprinted run: long enough that chance phrases ("one of the most") rarely match. */
const GRAM = 5;
/** Unshared words bridged between two shared stretches (a changed word, a swapped pair). */
const MAX_GAP = 3;
/** Answers with fewer of their own words than this are too short to judge and are never paired. */
export const MIN_WORDS = 15;

interface Word {
  start: number;
  end: number;
  key: string;
}

interface Fingerprint {
  answer: TextAnswer;
  words: Word[];
  /** Run id starting at each word, for words that start a full run. */
  runs: Int32Array;
  /** Ids of this answer's runs that are not in the instructions. */
  runSet: Set<number>;
  /** 1 where the word is inside a run that is also in the instructions. */
  fromInstructions: Uint8Array;
  /** Words not from the instructions: the denominator of the answer's share. */
  ownWords: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’‘`][\p{L}\p{N}\p{M}]+)*/gu;
const DROPPED = /[\p{M}'’‘`]/gu;

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    words.push({ start, end: start + m[0].length, key: m[0].normalize('NFKD').replace(DROPPED, '').toLowerCase() });
  }
  return words;
}

/** Gives every distinct run of GRAM words one number, so comparing answers compares numbers. */
class RunIds {
  private readonly ids = new Map<string, number>();

  runsOf(words: readonly Word[]): Int32Array {
    const runs = new Int32Array(Math.max(0, words.length - GRAM + 1));
    const keys = words.map((w) => w.key);
    for (let i = 0; i < runs.length; i++) {
      const key = keys.slice(i, i + GRAM).join(' ');
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(key, id);
      }
      runs[i] = id;
    }
    return runs;
  }
}

function count(flags: Uint8Array): number {
  let n = 0;
  for (const flag of flags) n += flag;
  return n;
}

function fingerprint(answer: TextAnswer, ids: RunIds, instructionRuns: ReadonlySet<number>): Fingerprint {
  const words = wordsOf(answer.text);
  const runs = ids.runsOf(words);
  const fromInstructions = new Uint8Array(words.length);
  const runSet = new Set<number>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] ?? -1;
    if (instructionRuns.has(run)) fromInstructions.fill(1, i, i + GRAM);
    else runSet.add(run);
  }
  const ownWords = words.length - count(fromInstructions);
  return { answer, words, runs, runSet, fromInstructions, ownWords };
}

/** 1 for each of `x`'s own words that it shares with `other`, after bridging small gaps. */
function sharedWords(x: Fingerprint, other: Fingerprint): Uint8Array {
  const shared = new Uint8Array(x.words.length);
  for (let i = 0; i < x.runs.length; i++) {
    if (!other.runSet.has(x.runs[i] ?? -1)) continue;
    for (let j = i; j < i + GRAM; j++) if (x.fromInstructions[j] === 0) shared[j] = 1;
  }
  let lastShared = -1;
  for (let i = 0; i < shared.length; i++) {
    if (shared[i] === 0) continue;
    const gap = i - lastShared - 1;
    if (lastShared >= 0 && gap > 0 && gap <= MAX_GAP && !x.fromInstructions.subarray(lastShared + 1, i).includes(1)) {
      shared.fill(1, lastShared + 1, i);
    }
    lastShared = i;
  }
  return shared;
}

function passagesOf(words: readonly Word[], shared: Uint8Array): Passage[] {
  const passages: Passage[] = [];
  let open: Passage | null = null;
  words.forEach((word, i) => {
    if (shared[i] === 0) {
      open = null;
    } else if (open) {
      open.end = word.end;
    } else {
      open = { start: word.start, end: word.end };
      passages.push(open);
    }
  });
  return passages;
}

function compare(x: Fingerprint, y: Fingerprint): SimilarPair {
  const inX = sharedWords(x, y);
  const inY = sharedWords(y, x);
  const percent = Math.max(Math.floor((100 * count(inX)) / x.ownWords), Math.floor((100 * count(inY)) / y.ownWords));
  return { a: x.answer.id, b: y.answer.id, percent, passagesA: passagesOf(x.words, inX), passagesB: passagesOf(y.words, inY) };
}

function tieBreak(p: SimilarPair): string {
  return p.a < p.b ? `${p.a}\u0000${p.b}` : `${p.b}\u0000${p.a}`;
}

/**
 * R-WORK-7: every pair of text answers, by different learners, whose `percent` is at least
 * `thresholdPercent`, most similar first (ties by answer id, so the order does not depend on the
 * order the answers came in). `ignore` is the task's instructions: wording copied from them is
 * neither counted as shared nor as the learner's own. Answers with fewer than MIN_WORDS own words
 * are left out.
 */
export function similarPairs(answers: readonly TextAnswer[], thresholdPercent: number, ignore?: string): SimilarPair[] {
  const ids = new RunIds();
  const instructionRuns = new Set(ignore ? ids.runsOf(wordsOf(ignore)) : []);
  const prints = answers.map((answer) => fingerprint(answer, ids, instructionRuns)).filter((f) => f.ownWords >= MIN_WORDS);
  const pairs: SimilarPair[] = [];
  prints.forEach((x, i) => {
    for (const y of prints.slice(i + 1)) {
      if (x.answer.learnerId === y.answer.learnerId) continue;
      const pair = compare(x, y);
      if (pair.percent >= thresholdPercent) pairs.push(pair);
    }
  });
  return pairs.sort((p, q) => q.percent - p.percent || (tieBreak(p) < tieBreak(q) ? -1 : tieBreak(p) > tieBreak(q) ? 1 : 0));
}
