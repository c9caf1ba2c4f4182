import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { projectPath } from '../paths.js';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = projectPath('migrations');

/**
 * Applies the checked-in migrations. An advisory lock lets several instances start at once on
 * one database: one migrates, the others wait and then find nothing to do.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  const client = await db.systemPool.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migrate(db.system, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    client.release();
  }
}
