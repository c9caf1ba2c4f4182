import { sql } from 'drizzle-orm';
import type { TenantTx } from '../../../platform/db/client.js';
import type { CurrentRoster } from './plan.js';

/**
 * R-ORG-3: the organisation's records as a roster import compares them, read in one transaction.
 *
 * The roster defines people as well as structure, so this reads identity's users, role
 * assignments and guardianships as well as organisation's own tables, with plain SQL over the
 * columns migration 0003 added for the import (sourced_id, left_at, birth_date). Columns are
 * aliased to the plan's names, and dates read as text, so rows need no copying.
 */
async function rows<T>(tx: TenantTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await tx.execute(query);
  return result.rows as T[];
}

export async function loadCurrentRoster(tx: TenantTx, organisationId: string): Promise<CurrentRoster> {
  const org = organisationId;
  return {
    sites: await rows(tx, sql`select id, sourced_id as "sourcedId", name from sites where organisation_id = ${org} order by id`),
    terms: await rows(
      tx,
      sql`select id, site_id as "siteId", sourced_id as "sourcedId", name, start_date::text as "startDate", end_date::text as "endDate"
          from terms where organisation_id = ${org} order by id`,
    ),
    cohorts: await rows(
      tx,
      sql`select id, site_id as "siteId", code, name from cohorts where organisation_id = ${org} and kind = 'year_group' order by id`,
    ),
    classes: await rows(
      tx,
      sql`select id, sourced_id as "sourcedId", site_id as "siteId", cohort_id as "cohortId", name, subject, kind, ended_at is not null as ended
          from classes where organisation_id = ${org} order by id`,
    ),
    people: await rows(
      tx,
      sql`select id, sourced_id as "sourcedId", given_name as "givenName", family_name as "familyName", email,
                 birth_date::text as "birthDate", left_at is not null as "left"
          from users where organisation_id = ${org} order by id`,
    ),
    roles: await rows(tx, sql`select user_id as "userId", role, site_id as "siteId" from role_assignments where organisation_id = ${org}`),
    guardianships: await rows(
      tx,
      sql`select guardian_id as "guardianId", learner_id as "learnerId" from guardianships where organisation_id = ${org}`,
    ),
    enrolments: await rows(
      tx,
      sql`select class_id as "classId", learner_id as "learnerId", sourced_id as "sourcedId", start_date::text as "startDate", end_date::text as "endDate"
          from enrolments where organisation_id = ${org}`,
    ),
    classStaff: await rows(
      tx,
      sql`select class_id as "classId", user_id as "userId", role, is_primary as "isPrimary" from class_staff where organisation_id = ${org}`,
    ),
    cohortMembers: await rows(
      tx,
      sql`select m.cohort_id as "cohortId", m.learner_id as "learnerId"
          from cohort_members m join cohorts c on c.organisation_id = m.organisation_id and c.id = m.cohort_id
          where m.organisation_id = ${org} and c.kind = 'year_group'`,
    ),
  };
}
