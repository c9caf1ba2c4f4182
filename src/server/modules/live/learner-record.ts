import { and, desc, eq } from 'drizzle-orm';
import type { LearnerLiveRecord, SessionStatus } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import { recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { BlobStore, OpenedBlob } from '../../platform/files/index.js';
import { personFacts, personNames } from '../identity/index.js';
import { RecordingGone } from './errors.js';
import { liveMeetingViews, liveRecordCopies, liveSessions } from './schema.js';

/**
 * What the live module keeps in a learner's record (R-LIVE-10, -13): their 1-1s, the recordings
 * of them copied into the record (an apprentice's 1-1s under seed 000, where the recording is
 * "stored in the apprentice's account"), and meetings with their family with the views of the
 * child and the family. Staff at the learner's site read all of it; the learner reads their own
 * 1-1s and recordings, not what staff wrote about meetings. Every reading and viewing is audited.
 */
export function createLearnerRecord(deps: { db: Database; clock: Clock; permissions: Permissions; blobs: BlobStore }) {
  const { db, clock, permissions, blobs } = deps;

  /** Whether the reader may read this learner's record, and as whom: the learner themselves or staff. */
  async function readerOf(tx: TenantTx, ctx: Ctx, learnerId: string): Promise<'self' | 'staff'> {
    const facts = await personFacts(tx, ctx.actor.organisationId, learnerId);
    if (!facts) throw NotFound();
    const decision = permissions.authorize(ctx.actor, 'live.record.read', facts);
    if (!decision.allowed) throw NotFound();
    return learnerId === ctx.actor.userId && !permissions.authorize(ctx.actor, 'live.book', facts).allowed ? 'self' : 'staff';
  }

  const audit = (tx: TenantTx, ctx: Ctx, action: string, subjectType: string, subjectId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { organisationId: ctx.actor.organisationId, actorId: ctx.actor.userId, action, subjectType, subjectId, meta: ctx.meta, at: clock.now(), details });

  return {
    /** The learner's live record, as this reader may see it; read audited. */
    async read(ctx: Ctx, learnerId: string): Promise<LearnerLiveRecord> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const reader = await readerOf(tx, ctx, learnerId);
        const oneToOnes = await tx
          .select()
          .from(liveSessions)
          .where(and(eq(liveSessions.organisationId, org), eq(liveSessions.kind, 'one_to_one'), eq(liveSessions.learnerId, learnerId)))
          .orderBy(desc(liveSessions.startsAt));
        const copies = await tx
          .select({ c: liveRecordCopies, title: liveSessions.title })
          .from(liveRecordCopies)
          .innerJoin(liveSessions, and(eq(liveSessions.organisationId, liveRecordCopies.organisationId), eq(liveSessions.id, liveRecordCopies.sessionId)))
          .where(and(eq(liveRecordCopies.organisationId, org), eq(liveRecordCopies.learnerId, learnerId)))
          .orderBy(desc(liveRecordCopies.startedAt));
        const meetings =
          reader === 'staff'
            ? await tx
                .select({ s: liveSessions, v: liveMeetingViews })
                .from(liveSessions)
                .leftJoin(liveMeetingViews, and(eq(liveMeetingViews.organisationId, liveSessions.organisationId), eq(liveMeetingViews.sessionId, liveSessions.id)))
                .where(and(eq(liveSessions.organisationId, org), eq(liveSessions.kind, 'family_meeting'), eq(liveSessions.learnerId, learnerId)))
                .orderBy(desc(liveSessions.startsAt))
            : null;
        const names = await personNames(tx, org, [learnerId, ...oneToOnes.map((s) => s.hostId), ...(meetings ?? []).flatMap((r) => (r.v ? [r.v.recordedBy] : []))]);
        await audit(tx, ctx, 'live.record.read', 'user', learnerId, { requirement: 'R-LIVE-13', reader, meetings: meetings?.length ?? 0, recordings: copies.length });
        return {
          learner: { id: learnerId, displayName: names.get(learnerId) ?? '' },
          oneToOnes: oneToOnes.map((s) => ({
            sessionId: s.id,
            title: s.title,
            purpose: s.purpose,
            startsAt: s.startsAt.toISOString(),
            status: s.status as SessionStatus,
            host: names.get(s.hostId) ?? '',
          })),
          recordings: copies.map(({ c, title }) => ({ id: c.id, sessionId: c.sessionId, title, startedAt: c.startedAt.toISOString(), endedAt: c.endedAt.toISOString(), keptAt: c.keptAt.toISOString() })),
          meetings:
            meetings?.map(({ s, v }) => ({
              sessionId: s.id,
              title: s.title,
              startsAt: s.startsAt.toISOString(),
              views: v ? { childViews: v.childViews, familyViews: v.familyViews, recordedBy: names.get(v.recordedBy) ?? '', recordedAt: v.recordedAt.toISOString() } : null,
            })) ?? null,
        };
      });
    },

    /** A recording kept in a learner's record, to the learner and the staff who may read the record; every viewing audited. */
    async openRecording(ctx: Ctx, copyId: string): Promise<OpenedBlob> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const [c] = await tx.select().from(liveRecordCopies).where(and(eq(liveRecordCopies.organisationId, org), eq(liveRecordCopies.id, copyId)));
        if (!c) throw NotFound();
        const reader = await readerOf(tx, ctx, c.learnerId);
        const blob = await blobs.open(tx, org, c.blobId);
        if (!blob) throw RecordingGone();
        await audit(tx, ctx, 'live.record.recording_viewed', 'live_record_copy', c.id, { requirement: 'R-LIVE-10', learnerId: c.learnerId, sessionId: c.sessionId, reader });
        return blob;
      });
    },
  };
}

export type LearnerRecord = ReturnType<typeof createLearnerRecord>;
