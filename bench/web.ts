// What a learner's phone downloads: the built app's first-load JavaScript (gzip, as on disk)
// against the smallest React app built in the same run, and the bytes Chromium actually
// transfers to show the sign-in page and then the learner's home (brotli from the server).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { DEMO_PASSWORD } from '../src/server/demo/index.js';
import { ROOT, round, startContinuumWithDemo, type BenchResult } from './harness.js';

const GOAL_KB = 100; // issue 3: the JS a learner downloads on first load

/** Gzipped size of the JS an entry loads before anything is lazily imported. */
async function firstLoadJsKb(root: string, outDir: string, configFile: string | false): Promise<number> {
  const out = (await build({ root, configFile, logLevel: 'silent', build: { outDir, emptyOutDir: true } })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error(`no entry chunk in ${root}`);
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const i of byName.get(name)?.imports ?? []) visit(i);
  };
  visit(entry.fileName);
  let bytes = 0;
  for (const name of seen) bytes += gzipSync(readFileSync(path.join(outDir, name)), { level: 9 }).length;
  return bytes / 1024;
}

export async function benchWeb(): Promise<BenchResult> {
  const ours = await firstLoadJsKb(path.join(ROOT, 'src', 'web'), path.join(ROOT, 'dist', 'web'), path.join(ROOT, 'vite.config.ts'));
  const floorOut = mkdtempSync(path.join(os.tmpdir(), 'continuum-bench-floor-'));
  const floor = await firstLoadJsKb(path.join(ROOT, 'bench', 'fixtures', 'react-floor'), floorOut, false).finally(() =>
    rmSync(floorOut, { recursive: true, force: true }),
  );

  const server = await startContinuumWithDemo('web');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    const transfers: { type: string; bytes: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('requestfinished', (req) => {
      pending.push(req.sizes().then((s) => void transfers.push({ type: req.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize })));
    });
    await page.goto(server.url + '/');
    await page.getByLabel('Email address').fill('learner@oakfield.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const kb = (types: string[] | null) => round(transfers.filter((t) => !types || types.includes(t.type)).reduce((a, t) => a + t.bytes, 0) / 1024);
    return {
      bench: 'web',
      figures: [
        { name: 'first-load JS, gzip (whole app entry)', value: round(ours), unit: 'KB', goal: GOAL_KB, baseline: { name: 'smallest React app', value: round(floor) } },
        { name: 'learner sign-in to home: JS transferred', value: kb(['script']), unit: 'KB', goal: GOAL_KB },
        { name: 'learner sign-in to home: everything transferred', value: kb(null), unit: 'KB' },
      ],
      notes: ['Transferred bytes are what Chromium received (brotli from the server), headers included.'],
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
