import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../config.js';
import { openDatabase, type Database } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrateDatabase } from './migrate.js';

export interface ConnectedDatabase {
  db: Database;
  /** Where it runs, for the start-up message (no password). */
  description: string;
  stop(): Promise<void>;
}

/**
 * The configured PostgreSQL: `DATABASE_URL` when set, otherwise an embedded server in the data
 * directory. Either way the checked-in migrations are applied before anything else runs.
 */
export async function connectDatabase(config: Config, log: (m: string) => void): Promise<ConnectedDatabase> {
  if (config.databaseUrl) {
    const db = openDatabase(config.databaseUrl, config.pool);
    await migrateDatabase(db);
    const u = new URL(config.databaseUrl);
    return { db, description: `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`, stop: () => db.close() };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
    port: config.embeddedPgPort,
    log,
  });
  try {
    const admin = new pg.Client(server.url('postgres'));
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = 'continuum'");
    if (exists.rowCount === 0) await admin.query('create database continuum');
    await admin.end();
    const db = openDatabase(server.url('continuum'), config.pool);
    await migrateDatabase(db);
    return {
      db,
      description: `embedded PostgreSQL 18 on 127.0.0.1:${config.embeddedPgPort} (data in ${path.join(config.dataDir, 'postgres')})`,
      async stop() {
        await db.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
