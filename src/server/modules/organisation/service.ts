import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TenantTx } from '../../platform/db/client.js';
import { bankHolidaysBetween } from './bank-holidays.js';
import type { SiteCalendar } from './working-time.js';
import { closures, organisations, sites, terms } from './schema.js';

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

/** R-ORG-2: a site's calendar facts, for the pure calendar functions (bank holidays for the years around `date`). */
export async function siteCalendar(tx: TenantTx, organisationId: string, siteId: string, date: string): Promise<{ site: { id: string; name: string; timeZone: string }; calendar: SiteCalendar } | null> {
  const [site] = await tx.select().from(sites).where(and(eq(sites.organisationId, organisationId), eq(sites.id, siteId)));
  if (!site) return null;
  const termRows = await tx.select().from(terms).where(and(eq(terms.organisationId, organisationId), eq(terms.siteId, siteId))).orderBy(asc(terms.startDate));
  const closureRows = await tx.select().from(closures).where(and(eq(closures.organisationId, organisationId), eq(closures.siteId, siteId)));
  const year = Number(date.slice(0, 4));
  return {
    site: { id: site.id, name: site.name, timeZone: site.timeZone },
    calendar: {
      timeZone: site.timeZone,
      terms: termRows.map((t) => ({ name: t.name, start: t.startDate, end: t.endDate })),
      closures: closureRows.map((c) => ({ start: c.startDate, end: c.endDate, reason: c.reason })),
      bankHolidays: bankHolidaysBetween(year - 1, year + 1).map((h) => h.date),
      workingDays: site.workingDays,
      dayStart: site.dayStart.slice(0, 5),
      dayEnd: site.dayEnd.slice(0, 5),
    },
  };
}
