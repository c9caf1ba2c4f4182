// `npm start`: install what is missing, build the web app and the server, then run the server, which starts the
// embedded PostgreSQL (unless DATABASE_URL is set), migrates and loads the demo data once.
import { spawn } from 'node:child_process';
import { ROOT, ensureInstalled, ensureServerBuilt, ensureWebBuilt } from './prepare.mjs';

const say = (m) => process.stdout.write(`${m}\n`);
ensureInstalled(say);
ensureWebBuilt(say);
const server = await ensureServerBuilt(say);
say('Starting Continuum…');
const child = spawn(process.execPath, ['--enable-source-maps', server], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { DEMO_DATA: 'true', ...process.env },
});
// Ctrl-C reaches the whole process group; the server stops itself and its database, and this
// wrapper waits for it. A SIGTERM sent to this wrapper alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
