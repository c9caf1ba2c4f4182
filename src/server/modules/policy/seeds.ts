import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../platform/paths.js';
import { SEED_IDS, normaliseSpace, type SeedId, type SeedTexts } from './cited.js';

/**
 * The five seed policies as shipped in docs/seeds/ (one file per seed, named `<id>_<hash>.txt`),
 * read once: citations are checked against them and "where this comes from" quotes their lines.
 */
export interface Seeds {
  texts: SeedTexts;
  files: Readonly<Record<SeedId, string>>;
}

const SEED_DIR = projectPath('docs', 'seeds');
let loaded: Seeds | undefined;

export function loadSeeds(dir = SEED_DIR): Seeds {
  if (loaded && dir === SEED_DIR) return loaded;
  const names = readdirSync(dir);
  const files = {} as Record<SeedId, string>;
  const texts = {} as Record<SeedId, string>;
  for (const id of SEED_IDS) {
    const file = names.find((n) => n.startsWith(`${id}_`) && n.endsWith('.txt'));
    if (!file) throw new Error(`Seed policy ${id} is missing from ${dir}.`);
    files[id] = file;
    texts[id] = readFileSync(path.join(dir, file), 'utf8');
  }
  const seeds = { texts, files };
  if (dir === SEED_DIR) loaded = seeds;
  return seeds;
}

/**
 * The cited line as a person reads it in the seed, whitespace tidied; when the quote runs on past
 * the end of the line (the seeds are text from PDFs, wrapped mid-sentence), the next line too.
 */
export function seedLineText(text: string, line: number, quote: string): string {
  const lines = text.split(/\r?\n/u);
  const here = normaliseSpace(lines[line - 1] ?? '');
  if (here.includes(normaliseSpace(quote))) return here;
  const next = lines.slice(line).find((l) => normaliseSpace(l).length > 0);
  return next === undefined ? here : `${here} ${normaliseSpace(next)}`;
}
