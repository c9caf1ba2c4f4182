import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/**
 * The role every tenant query runs as. It owns nothing, so PostgreSQL row-level security binds
 * it: the second wall behind the data layer's own organisation scoping (DESIGN.md, Tenancy).
 * Created by the first migration; the connecting user is granted it.
 */
export const appRole = pgRole('continuum_app').existing();

/**
 * Row-level security for a tenant-owned table: rows are visible and writable only when their
 * organisation_id is the organisation of the current transaction (`withTenant`).
 */
export function tenantIsolation(column = 'organisation_id') {
  const match = sql.raw(`${column} = app_current_organisation()`);
  return pgPolicy('tenant_isolation', { as: 'permissive', for: 'all', to: appRole, using: match, withCheck: match });
}
