import { and, eq, or, sql } from 'drizzle-orm';
import type { CommentView, ExtensionBody, LearnerProgress, PaperReturnBody, SubmissionDetail } from '../../../shared/work.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions, SubjectFacts } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { BlobStore, StagedBlob } from '../../platform/files/index.js';
import { personFacts, personNames } from '../identity/index.js';
import { instantAt, type ClassFacts, type SiteCalendar } from '../organisation/index.js';
import { AlreadyHandedIn, AlreadyMarked, NoFeedbackYet, NotInWork, NothingHandedIn, OwnWorkNeeded, ParentsMayNotSubmit, WorkInvalid } from './errors.js';
import { audienceOf, calendarAt, classSubject, isInAudience, oneAssignment, oneClass, workRules, type AssignmentRow, type WorkRules } from './load.js';
import { feedbackDue } from './rules.js';
import { extensions, resources, submissionComments, submissionFiles, submissions } from './schema.js';
import { stateOf, submissionView } from './views.js';

interface SiteNow {
  calendar: SiteCalendar;
  today: string;
  rules: WorkRules;
}

/** What learners may hand in: photos of paper work, PDFs, office documents, plain text (sniffed). */
export const SUBMISSION_TYPES = ['image/', 'application/pdf', 'application/vnd.openxmlformats-officedocument.', 'application/vnd.oasis.opendocument.', 'text/plain', 'audio/', 'video/'] as const;
/** What staff may return as feedback: the same, typically the work annotated. */
export const FEEDBACK_TYPES = SUBMISSION_TYPES;

type SubmissionRow = typeof submissions.$inferSelect;

/** R-WORK-5, -6, -7: handing work in (online, by a parent, on paper), extensions, feedback and replies. */
export function createHandingInService(deps: { db: Database; clock: Clock; permissions: Permissions; blobs: BlobStore }) {
  const { db, clock, permissions, blobs } = deps;

  const audit = (tx: TenantTx, ctx: Ctx, action: string, subjectId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType: 'submission', subjectId, meta: ctx.meta, at: clock.now(), details });

  /** The learner's deadline for this work: the class's, or their extension. */
  async function dueFor(tx: TenantTx, org: string, a: AssignmentRow, learnerId: string): Promise<Date> {
    const [ext] = await tx.select({ dueAt: extensions.dueAt }).from(extensions).where(and(eq(extensions.organisationId, org), eq(extensions.assignmentId, a.id), eq(extensions.learnerId, learnerId)));
    return ext?.dueAt ?? a.dueAt;
  }

  async function existing(tx: TenantTx, org: string, assignmentId: string, learnerId: string): Promise<SubmissionRow | null> {
    const [row] = await tx
      .select()
      .from(submissions)
      .where(and(eq(submissions.organisationId, org), eq(submissions.assignmentId, assignmentId), eq(submissions.learnerId, learnerId)))
      .for('update');
    return row ?? null;
  }

  /** A learner the work is for, or 400. */
  async function learnerInWork(tx: TenantTx, org: string, a: AssignmentRow, site: SiteNow, learnerId: string): Promise<void> {
    if (!(await isInAudience(tx, org, a, learnerId, site.today))) throw NotInWork();
  }

  /** The class's site as it stands now: its calendar, today there and its work rules, loaded once per request. */
  async function siteNow(tx: TenantTx, org: string, c: ClassFacts): Promise<SiteNow> {
    const { calendar, today } = await calendarAt(tx, org, c.siteId, clock);
    return { calendar, today, rules: await workRules(tx, org, c.siteId) };
  }

  /** Work its marker acts on for one of its learners: 404 unless the actor marks this class (or covers it), 400 unless the learner is in it. */
  async function markingFor(tx: TenantTx, ctx: Ctx, assignmentId: string, learnerId: string): Promise<{ a: AssignmentRow; c: ClassFacts; site: SiteNow }> {
    const org = ctx.actor.organisationId;
    const a = await oneAssignment(tx, org, assignmentId);
    const c = await oneClass(tx, org, a.classId);
    if (!permissions.authorize(ctx.actor, 'work.mark', await classSubject(tx, org, c, { withBubble: a.cover })).allowed) throw NotFound();
    const site = await siteNow(tx, org, c);
    await learnerInWork(tx, org, a, site, learnerId);
    return { a, c, site };
  }

  /** A new hand-in's first row: late or not, and when feedback is due by the policy and the site's calendar. */
  async function newSubmission(tx: TenantTx, org: string, a: AssignmentRow, site: SiteNow, learnerId: string, v: { channel: 'online' | 'paper'; body: string | null; by: string; ownWork: boolean }) {
    const now = clock.now();
    const { calendar, rules } = site;
    const due = await dueFor(tx, org, a, learnerId);
    const [row] = await tx
      .insert(submissions)
      .values({
        organisationId: org,
        assignmentId: a.id,
        learnerId,
        channel: v.channel,
        body: v.body,
        submittedBy: v.by,
        submittedAt: now,
        updatedAt: now,
        late: now.getTime() > due.getTime(),
        ownWorkDeclaredAt: v.ownWork ? now : null,
        feedbackDueAt: feedbackDue(calendar, now, rules.feedbackDue),
      })
      .returning();
    return row!;
  }

  /** Who may see a submission and how: staff of its class (and site oversight), or the learner's own people. */
  async function visibleSubmission(tx: TenantTx, ctx: Ctx, submissionId: string) {
    const org = ctx.actor.organisationId;
    const [s] = await tx.select().from(submissions).where(and(eq(submissions.organisationId, org), eq(submissions.id, submissionId)));
    if (!s) throw NotFound();
    const a = await oneAssignment(tx, org, s.assignmentId);
    const c = await oneClass(tx, org, a.classId);
    const classSubj = await classSubject(tx, org, c);
    const staff = permissions.authorize(ctx.actor, 'work.class.read', classSubj).allowed;
    const facts = await personFacts(tx, org, s.learnerId);
    const learnerSubj: SubjectFacts = { ...facts!, siteIds: [...(facts?.siteIds ?? []), c.siteId], teacherIds: c.staff.map((x) => x.userId) };
    if (!staff && !permissions.authorize(ctx.actor, 'work.learner.read', learnerSubj).allowed) throw NotFound();
    return { s, a, c, classSubj, learnerSubj, staff };
  }

  return {
    /**
     * R-WORK-5, -7: a learner hands work in (or their parent, when the policy allows), with text and
     * files already staged by the route. Late work is accepted and marked late; handing in again
     * before feedback replaces the text and adds files; nothing is kept if any part fails.
     */
    async submit(ctx: Ctx, assignmentId: string, input: { learnerId?: string; body?: string; ownWork: boolean; files: StagedBlob[] }): Promise<SubmissionDetail> {
      const org = ctx.actor.organisationId;
      const learnerId = input.learnerId ?? ctx.actor.userId;
      return db.withTenant(org, async (tx) => {
        const a = await oneAssignment(tx, org, assignmentId);
        const c = await oneClass(tx, org, a.classId);
        const facts = await personFacts(tx, org, learnerId);
        if (!facts || !permissions.authorize(ctx.actor, 'work.submit', facts).allowed) throw NotFound();
        const site = await siteNow(tx, org, c);
        await learnerInWork(tx, org, a, site, learnerId).catch(() => {
          throw NotFound();
        });
        const { rules } = site;
        const byParent = ctx.actor.userId !== learnerId;
        if (byParent && !rules.parentsMaySubmit) throw ParentsMayNotSubmit();
        const body = input.body?.trim() || null;
        if (!body && input.files.length === 0) throw NothingHandedIn();
        if (rules.ownWorkDeclaration && !input.ownWork) throw OwnWorkNeeded().withDetails([{ path: ['body', 'ownWork'], code: 'work.submission.own_work', message: 'Tick the box to confirm this is your own work.' }]);
        let row = await existing(tx, org, a.id, learnerId);
        if (row?.feedbackAt) throw AlreadyMarked();
        if (row && row.channel === 'paper') throw AlreadyHandedIn('This learner');
        const now = clock.now();
        if (row) {
          const [updated] = await tx
            .update(submissions)
            .set({ body: body ?? row.body, updatedAt: now, ownWorkDeclaredAt: rules.ownWorkDeclaration ? now : row.ownWorkDeclaredAt })
            .where(and(eq(submissions.organisationId, org), eq(submissions.id, row.id)))
            .returning();
          row = updated!;
        } else {
          row = await newSubmission(tx, org, a, site, learnerId, { channel: 'online', body, by: ctx.actor.userId, ownWork: rules.ownWorkDeclaration && input.ownWork });
        }
        const s = row!;
        // Files added on a second hand-in follow the first ones.
        const [{ next }] = (await tx
          .select({ next: sql<number>`coalesce(max(${submissionFiles.position}) + 1, 0)::int` })
          .from(submissionFiles)
          .where(and(eq(submissionFiles.organisationId, org), eq(submissionFiles.submissionId, s.id)))) as [{ next: number }];
        for (const [i, file] of input.files.entries()) {
          const blobId = await blobs.record(tx, org, file, ctx.actor.userId, now);
          await tx.insert(submissionFiles).values({ organisationId: org, submissionId: s.id, blobId, position: next + i });
        }
        await audit(tx, ctx, 'work.submission.handed_in', s.id, {
          requirement: 'R-WORK-5',
          assignmentId: a.id,
          learnerId,
          byParent,
          late: s.late,
          files: input.files.map((f) => ({ contentType: f.contentType, byteSize: f.byteSize })),
          ownWork: s.ownWorkDeclaredAt !== null,
        });
        return submissionView(tx, org, s);
      });
    },

    /** R-WORK-5: staff record that a learner returned the work on paper. */
    async paperReturn(ctx: Ctx, assignmentId: string, body: PaperReturnBody): Promise<SubmissionDetail> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const { a, site } = await markingFor(tx, ctx, assignmentId, body.learnerId);
        if (await existing(tx, org, a.id, body.learnerId)) throw AlreadyHandedIn((await personNames(tx, org, [body.learnerId])).get(body.learnerId) ?? 'This learner');
        const s = await newSubmission(tx, org, a, site, body.learnerId, { channel: 'paper', body: body.note?.trim() || null, by: ctx.actor.userId, ownWork: false });
        await audit(tx, ctx, 'work.submission.paper', s.id, { requirement: 'R-WORK-5', assignmentId: a.id, learnerId: body.learnerId, late: s.late });
        return submissionView(tx, org, s);
      });
    },

    /** R-WORK-5: a new deadline for one learner. */
    async extend(ctx: Ctx, assignmentId: string, body: ExtensionBody): Promise<LearnerProgress> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const { a, site } = await markingFor(tx, ctx, assignmentId, body.learnerId);
        const due = instantAt(site.calendar, body.dueDate, body.dueTime);
        if (due.getTime() <= a.dueAt.getTime()) {
          throw WorkInvalid().withDetails([{ path: ['body', 'dueDate'], code: 'work.extension.not_later', message: 'An extension must be later than the work’s own deadline.' }]);
        }
        const now = clock.now();
        await tx
          .insert(extensions)
          .values({ organisationId: org, assignmentId: a.id, learnerId: body.learnerId, dueAt: due, reason: body.reason, grantedBy: ctx.actor.userId, grantedAt: now })
          .onConflictDoUpdate({ target: [extensions.organisationId, extensions.assignmentId, extensions.learnerId], set: { dueAt: due, reason: body.reason, grantedBy: ctx.actor.userId, grantedAt: now } });
        await audit(tx, ctx, 'work.extension.granted', a.id, { requirement: 'R-WORK-5', learnerId: body.learnerId, dueAt: due.toISOString(), reason: body.reason });
        const s = await existing(tx, org, a.id, body.learnerId);
        const names = await personNames(tx, org, [body.learnerId]);
        return {
          learner: { id: body.learnerId, displayName: names.get(body.learnerId) ?? '' },
          state: stateOf(s, due, now),
          submissionId: s?.id ?? null,
          submittedAt: s?.submittedAt.toISOString() ?? null,
          channel: (s?.channel as 'online' | 'paper' | undefined) ?? null,
          extendedTo: due.toISOString(),
          paper: false,
        };
      });
    },

    /** R-WORK-6: a hand-in with its thread, for its class's staff or the learner's own people. */
    async submission(ctx: Ctx, submissionId: string): Promise<SubmissionDetail & { title: string; className: string }> {
      return db.withTenant(ctx.actor.organisationId, async (tx) => {
        const { s, a, c } = await visibleSubmission(tx, ctx, submissionId);
        return { ...(await submissionView(tx, ctx.actor.organisationId, s)), title: a.title, className: c.name };
      });
    },

    /** R-WORK-6: the teacher's feedback: text, and a file or the work annotated. Takes it out of the marking queue. */
    async feedback(ctx: Ctx, submissionId: string, input: { body: string; annotated: boolean; file?: StagedBlob }): Promise<CommentView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const { s, classSubj } = await visibleSubmission(tx, ctx, submissionId);
        if (!permissions.authorize(ctx.actor, 'work.mark', classSubj).allowed) throw NotFound();
        const body = input.body.trim();
        if (!body && !input.file) throw WorkInvalid().withDetails([{ path: ['body', 'body'], code: 'work.feedback.empty', message: 'Write your feedback, or add a file.' }]);
        const now = clock.now();
        const blobId = input.file ? await blobs.record(tx, org, input.file, ctx.actor.userId, now) : null;
        const [c] = await tx
          .insert(submissionComments)
          .values({ organisationId: org, submissionId: s.id, kind: 'feedback', authorId: ctx.actor.userId, body, blobId, annotated: Boolean(blobId) && input.annotated, createdAt: now })
          .returning();
        await tx
          .update(submissions)
          .set({ feedbackAt: s.feedbackAt ?? now, replyWaitingSince: null })
          .where(and(eq(submissions.organisationId, org), eq(submissions.id, s.id)));
        const onTime = s.feedbackDueAt === null || now.getTime() <= s.feedbackDueAt.getTime();
        await audit(tx, ctx, 'work.feedback.given', s.id, { requirement: 'R-WORK-6', first: s.feedbackAt === null, onTime, dueAt: s.feedbackDueAt?.toISOString() ?? null, file: Boolean(blobId) });
        return (await submissionView(tx, org, { ...s, feedbackAt: s.feedbackAt ?? now })).comments.find((x) => x.id === c!.id)!;
      });
    },

    /** R-WORK-6: the learner answers feedback; the reply goes back into the teacher's queue. */
    async reply(ctx: Ctx, submissionId: string, text: string): Promise<CommentView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const { s, learnerSubj } = await visibleSubmission(tx, ctx, submissionId);
        if (!permissions.authorize(ctx.actor, 'work.reply', learnerSubj).allowed) throw NotFound();
        if (!s.feedbackAt) throw NoFeedbackYet();
        const now = clock.now();
        const [c] = await tx.insert(submissionComments).values({ organisationId: org, submissionId: s.id, kind: 'reply', authorId: ctx.actor.userId, body: text.trim(), createdAt: now }).returning();
        await tx.update(submissions).set({ replyWaitingSince: s.replyWaitingSince ?? now }).where(and(eq(submissions.organisationId, org), eq(submissions.id, s.id)));
        await audit(tx, ctx, 'work.reply.sent', s.id, { requirement: 'R-WORK-6' });
        return (await submissionView(tx, org, s)).comments.find((x) => x.id === c!.id)!;
      });
    },

    /**
     * A file of a resource, a hand-in or feedback, to whoever may see what it belongs to; a file
     * that belongs to nothing the asker may see is not found.
     */
    async openFile(ctx: Ctx, blobId: string) {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const [resource] = await tx
          .select({ assignmentId: resources.assignmentId })
          .from(resources)
          .where(and(eq(resources.organisationId, org), or(eq(resources.blobId, blobId), eq(resources.posterBlobId, blobId), eq(resources.captionsBlobId, blobId))));
        if (resource) {
          const a = await oneAssignment(tx, org, resource.assignmentId);
          const c = await oneClass(tx, org, a.classId);
          const subj = await classSubject(tx, org, c, { withBubble: true });
          if (!permissions.authorize(ctx.actor, 'work.class.read', subj).allowed && !permissions.authorize(ctx.actor, 'work.set', subj).allowed) {
            const { today } = await calendarAt(tx, org, c.siteId, clock);
            const audience = await audienceOf(tx, org, a, today);
            let mayRead = false;
            for (const id of audience) {
              const facts = await personFacts(tx, org, id);
              if (facts !== null && permissions.authorize(ctx.actor, 'work.learner.read', facts).allowed) {
                mayRead = true;
                break;
              }
            }
            if (!mayRead) throw NotFound();
          }
        } else {
          const [file] = await tx.select({ submissionId: submissionFiles.submissionId }).from(submissionFiles).where(and(eq(submissionFiles.organisationId, org), eq(submissionFiles.blobId, blobId)));
          const [comment] = file ? [] : await tx.select({ submissionId: submissionComments.submissionId }).from(submissionComments).where(and(eq(submissionComments.organisationId, org), eq(submissionComments.blobId, blobId)));
          const owner = file?.submissionId ?? comment?.submissionId;
          if (!owner) throw NotFound();
          await visibleSubmission(tx, ctx, owner);
        }
        const blob = await blobs.open(tx, org, blobId);
        if (!blob) throw NotFound();
        return blob;
      });
    },
  };
}

export type HandingInService = ReturnType<typeof createHandingInService>;
