// Shared by `npm start` and `npm test`: installs what is missing and builds the web app when its
// sources changed. Uses only Node's own modules, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).\n`);
    process.exit(r.status || 1);
  }
}

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = s.mtimeMs;
  for (const e of readdirSync(p)) if (e !== 'node_modules') m = Math.max(m, newest(path.join(p, e)));
  return m;
}

/** npm ci when node_modules is missing or older than the lockfile. */
export function ensureInstalled(say) {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('Installing dependencies (first run)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

/** vite build when dist/web is missing or older than the web sources. */
export function ensureWebBuilt(say) {
  const stamp = path.join(ROOT, 'dist', 'web', '.built');
  const sources = Math.max(
    newest(path.join(ROOT, 'src', 'web')),
    newest(path.join(ROOT, 'src', 'shared')),
    newest(path.join(ROOT, 'vite.config.ts')),
    newest(path.join(ROOT, 'package-lock.json')),
  );
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  if (!existsSync(path.join(ROOT, 'src', 'web', 'index.html'))) return;
  say('Building the web app…');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  writeFileSync(stamp, new Date().toISOString());
}

/**
 * esbuild bundles the server into dist/server/main.mjs (its packages stay in node_modules) when
 * the build is missing or older than the server's sources. Running the built file rather than
 * the TypeScript through tsx saves about 60 MB of memory per server process.
 */
export async function ensureServerBuilt(say) {
  const out = path.join(ROOT, 'dist', 'server', 'main.mjs');
  const sources = Math.max(newest(path.join(ROOT, 'src', 'server')), newest(path.join(ROOT, 'src', 'shared')), newest(path.join(ROOT, 'package-lock.json')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return out;
  say('Building the server…');
  // Installed by now (ensureInstalled runs first), so esbuild can be loaded.
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'server', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    outfile: out,
  });
  return out;
}
