import { sql, type SQL } from 'drizzle-orm';
import type { TenantTx } from '../../../platform/db/client.js';
import type { RosterPlan } from './plan.js';

/**
 * R-ORG-3: writes a roster plan inside the caller's transaction, a few thousand rows per
 * statement: each batch goes as one array per column and is spread back into rows by unnest(),
 * so 180,000 enrolments take dozens of statements, not 180,000.
 *
 * Like current.ts it writes identity's users, role_assignments and guardianships as well as
 * organisation's tables: the roster is where people come from.
 */

const BATCH = 5000;

type Column<T> = readonly [name: string, type: string, value: (row: T) => unknown];

/** `unnest($1::uuid[], $2::text[], …) as v(a, b, …)` for one batch. */
function unnested<T>(rows: readonly T[], columns: readonly Column<T>[]): SQL {
  const arrays = sql.join(
    columns.map(([, type, value]) => sql`${sql.param(rows.map(value))}::${sql.raw(type)}[]`),
    sql`, `,
  );
  return sql`unnest(${arrays}) as v(${sql.raw(columns.map(([name]) => name).join(', '))})`;
}

async function inBatches<T>(rows: readonly T[], write: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH) {
    try {
      await write(rows.slice(at, at + BATCH));
    } catch (error) {
      // Drizzle's wrapper quotes every parameter: thousands of names and addresses into the log.
      // PostgreSQL's own error says what went wrong without them.
      throw error instanceof Error && error.cause instanceof Error ? error.cause : error;
    }
  }
}

/** insert into <table> (organisation_id, <columns>) select <org>, v.* from unnest(…). */
async function insertRows<T>(tx: TenantTx, table: string, org: string, rows: readonly T[], columns: readonly Column<T>[]): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  await inBatches(rows, (batch) =>
    tx.execute(sql`insert into ${sql.identifier(table)} (organisation_id, ${sql.raw(names)})
                   select ${org}::uuid, ${sql.raw(columns.map(([name]) => `v.${name}`).join(', '))} from ${unnested(batch, columns)}`),
  );
}

/** delete from <table> t using unnest(…) v where every column matches (null matches null). */
async function deleteRows<T>(tx: TenantTx, table: string, org: string, rows: readonly T[], columns: readonly Column<T>[]): Promise<void> {
  const match = sql.raw(columns.map(([name]) => `t.${name} is not distinct from v.${name}`).join(' and '));
  await inBatches(rows, (batch) =>
    tx.execute(sql`delete from ${sql.identifier(table)} t using ${unnested(batch, columns)} where t.organisation_id = ${org} and ${match}`),
  );
}

/** update <table> t set … from unnest(…) v where t.organisation_id = org and <keys match>. */
async function updateRows<T>(
  tx: TenantTx,
  table: string,
  org: string,
  rows: readonly T[],
  columns: readonly Column<T>[],
  keys: readonly string[],
  set: SQL,
): Promise<void> {
  const match = sql.raw(keys.map((k) => `t.${k} = v.${k}`).join(' and '));
  await inBatches(rows, (batch) =>
    tx.execute(sql`update ${sql.identifier(table)} t set ${set} from ${unnested(batch, columns)} where t.organisation_id = ${org} and ${match}`),
  );
}

export interface ApplyOptions {
  organisationId: string;
  now: Date;
}

/** Applies the plan, parents before children, in the caller's one transaction. */
export async function applyRosterPlan(tx: TenantTx, plan: RosterPlan, opts: ApplyOptions): Promise<void> {
  const org = opts.organisationId;
  const now = opts.now.toISOString();

  const site: Column<RosterPlan['sites']['insert'][number]>[] = [
    ['id', 'uuid', (r) => r.id],
    ['sourced_id', 'text', (r) => r.sourcedId],
    ['name', 'text', (r) => r.name],
  ];
  await insertRows(tx, 'sites', org, plan.sites.insert, site);
  await updateRows(tx, 'sites', org, plan.sites.update, site, ['id'], sql`sourced_id = v.sourced_id, name = v.name`);

  const term: Column<RosterPlan['terms']['insert'][number]>[] = [
    ['id', 'uuid', (r) => r.id],
    ['site_id', 'uuid', (r) => r.siteId],
    ['sourced_id', 'text', (r) => r.sourcedId],
    ['name', 'text', (r) => r.name],
    ['start_date', 'date', (r) => r.startDate],
    ['end_date', 'date', (r) => r.endDate],
  ];
  await insertRows(tx, 'terms', org, plan.terms.insert, term);
  await updateRows(tx, 'terms', org, plan.terms.update, term, ['id'], sql`sourced_id = v.sourced_id, name = v.name, start_date = v.start_date, end_date = v.end_date`);

  await insertRows(tx, 'cohorts', org, plan.cohorts.insert, [
    ['id', 'uuid', (r) => r.id],
    ['site_id', 'uuid', (r) => r.siteId],
    ['kind', 'text', () => 'year_group'],
    ['code', 'text', (r) => r.code],
    ['name', 'text', (r) => r.name],
    ['year_of_schooling', 'smallint', (r) => r.yearOfSchooling],
  ]);

  const cls: Column<RosterPlan['classes']['insert'][number]>[] = [
    ['id', 'uuid', (r) => r.id],
    ['site_id', 'uuid', (r) => r.siteId],
    ['cohort_id', 'uuid', (r) => r.cohortId],
    ['name', 'text', (r) => r.name],
    ['subject', 'text', (r) => r.subject],
    ['kind', 'text', (r) => r.kind],
    ['sourced_id', 'text', (r) => r.sourcedId],
  ];
  await insertRows(tx, 'classes', org, plan.classes.insert, cls);
  await updateRows(
    tx,
    'classes',
    org,
    plan.classes.update,
    [...cls, ['is_ended', 'boolean', (r) => r.ended]],
    ['id'],
    sql`site_id = v.site_id, cohort_id = v.cohort_id, name = v.name, subject = v.subject, kind = v.kind, sourced_id = v.sourced_id,
        ended_at = case when v.is_ended then coalesce(t.ended_at, ${now}::timestamptz) end`,
  );

  // People: addresses that move are freed first, so two people can swap theirs in one import.
  await updateRows(tx, 'users', org, plan.people.releaseEmail, [['id', 'uuid', (id: string) => id]], ['id'], sql`email = null`);
  const person: Column<RosterPlan['people']['insert'][number]>[] = [
    ['id', 'uuid', (r) => r.id],
    ['sourced_id', 'text', (r) => r.sourcedId],
    ['given_name', 'text', (r) => r.givenName],
    ['family_name', 'text', (r) => r.familyName],
    ['email', 'text', (r) => r.email],
    ['birth_date', 'date', (r) => r.birthDate],
  ];
  await insertRows(tx, 'users', org, plan.people.insert, [...person, ['created_at', 'timestamptz', () => now]]);
  await updateRows(
    tx,
    'users',
    org,
    plan.people.update,
    [...person, ['has_left', 'boolean', (r) => r.left]],
    ['id'],
    sql`sourced_id = v.sourced_id, given_name = v.given_name, family_name = v.family_name, email = v.email, birth_date = v.birth_date,
        left_at = case when v.has_left then coalesce(t.left_at, ${now}::timestamptz) end`,
  );

  const role: Column<RosterPlan['roles']['insert'][number]>[] = [
    ['user_id', 'uuid', (r) => r.userId],
    ['role', 'text', (r) => r.role],
    ['site_id', 'uuid', (r) => r.siteId],
  ];
  await deleteRows(tx, 'role_assignments', org, plan.roles.remove, role);
  await insertRows(tx, 'role_assignments', org, plan.roles.insert, role);

  const link: Column<RosterPlan['guardianships']['insert'][number]>[] = [
    ['guardian_id', 'uuid', (r) => r.guardianId],
    ['learner_id', 'uuid', (r) => r.learnerId],
  ];
  await deleteRows(tx, 'guardianships', org, plan.guardianships.remove, link);
  await insertRows(tx, 'guardianships', org, plan.guardianships.insert, link);

  const staff: Column<RosterPlan['classStaff']['insert'][number]>[] = [
    ['class_id', 'uuid', (r) => r.classId],
    ['user_id', 'uuid', (r) => r.userId],
    ['role', 'text', (r) => r.role],
    ['is_primary', 'boolean', (r) => r.isPrimary],
  ];
  await deleteRows(tx, 'class_staff', org, plan.classStaff.remove, staff.slice(0, 2));
  await updateRows(tx, 'class_staff', org, plan.classStaff.update, staff, ['class_id', 'user_id'], sql`role = v.role, is_primary = v.is_primary`);
  await insertRows(tx, 'class_staff', org, plan.classStaff.insert, staff);

  await updateRows(tx, 'enrolments', org, plan.enrolments.release, [['sourced_id', 'text', (id: string) => id]], ['sourced_id'], sql`sourced_id = null`);
  const enrolment: Column<RosterPlan['enrolments']['insert'][number]>[] = [
    ['class_id', 'uuid', (r) => r.classId],
    ['learner_id', 'uuid', (r) => r.learnerId],
    ['sourced_id', 'text', (r) => r.sourcedId],
    ['start_date', 'date', (r) => r.startDate],
    ['end_date', 'date', (r) => r.endDate],
  ];
  await updateRows(
    tx,
    'enrolments',
    org,
    plan.enrolments.update,
    enrolment,
    ['class_id', 'learner_id'],
    sql`sourced_id = v.sourced_id, start_date = v.start_date, end_date = v.end_date`,
  );
  await insertRows(tx, 'enrolments', org, plan.enrolments.insert, enrolment);

  const member: Column<RosterPlan['cohortMembers']['insert'][number]>[] = [
    ['cohort_id', 'uuid', (r) => r.cohortId],
    ['learner_id', 'uuid', (r) => r.learnerId],
  ];
  await deleteRows(tx, 'cohort_members', org, plan.cohortMembers.remove, member);
  await insertRows(tx, 'cohort_members', org, plan.cohortMembers.insert, member);
}
