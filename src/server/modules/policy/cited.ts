import { z } from 'zod';
import type { PolicyProblem, PolicySource, SeedId as SharedSeedId } from '../../../shared/policy.js';

/**
 * R-POL-1: every value in a policy says where it comes from. A value is `{ value, source }`,
 * and the source is a quoted line of a seed policy, a platform default with its reason, or a
 * local decision (who, when, why) made in the app.
 */

export const SEED_IDS = ['000', '001', '002', '003', '004'] as const;
export const SeedId = z.enum(SEED_IDS);
export type SeedId = z.infer<typeof SeedId>;

/** Whitespace runs (tabs, non-breaking spaces, line breaks) as one space, trimmed. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

const wordCount = (text: string) => normaliseSpace(text).split(' ').filter(Boolean).length;

/** Fewer words than this and a quote could match anywhere; it would prove nothing. */
export const MIN_QUOTE_WORDS = 4;

export const SeedSource = z.strictObject({
  kind: z.literal('seed'),
  seed: SeedId,
  line: z.number().int().positive(),
  quote: z.string().refine((q) => wordCount(q) >= MIN_QUOTE_WORDS, {
    message: `Quote at least ${MIN_QUOTE_WORDS} words of the seed line, so the citation can be checked.`,
  }),
});
export type SeedSource = z.infer<typeof SeedSource>;

export const DefaultSource = z.strictObject({
  kind: z.literal('default'),
  reason: z.string().refine((r) => wordCount(r) >= 4, { message: 'Say in a few words why the platform default applies.' }),
});
export type DefaultSource = z.infer<typeof DefaultSource>;

/** A change made in the app (R-POL-1: who, when, why). `at` is an ISO instant from the clock. */
export const LocalSource = z.strictObject({
  kind: z.literal('local'),
  by: z.string().min(1, 'Say who made this decision.'),
  at: z.iso.datetime({ offset: true, message: 'Give the time of the decision as an ISO date-time.' }),
  why: z.string().trim().min(1, 'Say why this was decided.'),
});
export type LocalSource = z.infer<typeof LocalSource>;

export const Source = z.discriminatedUnion('kind', [SeedSource, DefaultSource, LocalSource]);
export type Source = z.infer<typeof Source>;

/** A value with its source. Every rule value in the policy document is one of these. */
export function cited<T extends z.ZodType>(schema: T) {
  return z.strictObject({ value: schema, source: Source });
}
export interface Cited<T> {
  value: T;
  source: Source;
}

/** A citation of a seed line; the quote must appear in that line (checked by citationProblems). */
export function fromSeed(seed: SeedId, line: number, quote: string): SeedSource {
  return { kind: 'seed', seed, line, quote };
}

/** "The seed is silent; platform default because …". */
export function byDefault(reason: string): DefaultSource {
  return { kind: 'default', reason };
}

/** Citations bound to one seed, so a preset reads `s(74, 'teachers must be available …')`. */
export function seedCiter(seed: SeedId): (line: number, quote: string) => SeedSource {
  return (line, quote) => fromSeed(seed, line, quote);
}

/** A `{ value, source }` node, wherever it sits in a document. */
export function isCitedNode(node: unknown): node is Cited<unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  if (keys.length !== 2 || !keys.includes('value') || !keys.includes('source')) return false;
  const source: unknown = (node as { source: unknown }).source;
  return typeof source === 'object' && source !== null && 'kind' in source;
}

/** Every cited value in a document (or any part of one), with its path, in document order. */
export function citationsIn(node: unknown, path: (string | number)[] = []): { path: (string | number)[]; cited: Cited<unknown> }[] {
  if (isCitedNode(node)) return [{ path, cited: node }];
  if (Array.isArray(node)) return node.flatMap((item: unknown, i) => citationsIn(item, [...path, i]));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]: [string, unknown]) => citationsIn(value, [...path, key]));
  }
  return [];
}

/** The seed files' text by seed id; the caller reads them (docs/seeds/), this module reads no file. */
export type SeedTexts = Readonly<Record<SeedId, string>>;

/**
 * Whether `quote` is on line `line` (1-based) of the seed text, whitespace-normalised. A quote
 * may run on into the next non-blank line (the seeds are text extracted from PDFs, wrapped
 * mid-sentence), but it must start on the cited line: citing the line before the quote fails.
 */
export function isQuoteOnLine(text: string, line: number, quote: string): boolean {
  const lines = linesOf(text);
  const here = lines[line - 1];
  if (here === undefined) return false;
  const q = normaliseSpace(quote);
  const first = normaliseSpace(here);
  if (q.length === 0 || first.length === 0) return false;
  if (first.includes(q)) return true;
  const next = lines.slice(line).find((l) => normaliseSpace(l).length > 0);
  if (next === undefined) return false;
  const joined = `${first} ${normaliseSpace(next)}`;
  for (let at = joined.indexOf(q); at !== -1; at = joined.indexOf(q, at + 1)) {
    if (at < first.length) return true;
  }
  return false;
}

/** The lines of a text as an editor numbers them: a final newline ends the last line. */
function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/u);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Seed citations that do not hold: no such line, or the quote is not on it. */
export function citationProblems(doc: unknown, seeds: SeedTexts): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const { path, cited: c } of citationsIn(doc)) {
    const parsed = SeedSource.safeParse(c.source);
    if (!parsed.success) continue;
    const { seed, line, quote } = parsed.data;
    const lineCount = linesOf(seeds[seed]).length;
    if (line > lineCount) {
      problems.push({ path: [...path, 'source', 'line'], code: 'policy.citation.no_such_line', message: `Seed ${seed} has ${lineCount} lines, so it has no line ${line}.` });
    } else if (!isQuoteOnLine(seeds[seed], line, quote)) {
      problems.push({ path: [...path, 'source', 'quote'], code: 'policy.citation.not_found', message: `Line ${line} of seed ${seed} does not say “${quote}”.` });
    }
  }
  return problems;
}

/** How a source reads beside a sentence: where this comes from. */
export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'seed':
      return `Seed ${source.seed}, line ${source.line}: “${normaliseSpace(source.quote)}”`;
    case 'default':
      return `Platform default: ${source.reason}`;
    case 'local':
      return `Decided locally by ${source.by} on ${source.at.slice(0, 10)}: ${source.why}`;
  }
}

// The web app reads these shapes from src/shared/policy.ts without zod; keep them identical.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type SourceMatchesShared = Expect<Same<Source, PolicySource>>;
export type SeedIdMatchesShared = Expect<Same<SeedId, SharedSeedId>>;
