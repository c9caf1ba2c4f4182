import { and, asc, desc, eq, max } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { VersionKind } from '../../../shared/policy-contract.js';
import type { PolicyPath } from '../../../shared/policy.js';
import type { RequestMeta } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { TenantTx } from '../../platform/db/client.js';
import type { PolicyDocument } from './document.js';
import { effectivePolicy, type PolicyOverride } from './effective.js';
import { PolicyStale } from './errors.js';
import type { ReviewHistory } from './rules.js';
import { policyVersions } from './schema.js';

/** Site id → that site's override, as kept with each version. */
export type SiteOverrides = Readonly<Record<string, PolicyOverride>>;

/** One stored version, its document as validated when it was written. */
export interface StoredVersion {
  version: number;
  kind: VersionKind;
  preset: string;
  document: PolicyDocument;
  siteOverrides: SiteOverrides;
  reviewCycle: string | null;
  siteId: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  why: string;
}

function stored(row: typeof policyVersions.$inferSelect): StoredVersion {
  return {
    ...row,
    kind: row.kind as VersionKind,
    // Every version is checked with validatePolicy before it is written, and never changed after.
    document: row.document as PolicyDocument,
    siteOverrides: row.siteOverrides as SiteOverrides,
  };
}

/** The policy in force: the organisation's latest version, or null before one is adopted. */
export async function latestVersion(tx: TenantTx, organisationId: string): Promise<StoredVersion | null> {
  const [row] = await tx.select().from(policyVersions).where(eq(policyVersions.organisationId, organisationId)).orderBy(desc(policyVersions.version)).limit(1);
  return row ? stored(row) : null;
}

export async function versionOf(tx: TenantTx, organisationId: string, version: number): Promise<StoredVersion | null> {
  const [row] = await tx.select().from(policyVersions).where(and(eq(policyVersions.organisationId, organisationId), eq(policyVersions.version, version)));
  return row ? stored(row) : null;
}

/** Every version, newest first, without their documents. */
export async function versionList(tx: TenantTx, organisationId: string) {
  return tx
    .select({
      version: policyVersions.version,
      kind: policyVersions.kind,
      reviewCycle: policyVersions.reviewCycle,
      siteId: policyVersions.siteId,
      createdBy: policyVersions.createdBy,
      createdByName: policyVersions.createdByName,
      createdAt: policyVersions.createdAt,
      why: policyVersions.why,
    })
    .from(policyVersions)
    .where(eq(policyVersions.organisationId, organisationId))
    .orderBy(desc(policyVersions.version));
}

/** R-POL-2: when the policy was adopted and when each review cycle was last recorded, as local dates. */
export async function reviewHistory(tx: TenantTx, organisationId: string, timeZone: string): Promise<ReviewHistory> {
  const [first] = await tx
    .select({ at: policyVersions.createdAt })
    .from(policyVersions)
    .where(eq(policyVersions.organisationId, organisationId))
    .orderBy(asc(policyVersions.version))
    .limit(1);
  const reviews = await tx
    .select({ cycle: policyVersions.reviewCycle, at: max(policyVersions.createdAt) })
    .from(policyVersions)
    .where(and(eq(policyVersions.organisationId, organisationId), eq(policyVersions.kind, 'reviewed')))
    .groupBy(policyVersions.reviewCycle);
  if (!first) throw new Error('reviewHistory() needs an adopted policy.');
  const reviewedOn: Record<string, string> = {};
  for (const r of reviews) if (r.cycle && r.at) reviewedOn[r.cycle] = localDate(r.at, timeZone);
  return { adoptedOn: localDate(first.at, timeZone), reviewedOn };
}

export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? at.toISOString().slice(0, 10);
}

export interface NewVersion {
  kind: VersionKind;
  document: PolicyDocument;
  siteOverrides: SiteOverrides;
  why: string;
  by: { id: string; name: string };
  at: Date;
  reviewCycle?: string;
  siteId?: string;
  /** The version this one was made from (none for the adoption). */
  basedOn?: number;
  /** What changed, for the audit entry. */
  changes?: readonly unknown[];
  meta?: RequestMeta;
}

/**
 * R-POL-1: adds the next version and its audit entry in the caller's transaction. Two people
 * saving at once both aim for the same number; the second is refused (policy.version.stale).
 */
export async function appendVersion(tx: TenantTx, organisationId: string, v: NewVersion): Promise<number> {
  const version = (v.basedOn ?? 0) + 1;
  try {
    await tx.insert(policyVersions).values({
      organisationId,
      version,
      preset: v.document.preset,
      kind: v.kind,
      document: v.document,
      siteOverrides: v.siteOverrides,
      reviewCycle: v.reviewCycle ?? null,
      siteId: v.siteId ?? null,
      createdBy: v.by.id,
      createdByName: v.by.name,
      createdAt: v.at,
      why: v.why,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw PolicyStale(version);
    throw e;
  }
  await recordAudit(tx, {
    organisationId,
    actorId: v.by.id,
    action: `policy.${v.kind}`,
    subjectType: 'policy_version',
    subjectId: String(version),
    meta: v.meta,
    at: v.at,
    details: {
      requirement: 'R-POL-1',
      version,
      basedOn: v.basedOn ?? null,
      preset: v.document.preset,
      why: v.why,
      ...(v.reviewCycle ? { reviewCycle: v.reviewCycle } : {}),
      ...(v.siteId ? { siteId: v.siteId } : {}),
      changes: v.changes ?? [],
    },
  });
  return version;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
}

/** The policy a site runs under: its organisation's latest version with the site's override laid over it. */
export interface PolicyInForce {
  version: number;
  document: PolicyDocument;
  /** The values the site's override set. */
  overridden: PolicyPath[];
}

/**
 * R-POL-1: the typed policy in force for an organisation, or for one of its sites, for the
 * modules that enforce it; null before a policy is adopted. Call it inside the use case's own
 * tenant transaction.
 */
export async function policyInForce(tx: TenantTx, organisationId: string, siteId?: string): Promise<PolicyInForce | null> {
  const latest = await latestVersion(tx, organisationId);
  if (!latest) return null;
  const override = siteId === undefined ? undefined : latest.siteOverrides[siteId];
  if (override === undefined) return { version: latest.version, document: latest.document, overridden: [] };
  const effective = effectivePolicy(latest.document, override);
  // Each override was checked against the document it was saved with, and each later edit against every override.
  if (!effective.ok) throw new Error(`The policy of site ${siteId} does not hold: ${effective.problems.map((p) => p.message).join(' ')}`);
  return { version: latest.version, document: effective.doc, overridden: effective.overridden };
}
