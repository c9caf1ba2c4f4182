import { and, eq, inArray } from 'drizzle-orm';
import type { TenantTx } from '../../platform/db/client.js';
import { organisations, sites } from './schema.js';

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: string;
}

export async function organisationOf(tx: TenantTx, organisationId: string): Promise<OrganisationSummary | null> {
  const [org] = await tx
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return org ?? null;
}

export async function siteNames(tx: TenantTx, organisationId: string, siteIds: string[]): Promise<Map<string, string>> {
  if (siteIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: sites.id, name: sites.name })
    .from(sites)
    .where(and(eq(sites.organisationId, organisationId), inArray(sites.id, [...new Set(siteIds)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Adds an organisation with its sites (system connection: used by demo data and test factories). */
export async function insertOrganisation(
  db: import('../../platform/db/client.js').Db,
  o: { id?: string; name: string; kind: string; now: Date; sites: { id?: string; name: string }[] },
): Promise<{ id: string; siteIds: string[] }> {
  const [org] = await db
    .insert(organisations)
    .values({ ...(o.id ? { id: o.id } : {}), name: o.name, kind: o.kind, createdAt: o.now })
    .returning({ id: organisations.id });
  const siteIds: string[] = [];
  for (const s of o.sites) {
    const [site] = await db
      .insert(sites)
      .values({ organisationId: org!.id, ...(s.id ? { id: s.id } : {}), name: s.name })
      .returning({ id: sites.id });
    siteIds.push(site!.id);
  }
  return { id: org!.id, siteIds };
}
