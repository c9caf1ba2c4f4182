import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED_IDS, citationProblems, citationsIn, type SeedTexts } from '../cited.js';
import { PRESET_IDS, validatePolicy } from '../document.js';
import { PRESETS, presetById, presetSummaries } from './presets.js';

const seedDir = fileURLToPath(new URL('../../../../../docs/seeds/', import.meta.url));
const files = readdirSync(seedDir);
const seeds = Object.fromEntries(
  SEED_IDS.map((id) => [id, readFileSync(seedDir + (files.find((f) => f.startsWith(`${id}_`)) ?? `${id}-missing`), 'utf8')]),
) as SeedTexts;

describe('the shipped presets', () => {
  it('R-POL-1 ship one preset per seed, each under its own id', () => {
    expect(PRESETS.map((p) => p.seed)).toEqual([...SEED_IDS]);
    expect(PRESETS.map((p) => p.id)).toEqual([...PRESET_IDS]);
    for (const p of PRESETS) {
      expect(p.document.preset).toBe(p.id);
      expect(presetById(p.id)).toBe(p);
    }
  });

  it('R-POL-1 are each described in one paragraph for the preset picker', () => {
    for (const s of presetSummaries()) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.summary.length).toBeGreaterThan(200);
      expect(s.summary).not.toContain('\n');
    }
  });

  describe.each(PRESETS.map((p) => [p.id, p] as const))('%s', (_id, preset) => {
    it('R-POL-1 validates as a complete policy document', () => {
      const result = validatePolicy(preset.document);
      expect(result.ok ? [] : result.problems).toEqual([]);
    });

    it('R-POL-1 quotes its seed exactly, on the line it cites', () => {
      expect(citationProblems(preset.document, seeds)).toEqual([]);
    });

    it('R-POL-1 cites only its own seed, and never a local decision', () => {
      for (const { path, cited } of citationsIn(preset.document)) {
        const where = path.join('.');
        expect(cited.source.kind, where).not.toBe('local');
        if (cited.source.kind === 'seed') expect(cited.source.seed, where).toBe(preset.seed);
      }
    });

    it('R-POL-1 takes at least ten values from its seed, and says why the seed is silent for each default', () => {
      const citations = citationsIn(preset.document);
      const fromSeed = citations.filter((c) => c.cited.source.kind === 'seed');
      expect(fromSeed.length).toBeGreaterThanOrEqual(10);
      for (const { cited } of citations) {
        if (cited.source.kind === 'default') expect(cited.source.reason).toMatch(/^the seed /);
      }
    });
  });

  it('R-POL-2 carry each seed’s review cycle', () => {
    const cycles = Object.fromEntries(PRESETS.map((p) => [p.seed, p.document.review.cycles.map((c) => [c.when.value, c.every.value.count, c.every.value.unit, c.reviewers.value])]));
    expect(cycles).toEqual({
      '000': [['always', 1, 'year', ['senior_leader']]],
      '001': [['always', 2, 'year', ['senior_leader']]],
      '002': [
        ['always', 1, 'year', ['governor']],
        ['while_bubble_isolating', 2, 'week', ['senior_leader']],
      ],
      '003': [['always', 1, 'year', ['senior_leader']]],
      '004': [['always', 1, 'year', ['senior_leader']]],
    });
  });

  it('R-COMMS-2 carry each seed’s staff hours', () => {
    const staff = (id: (typeof PRESET_IDS)[number]) => presetById(id).document.sections.staffHours;
    expect(staff('special-school-case-by-case').teachers.value).toEqual({ kind: 'fixed', start: '09:15', end: '15:15' });
    expect(staff('blended-school-bubbles').notExpectedAfter.value).toBe('15:30');
    expect(presetById('school-closure').document.sections.communication.responseHours.value).toEqual({ start: '09:00', end: '16:00' });
    expect(presetById('blended-school-bubbles').document.sections.communication.responseTime.value).toEqual({ kind: 'working_days', days: 1 });
  });
});
