import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export type Db = NodePgDatabase;
/** A transaction bound to one organisation; every query in it is scoped by RLS as well. */
export type TenantTx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  /**
   * Runs `work` in one transaction as the RLS-bound role with the organisation set, so a query
   * that forgets its own `organisation_id` filter still sees only this organisation's rows.
   */
  withTenant<T>(organisationId: string, work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /**
   * The platform's own connection, outside any tenant: sign-in look-ups, sessions, migrations,
   * demo data. Modules never use it for tenant data.
   */
  system: Db;
  systemPool: pg.Pool;
  /** The connection string, for the few things that need a connection of their own (LISTEN). */
  url: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Connections for requests (DB_POOL_MAX). */
  max?: number;
  /** How long a request waits for a free connection before it fails with 503 (DB_POOL_WAIT_MS). */
  waitMs?: number;
  applicationName?: string;
}

export function openDatabase(url: string, opts: PoolOptions = {}): Database {
  const common = { connectionString: url, application_name: opts.applicationName ?? 'continuum' };
  // At a deadline hundreds of hand-ins finish uploading at once and queue here: a wait of
  // seconds is better than refusing work that has already arrived.
  const appPool = new pg.Pool({ ...common, max: opts.max ?? 10, connectionTimeoutMillis: opts.waitMs ?? 30_000 });
  const systemPool = new pg.Pool({ ...common, max: 3, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server (database restarted) must not crash the process.
  appPool.on('error', () => undefined);
  systemPool.on('error', () => undefined);
  const app = drizzle(appPool);
  const system = drizzle(systemPool);

  return {
    async withTenant(organisationId, work) {
      return app.transaction(async (tx) => {
        // Both settings last until the end of this transaction only (set_config(…, true) is
        // SET LOCAL); one statement, because every round trip is paid on every request.
        await tx.execute(sql`select set_config('role', 'continuum_app', true), set_config('app.organisation_id', ${organisationId}, true)`);
        return work(tx);
      });
    },
    system,
    systemPool,
    url,
    async ping() {
      await systemPool.query('select 1');
    },
    async close() {
      await Promise.all([appPool.end(), systemPool.end()]);
    },
  };
}
