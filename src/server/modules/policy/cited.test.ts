import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED_IDS, Source, citationProblems, citationsIn, describeSource, isQuoteOnLine, type SeedTexts } from './cited.js';
import { presetById } from './presets/presets.js';

const seedDir = fileURLToPath(new URL('../../../../docs/seeds/', import.meta.url));
const files = readdirSync(seedDir);
const seeds = Object.fromEntries(
  SEED_IDS.map((id) => [id, readFileSync(seedDir + (files.find((f) => f.startsWith(`${id}_`)) ?? `${id}-missing`), 'utf8')]),
) as SeedTexts;

const text = ['First line of the text.', 'Teachers must be available between 09:15', '', 'and 15:15 on every working day.', 'Last line'].join('\n');

describe('isQuoteOnLine', () => {
  it('R-POL-1 finds a quote on its line, whatever the spacing', () => {
    expect(isQuoteOnLine(text, 2, 'Teachers  must be\tavailable')).toBe(true);
  });

  it('R-POL-1 follows a quote onto the next non-blank line, as PDF text wraps mid-sentence', () => {
    expect(isQuoteOnLine(text, 2, 'available between 09:15 and 15:15 on every')).toBe(true);
  });

  it('R-POL-1 refuses a quote that only starts on the next line (the line before was cited)', () => {
    expect(isQuoteOnLine(text, 2, 'and 15:15 on every working day.')).toBe(false);
    expect(isQuoteOnLine(text, 4, 'and 15:15 on every working day.')).toBe(true);
  });

  it('R-POL-1 refuses a line that does not exist', () => {
    expect(isQuoteOnLine(text, 9, 'Last line')).toBe(false);
    expect(isQuoteOnLine(text, 0, 'First line of the')).toBe(false);
  });
});

describe('citationProblems', () => {
  const doc = presetById('special-school-case-by-case').document;

  it('R-POL-1 accepts a preset whose every quote is on its cited line', () => {
    expect(citationProblems(doc, seeds)).toEqual([]);
  });

  it('R-POL-1 catches a citation planted one line off, in either direction', () => {
    for (const shift of [1, -1]) {
      const planted = structuredClone(doc);
      const teachers = planted.sections.staffHours.teachers.source;
      if (teachers.kind !== 'seed') throw new Error('the preset cites seed 004 for teachers’ hours');
      teachers.line += shift;
      expect(citationProblems(planted, seeds)).toEqual([
        {
          path: ['sections', 'staffHours', 'teachers', 'source', 'quote'],
          code: 'policy.citation.not_found',
          message: `Line ${74 + shift} of seed 004 does not say “teachers must be available between 09:15 to 15:15”.`,
        },
      ]);
    }
  });

  it('R-POL-1 catches a quote that was edited to say something the seed does not', () => {
    const planted = structuredClone(doc);
    planted.sections.staffHours.teachers.source = { kind: 'seed', seed: '004', line: 74, quote: 'teachers must be available between 09:00 to 16:00' };
    expect(citationProblems(planted, seeds).map((p) => p.path)).toEqual([['sections', 'staffHours', 'teachers', 'source', 'quote']]);
  });

  it('R-POL-1 catches a citation of the right words in the wrong seed', () => {
    const planted = structuredClone(doc);
    planted.sections.staffHours.teachers.source = { kind: 'seed', seed: '001', line: 74, quote: 'teachers must be available between 09:15 to 15:15' };
    expect(citationProblems(planted, seeds)).toHaveLength(1);
  });

  it('R-POL-1 says when a cited line is past the end of the seed', () => {
    const planted = structuredClone(doc);
    planted.review.cycles[0]!.every.source = { kind: 'seed', seed: '004', line: 900, quote: 'This guidance will be reviewed yearly.' };
    expect(citationProblems(planted, seeds)).toEqual([
      { path: ['review', 'cycles', 0, 'every', 'source', 'line'], code: 'policy.citation.no_such_line', message: 'Seed 004 has 368 lines, so it has no line 900.' },
    ]);
  });

  it('R-POL-1 checks citations in lists, item by item', () => {
    const planted = structuredClone(doc);
    const item = planted.sections.communication.familyChannels[1]!;
    item.source = { kind: 'seed', seed: '004', line: 117, quote: 'they should be contacted via phone' };
    expect(citationProblems(planted, seeds).map((p) => p.path)).toEqual([['sections', 'communication', 'familyChannels', 1, 'source', 'quote']]);
  });
});

describe('Source', () => {
  it('R-POL-1 refuses a quote too short to prove anything', () => {
    expect(Source.safeParse({ kind: 'seed', seed: '004', line: 74, quote: '09:15 to 15:15' }).success).toBe(false);
  });

  it('R-POL-1 takes a local decision only with who, when and why', () => {
    expect(Source.safeParse({ kind: 'local', by: 'person-1', at: '2026-01-05T10:00:00Z', why: 'Our buses arrive at 09:00.' }).success).toBe(true);
    expect(Source.safeParse({ kind: 'local', by: 'person-1', at: '2026-01-05T10:00:00Z', why: ' ' }).success).toBe(false);
    expect(Source.safeParse({ kind: 'local', by: 'person-1', at: 'Monday', why: 'Our buses arrive at 09:00.' }).success).toBe(false);
  });

  it('R-POL-3 reads as where the value comes from', () => {
    expect(describeSource({ kind: 'seed', seed: '004', line: 74, quote: 'teachers must be  available' })).toBe('Seed 004, line 74: “teachers must be available”');
    expect(describeSource({ kind: 'default', reason: 'the seed is silent; Monday to Friday' })).toBe('Platform default: the seed is silent; Monday to Friday');
    expect(describeSource({ kind: 'local', by: 'Ms Khan', at: '2026-01-05T10:00:00Z', why: 'buses' })).toBe('Decided locally by Ms Khan on 2026-01-05: buses');
  });
});

describe('citationsIn', () => {
  it('R-POL-3 lists every cited value of a document with its path', () => {
    const paths = citationsIn(presetById('school-closure').document).map((c) => c.path.join('.'));
    expect(paths).toContain('sections.staffHours.teachers');
    expect(paths).toContain('sections.communication.learnerChannels.3');
    expect(paths).toContain('review.cycles.0.every');
    expect(paths.some((p) => p.endsWith('.source') || p.endsWith('.value'))).toBe(false);
  });
});
