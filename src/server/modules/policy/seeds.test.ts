import { describe, expect, it } from 'vitest';
import { SEED_IDS } from './cited.js';
import { loadSeeds, seedLineText } from './seeds.js';

describe('the seed policies', () => {
  it('R-POL-3 are read from docs/seeds, one file per seed', () => {
    const seeds = loadSeeds();
    expect(Object.keys(seeds.files)).toEqual([...SEED_IDS]);
    for (const id of SEED_IDS) expect(seeds.texts[id].length, id).toBeGreaterThan(1000);
  });

  it('R-POL-3 quote the cited line, and the next when the quote runs on past it', () => {
    const text = 'Heading\n  Staff will reply to  messages within one\n\nworking day of receipt.\n';
    expect(seedLineText(text, 2, 'reply to messages')).toBe('Staff will reply to messages within one');
    expect(seedLineText(text, 2, 'within one working day')).toBe('Staff will reply to messages within one working day of receipt.');
  });
});
