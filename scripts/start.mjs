// `npm start`: install what is missing, build the web app, then run the server, which starts the
// embedded PostgreSQL (unless DATABASE_URL is set), migrates and loads the demo data once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, ensureInstalled, ensureWebBuilt } from './prepare.mjs';

const say = (m) => process.stdout.write(`${m}\n`);
ensureInstalled(say);
ensureWebBuilt(say);
say('Starting Continuum…');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server', 'main.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { DEMO_DATA: 'true', ...process.env },
});
// Ctrl-C reaches the whole process group; the server stops itself and its database, and this
// wrapper waits for it. A SIGTERM sent to this wrapper alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
