// `npm run bench [-- names…]`: runs the benchmarks, prints each figure with its ratio to the
// baseline measured in the same run (and to the goal, where an issue set one), and writes
// bench/results/latest.json. Compare ratios between runs, not absolute times: machines are noisy.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchApi } from './api.js';
import { ROOT, round, type BenchResult, type Figure } from './harness.js';
import { benchImport } from './import.js';
import { benchLobby } from './lobby.js';
import { benchMarking } from './marking.js';
import { benchMedia } from './media.js';
import { benchMediaJanus } from './media-janus.js';
import { benchPack } from './pack.js';
import { benchSeed } from './seed.js';
import { benchStartup } from './startup.js';
import { benchUpload } from './upload.js';
import { benchWeb } from './web.js';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  web: benchWeb,
  startup: benchStartup,
  api: benchApi,
  seed: benchSeed,
  import: benchImport,
  pack: benchPack,
  upload: benchUpload,
  marking: benchMarking,
  media: benchMedia,
  'media-janus': benchMediaJanus,
  lobby: benchLobby,
};

function line(f: Figure): string {
  const parts = [`  ${f.name}: ${f.value} ${f.unit}`];
  if (f.baseline) {
    const ratio = f.baseline.value === 0 ? Infinity : f.value / f.baseline.value;
    parts.push(`baseline ${f.baseline.value} ${f.unit} (${f.baseline.name}), ratio ${round(ratio, 2)}×`);
  }
  if (f.goal !== undefined) {
    const met = f.higherIsBetter ? f.value >= f.goal : f.value <= f.goal;
    parts.push(`goal ${f.goal} ${f.unit}: ${met ? 'met' : 'NOT met'}`);
  }
  return parts.join('; ');
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !BENCHES[w]);
if (unknown.length) {
  process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
// The servers measured are the built server, as `npm start` runs it.
// @ts-expect-error scripts/prepare.mjs is plain JavaScript without types
const { ensureServerBuilt } = (await import('../scripts/prepare.mjs')) as { ensureServerBuilt: (say: (m: string) => void) => Promise<string> };
await ensureServerBuilt((m) => process.stdout.write(`${m}\n`));
const results: BenchResult[] = [];
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stdout.write(`\n${name}\n`);
  const r = await run();
  for (const f of r.figures) process.stdout.write(`${line(f)}\n`);
  for (const n of r.notes ?? []) process.stdout.write(`  (${n})\n`);
  results.push(r);
}
const dir = path.join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'latest.json');
writeFileSync(
  file,
  JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version }, results }, null, 2),
);
process.stdout.write(`\nWritten to ${path.relative(process.cwd(), file)}\n`);
