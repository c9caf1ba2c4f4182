import { fieldChanges, isActive, type DiffContext, type SiteState } from './diff-context.js';
import { classKindOf, isSiteOrg, termKey, yearGroupOf } from './mapping.js';
import type { ClassRow, CurrentRoster, TermRow } from './plan.js';
import { quoted } from './problems.js';

/**
 * R-ORG-3: the organisation's structure from orgs, academicSessions, courses and classes.
 * Schools become sites, terms become each site's terms, grades become year groups, classes
 * become classes. Sites and terms are never removed by an import; classes are ended.
 */

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** orgs.csv → sites. A school new to Continuum is matched to a site of the same name that no MIS has claimed yet. */
export function diffSites(cx: DiffContext): void {
  const unclaimed = new Map<string, SiteState>();
  for (const s of cx.current.sites) {
    const state: SiteState = { id: s.id, sourcedId: s.sourcedId, name: s.name };
    cx.sitesById.set(s.id, state);
    if (s.sourcedId !== null) cx.sites.set(s.sourcedId, state);
    else if (!unclaimed.has(s.name.trim().toLowerCase())) unclaimed.set(s.name.trim().toLowerCase(), state);
  }
  const mode = cx.mode('orgs');
  if (mode === 'absent') return;
  const tally = cx.tally('sites');
  const inFile = new Set<string>();
  let kept = 0;
  for (const o of cx.bundle.orgs) {
    if (!isSiteOrg(o.type)) continue;
    inFile.add(o.sourcedId);
    const known = cx.sites.get(o.sourcedId);
    if (!isActive(o)) {
      if (known !== undefined) kept += 1;
      continue;
    }
    const existing = known ?? unclaimed.get(o.name.trim().toLowerCase());
    const row = { id: existing?.id ?? cx.newId(), sourcedId: o.sourcedId, name: o.name };
    if (existing === undefined) {
      cx.plan.sites.insert.push(row);
      tally.added(o.sourcedId, () => o.name);
      const state = { ...row };
      cx.sites.set(o.sourcedId, state);
      cx.sitesById.set(row.id, state);
      continue;
    }
    unclaimed.delete(existing.name.trim().toLowerCase());
    const changes = fieldChanges(existing, row, ['sourcedId', 'name']);
    if (changes.length > 0) {
      cx.plan.sites.update.push(row);
      tally.changed(o.sourcedId, () => o.name, changes);
    } else tally.unchanged();
    existing.sourcedId = row.sourcedId;
    existing.name = row.name;
    cx.sites.set(o.sourcedId, existing);
  }
  if (mode === 'bulk') kept += cx.current.sites.filter((s) => s.sourcedId !== null && !inFile.has(s.sourcedId)).length;
  if (kept > 0) {
    cx.notes.push(
      `${plural(kept, 'school is', 'schools are')} no longer in the export, or marked for deletion. An import never removes a site, so ${kept === 1 ? 'it stays' : 'they stay'} as ${kept === 1 ? 'it is' : 'they are'}; remove ${kept === 1 ? 'it' : 'them'} in Manage organisation if you need to.`,
    );
  }
}

/**
 * academicSessions.csv (type term) → terms. A OneRoster term belongs to the whole export, a term
 * here to one site: it goes to the schools whose classes name it, or where it already is, or
 * else to every school from the MIS.
 */
export function diffTerms(cx: DiffContext): void {
  const mode = cx.mode('academicSessions');
  if (mode === 'absent') return;
  const tally = cx.tally('terms');
  const usedAt = new Map<string, Set<string>>();
  for (const c of cx.bundle.classes) {
    const org = isActive(c) ? cx.orgOf(c.schoolSourcedId) : 'unknown';
    if (typeof org !== 'object') continue;
    for (const t of c.termSourcedIds) {
      const sites = usedAt.get(t) ?? new Set<string>();
      sites.add(org.site.id);
      usedAt.set(t, sites);
    }
  }
  const bySourced = new Map<string, CurrentRoster['terms'][number]>();
  const sitesOfSession = new Map<string, string[]>();
  const unclaimed = new Map<string, CurrentRoster['terms'][number]>();
  for (const t of cx.current.terms) {
    if (t.sourcedId === null) {
      unclaimed.set(`${t.siteId}|${t.name.trim().toLowerCase()}`, t);
      continue;
    }
    bySourced.set(t.sourcedId, t);
    const session = t.sourcedId.slice(0, t.sourcedId.lastIndexOf('@'));
    sitesOfSession.set(session, [...(sitesOfSession.get(session) ?? []), t.siteId]);
  }
  const rosterSites = [...cx.sites.values()].map((s) => s.id);

  const inFile = new Set<string>();
  let kept = 0;
  for (const s of cx.bundle.academicSessions) {
    if (s.type !== 'term') continue;
    inFile.add(s.sourcedId);
    if (!isActive(s)) {
      kept += sitesOfSession.get(s.sourcedId)?.length ?? 0;
      continue;
    }
    const siteIds = [...(usedAt.get(s.sourcedId) ?? sitesOfSession.get(s.sourcedId) ?? rosterSites)].sort();
    for (const siteId of new Set(siteIds)) {
      const site = cx.sitesById.get(siteId);
      if (site?.sourcedId === null || site === undefined) continue;
      const key = termKey(s.sourcedId, site.sourcedId);
      const existing = bySourced.get(key) ?? unclaimed.get(`${siteId}|${s.title.trim().toLowerCase()}`);
      const row: TermRow = { id: existing?.id ?? cx.newId(), siteId, sourcedId: key, name: s.title, startDate: s.startDate, endDate: s.endDate };
      const label = () => `${s.title} at ${site.name}`;
      if (existing === undefined) {
        cx.plan.terms.insert.push(row);
        tally.added(key, label, `${row.name}|${row.startDate}|${row.endDate}`);
        continue;
      }
      if (existing.sourcedId === null) unclaimed.delete(`${siteId}|${existing.name.trim().toLowerCase()}`);
      const changes = fieldChanges(existing, row, ['sourcedId', 'name', 'startDate', 'endDate']);
      if (changes.length > 0) {
        cx.plan.terms.update.push(row);
        tally.changed(key, label, changes);
      } else tally.unchanged();
    }
  }
  if (mode === 'bulk') {
    for (const [session, sites] of sitesOfSession) if (!inFile.has(session)) kept += sites.length;
  }
  if (kept > 0) {
    cx.notes.push(
      `${plural(kept, 'term is', 'terms are')} no longer in the export, or marked for deletion. An import never removes term dates; change them in Manage organisation if you need to.`,
    );
  }
}

/** Registers the organisation's year groups, so classes and learners can be placed in them. */
export function loadYearGroups(cx: DiffContext): void {
  for (const c of cx.current.cohorts) {
    if (c.code === null) continue;
    cx.cohorts.set(`${c.siteId}|${c.code}`, c.id);
    cx.cohortInfo.set(c.id, { name: c.name, key: `${cx.siteKey(c.siteId)}|${c.code}` });
  }
}

/** The year group of a single grade at a site, added to the plan when the site does not have it yet. */
export function yearGroupFor(cx: DiffContext, siteId: string, grades: readonly string[]): string | null {
  const grade = grades.length === 1 ? grades[0] : undefined;
  const group = grade === undefined ? null : yearGroupOf(grade);
  if (group === null) return null;
  const known = cx.cohorts.get(`${siteId}|${group.code}`);
  if (known !== undefined) return known;
  const id = cx.newId();
  const key = `${cx.siteKey(siteId)}|${group.code}`;
  cx.cohorts.set(`${siteId}|${group.code}`, id);
  cx.cohortInfo.set(id, { name: group.name, key });
  cx.plan.cohorts.insert.push({ id, siteId, code: group.code, name: group.name, yearOfSchooling: group.yearOfSchooling });
  cx.tally('yearGroups').added(key, () => `${group.name} at ${cx.sitesById.get(siteId)?.name ?? 'a site'}`);
  return id;
}

/** classes.csv (with courses.csv for the subject and year) → classes. */
export function diffClasses(cx: DiffContext): void {
  const bySourced = new Map<string, CurrentRoster['classes'][number]>();
  for (const c of cx.current.classes) {
    if (c.sourcedId === null) continue;
    bySourced.set(c.sourcedId, c);
    cx.addClass({ id: c.id, sourcedId: c.sourcedId, name: c.name, siteId: c.siteId, ended: c.ended });
  }
  const mode = cx.mode('classes');
  if (mode === 'absent') return;
  const tally = cx.tally('classes');
  const courses = new Map(cx.bundle.courses.map((c) => [c.sourcedId, c]));
  const siteName = (id: string) => cx.sitesById.get(id)?.name ?? null;
  const cohortName = (id: string | null) => (id === null ? null : (cx.cohortInfo.get(id)?.name ?? null));
  const readable = (r: { siteId: string; cohortId: string | null } & Omit<ClassRow, 'id' | 'siteId' | 'cohortId'>) => ({
    sourcedId: r.sourcedId,
    name: r.name,
    subject: r.subject,
    kind: r.kind,
    school: siteName(r.siteId),
    yearGroup: cohortName(r.cohortId),
    ended: r.ended,
  });
  const end = (c: CurrentRoster['classes'][number] & { sourcedId: string }) => {
    cx.plan.classes.update.push({ ...c, kind: classKindOf(c.kind), ended: true });
    tally.ended(c.sourcedId, () => c.name);
    const state = cx.classes.get(c.sourcedId);
    if (state !== undefined) state.ended = true;
  };

  const inFile = new Set<string>();
  for (const c of cx.bundle.classes) {
    inFile.add(c.sourcedId);
    const existing = bySourced.get(c.sourcedId);
    if (!isActive(c)) {
      if (existing !== undefined && !existing.ended) end({ ...existing, sourcedId: c.sourcedId });
      continue;
    }
    const org = cx.orgOf(c.schoolSourcedId);
    if (org === 'other') {
      const type = cx.bundle.orgs.find((o) => o.sourcedId === c.schoolSourcedId)?.type ?? 'org';
      cx.problem('classes', c.line, 'schoolSourcedId', 'organisation.roster.not_a_school', `schoolSourcedId ${quoted(c.schoolSourcedId)} is a ${type} in orgs.csv, not a school; every class belongs to a school.`);
      continue;
    }
    if (org === 'unknown') continue; // reported with the other references Continuum cannot find
    const course = courses.get(c.courseSourcedId);
    const grades = c.grades.length > 0 ? c.grades : (course?.grades ?? []);
    const row: ClassRow = {
      id: existing?.id ?? cx.newId(),
      sourcedId: c.sourcedId,
      siteId: org.site.id,
      cohortId: yearGroupFor(cx, org.site.id, grades),
      name: c.title,
      subject: course?.subjects[0] ?? c.subjects[0] ?? course?.title ?? existing?.subject ?? c.title,
      kind: classKindOf(c.classType),
      ended: false,
    };
    cx.addClass({ id: row.id, sourcedId: row.sourcedId, name: row.name, siteId: row.siteId, ended: false });
    if (existing === undefined) {
      cx.plan.classes.insert.push(row);
      tally.added(c.sourcedId, () => c.title, `${row.name}|${row.subject}|${row.kind}|${c.schoolSourcedId}`);
      continue;
    }
    const changes = fieldChanges(readable({ ...existing, sourcedId: c.sourcedId, kind: classKindOf(existing.kind) }), readable(row), [
      'name',
      'subject',
      'kind',
      'school',
      'yearGroup',
      'ended',
    ]);
    if (changes.length > 0) {
      cx.plan.classes.update.push(row);
      tally.changed(c.sourcedId, () => c.title, changes);
    } else tally.unchanged();
  }
  if (mode !== 'bulk') return;
  for (const [sourcedId, c] of bySourced) if (!inFile.has(sourcedId) && !c.ended) end({ ...c, sourcedId });
}
