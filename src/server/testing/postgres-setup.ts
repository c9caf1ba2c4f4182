import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../platform/db/client.js';
import { startEmbeddedPostgres } from '../platform/db/embedded.js';
import { migrateDatabase } from '../platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test cluster (any database name is replaced per test file). */
    pgAdminUrl: string;
    /** A migrated database each test file's database is copied from. */
    pgTemplate: string;
    pgKind: 'embedded' | 'external';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the migrated template on the cluster; each test file copies it (tens of ms). */
async function prepareTemplate(adminUrl: string): Promise<string> {
  const template = `continuum_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database "${template}"`);
  await admin.end();
  const db = openDatabase(withDatabase(adminUrl, template), { max: 2 });
  await migrateDatabase(db);
  await db.close();
  return template;
}

async function dropTemplate(adminUrl: string, template: string): Promise<void> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`drop database if exists "${template}" with (force)`);
  await admin.end();
}

/** Vitest global setup for the suites that run on the embedded PostgreSQL. */
export async function setupEmbedded(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'continuum-test-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    port: await freePort(),
    persistent: false,
    durable: false,
  });
  const adminUrl = server.url('postgres');
  const template = await prepareTemplate(adminUrl);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgKind', 'embedded');
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Vitest global setup for the same suites on an external PostgreSQL (TEST_EXTERNAL_DATABASE_URL). */
export async function setupExternal(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_EXTERNAL_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_EXTERNAL_DATABASE_URL is not set: the external PostgreSQL suite cannot run.');
  const template = await prepareTemplate(adminUrl);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgKind', 'external');
  return () => dropTemplate(adminUrl, template);
}
