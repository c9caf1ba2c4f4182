import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest folder above this file holding package.json. Found by looking
 * rather than counted in `../`, because the server runs both from its sources (tests, tsx) and
 * from the one-file build in dist/server (`npm start`).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. `projectPath('migrations')`. */
export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
