import type { TestProject } from 'vitest/node';
import { setupEmbedded } from './postgres-setup.js';

export default (project: TestProject) => setupEmbedded(project);
