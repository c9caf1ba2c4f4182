import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/record.js';
import { createTestDatabase, type TestDatabase } from '../../testing/database.js';
import { makeApprenticeship, makeFamily, makeOrganisation, makePerson, type TestOrg } from '../../testing/factories.js';

/**
 * The second wall (DESIGN.md, Tenancy): these tests go around the data layer and talk SQL as the
 * role tenant queries run as. Every table with an organisation_id is found from the catalogue,
 * so a new module's table is covered the day it is added.
 */
let t: TestDatabase;
let a: TestOrg;
let b: TestOrg;

/** Drizzle wraps the driver's error; PostgreSQL's own message is its cause. */
async function dbError(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    const err = e as { message: string; cause?: { message?: string } };
    return err.cause?.message ?? err.message;
  }
  return 'no error';
}

/** Platform tables that the tenant role must not read at all. */
const PLATFORM_ONLY = ['credentials', 'sessions'];

async function tenantTables(client: pg.PoolClient): Promise<string[]> {
  const r = await client.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.column_name in ('organisation_id')
      union
     select 'organisations'`,
  );
  return r.rows.map((x) => x.table_name).filter((n) => !PLATFORM_ONLY.includes(n)).sort();
}

/**
 * Runs as continuum_app with organisation A set and lists every way B's rows show through or
 * can be written. An empty list means the wall holds.
 */
async function crossTenantLeaks(client: pg.PoolClient, orgA: string, orgB: string): Promise<string[]> {
  const leaks: string[] = [];
  const tables = await tenantTables(client);
  for (const table of tables) {
    const col = table === 'organisations' ? 'id' : 'organisation_id';
    await client.query('savepoint probe');
    try {
      await client.query('set local role continuum_app');
      await client.query(`select set_config('app.organisation_id', $1, true)`, [orgA]);
      const seen = await client.query(`select count(*)::int as n from "${table}" where ${col} <> $1`, [orgA]);
      if (seen.rows[0].n > 0) leaks.push(`${table}: ${seen.rows[0].n} rows of another organisation visible`);
      await client.query('savepoint probe_update');
      try {
        const changed = await client.query(`update "${table}" set ${col} = ${col} where ${col} = $1`, [orgB]);
        if ((changed.rowCount ?? 0) > 0) leaks.push(`${table}: another organisation's rows can be updated`);
      } catch (e) {
        // Refusing the update outright (the audit log) is a wall too.
        if (!/permission denied/.test(String(e))) throw e;
        await client.query('rollback to savepoint probe_update');
      }
      await client.query(`select set_config('app.organisation_id', '', true)`);
      const unset = await client.query(`select count(*)::int as n from "${table}"`);
      if (unset.rows[0].n > 0) leaks.push(`${table}: ${unset.rows[0].n} rows visible with no organisation set`);
    } catch (e) {
      leaks.push(`${table}: probe failed: ${String(e)}`);
    } finally {
      await client.query('rollback to savepoint probe');
    }
  }
  return leaks;
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await makeOrganisation(t.db.system, { sites: 2 });
  b = await makeOrganisation(t.db.system, { sites: 1 });
  for (const org of [a, b]) {
    await makeFamily(t.db.system, org);
    await makeApprenticeship(t.db.system, org);
    await makePerson(t.db.system, org, { roles: ['teacher'] });
    await t.db.withTenant(org.id, (tx) =>
      recordAudit(tx, { organisationId: org.id, actorId: null, action: 'test.seeded', at: new Date('2026-09-07T08:00:00Z') }),
    );
  }
});
afterAll(() => t.drop());

describe('row-level security, below the data layer', () => {
  it('covers every tenant table, each with RLS switched on', async () => {
    const client = await t.db.systemPool.connect();
    try {
      const tables = await tenantTables(client);
      expect(tables).toEqual(expect.arrayContaining(['audit_events', 'guardianships', 'organisations', 'role_assignments', 'sites', 'users']));
      const off = await client.query<{ relname: string }>(
        `select relname from pg_class where relname = any($1) and not relrowsecurity`,
        [tables],
      );
      expect(off.rows).toEqual([]);
    } finally {
      client.release();
    }
  });

  it('shows and lets change only the organisation of the transaction, and nothing without one', async () => {
    const client = await t.db.systemPool.connect();
    try {
      await client.query('begin');
      expect(await crossTenantLeaks(client, a.id, b.id)).toEqual([]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('refuses to write a row into another organisation', async () => {
    expect(
      await dbError(
        t.db.withTenant(a.id, (tx) =>
          recordAudit(tx, { organisationId: b.id, actorId: null, action: 'test.planted', at: new Date('2026-09-07T08:00:00Z') }),
        ),
      ),
    ).toMatch(/row-level security/);
  });

  it('keeps sign-in credentials and sessions out of reach of tenant queries', async () => {
    for (const table of PLATFORM_ONLY) {
      expect(await dbError(t.db.withTenant(a.id, (tx) => tx.execute(sql.raw(`select count(*) from ${table}`))))).toMatch(
        /permission denied/,
      );
    }
  });

  it('catches a planted mistake: a table whose RLS is switched off leaks', async () => {
    const client = await t.db.systemPool.connect();
    try {
      await client.query('begin');
      await client.query('alter table users disable row level security');
      const leaks = await crossTenantLeaks(client, a.id, b.id);
      expect(leaks.some((l) => l.startsWith('users: '))).toBe(true);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});

describe('audit log is append-only', () => {
  it('refuses UPDATE and DELETE even to the owning role, and the tenant role may not try', async () => {
    const owner = t.db.systemPool;
    await expect(owner.query(`update audit_events set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`delete from audit_events`)).rejects.toThrow(/append-only/);
    await expect(owner.query(`truncate audit_events`)).rejects.toThrow(/append-only/);
    expect(await dbError(t.db.withTenant(a.id, (tx) => tx.execute(sql`delete from audit_events`)))).toMatch(/permission denied/);
    const count = await owner.query('select count(*)::int as n from audit_events');
    expect(count.rows[0].n).toBe(2);
  });
});
