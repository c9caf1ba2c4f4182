import type { TestProject } from 'vitest/node';
import { setupExternal } from './postgres-setup.js';

export default (project: TestProject) => setupExternal(project);
