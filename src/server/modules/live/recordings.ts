import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { RecordingList } from '../../../shared/live.js';
import type { Ctx } from '../../platform/auth/actor.js';
import { PLATFORM_ACTOR, recordAudit } from '../../platform/audit/record.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import type { BlobStore, OpenedBlob } from '../../platform/files/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { personNames } from '../identity/index.js';
import { siteCalendar } from '../organisation/index.js';
import { policyInForce } from '../policy/index.js';
import { personAt } from './access.js';
import { RecordingGone } from './errors.js';
import { publisherOf } from './media/provider.js';
import { inspectRecording } from './media/recording-check.js';
import { canViewRecording, complaintWindowEnd, deleteAt } from './rules.js';
import { liveRecordCopies, liveRecordings, liveSessions } from './schema.js';
import { SessionRules } from './session-rules.js';

/** Recordings can be long: a lesson of an hour and a half at a good bitrate. */
const MAX_RECORDING_BYTES = 4 * 1024 ** 3;

/**
 * R-LIVE-7: a recorded session's files go into the blob store with the dates the policy sets
 * (the complaint window's end, then deletion), a job deletes each when its retention ends, and
 * watching one is for those the policy names, audited.
 */
export function createRecordings(deps: { db: Database; clock: Clock; blobs: BlobStore; jobs: JobQueue; dataDir: string }) {
  const { db, clock, blobs, jobs } = deps;

  const deleteTask = jobs.define({
    name: 'live.recording.delete',
    payload: z.object({ organisationId: z.string().uuid(), recordingId: z.string().uuid() }),
    handler: async ({ organisationId, recordingId }) => {
      await db.withTenant(organisationId, (tx) => deleteIfDue(tx, organisationId, recordingId));
    },
  });

  // Belt and braces: anything whose job was lost (a restored backup) goes at the next hour.
  jobs.recurring({
    name: 'live.recordings.expire',
    cron: '7 * * * *',
    handler: async () => {
      const due = await db.system
        .select({ organisationId: liveRecordings.organisationId, id: liveRecordings.id })
        .from(liveRecordings)
        .where(and(isNull(liveRecordings.deletedAt), lte(liveRecordings.deleteAfter, clock.now())));
      for (const r of due) await db.withTenant(r.organisationId, (tx) => deleteIfDue(tx, r.organisationId, r.id));
    },
  });

  async function deleteIfDue(tx: TenantTx, org: string, recordingId: string) {
    const [r] = await tx.select().from(liveRecordings).where(and(eq(liveRecordings.organisationId, org), eq(liveRecordings.id, recordingId)));
    if (!r || r.deletedAt || !r.deleteAfter || r.deleteAfter > clock.now()) return;
    await tx.update(liveRecordings).set({ deletedAt: clock.now(), blobId: null }).where(and(eq(liveRecordings.organisationId, org), eq(liveRecordings.id, r.id)));
    // The bytes go once this commits (the blob store's sweep removes files whose row is gone).
    if (r.blobId) await blobs.remove(tx, org, r.blobId);
    await recordAudit(tx, { organisationId: org, actorId: PLATFORM_ACTOR.id, action: 'live.recording.deleted', subjectType: 'live_recording', subjectId: r.id, at: clock.now(), details: { requirement: 'R-LIVE-7', sessionId: r.sessionId, deleteAfter: r.deleteAfter.toISOString() } });
  }

  return {
    /** Where a session's media is recorded, or null: only sessions whose rules record them. */
    async recordTo(organisationId: string, sessionId: string): Promise<string | null> {
      const [s] = await db.withTenant(organisationId, (tx) => tx.select({ rules: liveSessions.rules }).from(liveSessions).where(and(eq(liveSessions.organisationId, organisationId), eq(liveSessions.id, sessionId))));
      if (!s || SessionRules.parse(s.rules).recording.kind !== 'always') return null;
      return path.join(deps.dataDir, 'recordings', organisationId, sessionId);
    },

    /**
     * The media room closed: each file it recorded is checked (a file a player would refuse is
     * not kept), stored, dated by the policy and given its deletion job, in one transaction; an
     * apprentice's 1-1 (seed 000) is also copied into their record, in the same transaction.
     */
    async keep(organisationId: string, sessionId: string, files: string[]): Promise<void> {
      const [session] = await db.withTenant(organisationId, (tx) => tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, organisationId), eq(liveSessions.id, sessionId))));
      const copyFor = session?.learnerId && SessionRules.parse(session.rules).keepInLearnerRecord ? session.learnerId : null;
      for (const file of files) {
        try {
          const summary = await inspectRecording(file).catch(() => null);
          if (!summary || summary.durationSeconds <= 0) continue;
          const stage = () => blobs.stage(createReadStream(file), { fileName: `recording-${sessionId}.webm`, maxBytes: MAX_RECORDING_BYTES, accept: ['video/webm', 'audio/webm'] });
          const staged = await stage();
          const copy = copyFor
            ? await stage().catch(async (e: unknown) => {
                await blobs.discard(staged);
                throw e;
              })
            : null;
          await db.withTenant(organisationId, async (tx) => {
            const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, organisationId), eq(liveSessions.id, sessionId)));
            if (!s) throw NotFound();
            const rules = SessionRules.parse(s.rules);
            if (rules.recording.kind !== 'always') throw new Error(`session ${sessionId} is not recorded by its rules`);
            const zone = (await siteCalendar(tx, organisationId, s.siteId, clock.now().toISOString().slice(0, 10)))?.calendar ?? { timeZone: 'Europe/London' };
            const now = clock.now();
            const endedAt = s.endedAt ?? now;
            const blobId = await blobs.record(tx, organisationId, staged, s.hostId, now);
            const deleteAfter = deleteAt(endedAt, rules.recording.retentionDays, zone);
            const [row] = await tx
              .insert(liveRecordings)
              .values({
                organisationId,
                sessionId,
                publisherId: publisherOf(file),
                blobId,
                startedAt: new Date(endedAt.getTime() - summary.durationSeconds * 1000),
                endedAt,
                complaintWindowEndsAt: rules.complaintDays !== null ? complaintWindowEnd(endedAt, rules.complaintDays, zone) : null,
                deleteAfter,
              })
              .returning();
            await jobs.enqueue(deleteTask, { organisationId, recordingId: row!.id }, { tx, runAt: deleteAfter, jobKey: `live.recording.delete:${row!.id}` });
            await recordAudit(tx, { organisationId, actorId: PLATFORM_ACTOR.id, action: 'live.recording.kept', subjectType: 'live_recording', subjectId: row!.id, at: now, details: { requirement: 'R-LIVE-7', sessionId, seconds: summary.durationSeconds, deleteAfter: deleteAfter.toISOString() } });
            if (copy && copyFor) {
              // Seed 000: "recorded, downloaded and stored in the apprentice's account": the copy stays with their record.
              const [kept] = await tx
                .insert(liveRecordCopies)
                .values({ organisationId, learnerId: copyFor, sessionId, blobId: await blobs.record(tx, organisationId, copy, s.hostId, now), startedAt: row!.startedAt, endedAt, keptAt: now })
                .returning();
              await recordAudit(tx, { organisationId, actorId: PLATFORM_ACTOR.id, action: 'live.recording.copied_to_record', subjectType: 'live_record_copy', subjectId: kept!.id, at: now, details: { requirement: 'R-LIVE-10', sessionId, learnerId: copyFor } });
            }
          }).catch(async (e: unknown) => {
            await blobs.discard(staged);
            if (copy) await blobs.discard(copy);
            throw e;
          });
        } finally {
          await rm(file, { force: true });
        }
      }
    },

    /** R-LIVE-7: a session's recordings, for those the policy lets watch them. */
    async list(ctx: Ctx, sessionId: string): Promise<RecordingList> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const { s, policy } = await sessionAndPolicy(tx, org, sessionId);
        // Whether this person is one the policy lets watch the session's recordings, asked of one not yet deleted: so
        // the list (empty while the files are saved, or saying each was deleted) is theirs alone, before and after.
        const now = clock.now();
        if (!canViewRecording(policy, personAt(ctx.actor, s.siteId), { hostId: s.hostId, deleteAt: new Date(now.getTime() + 1) }, now).allowed) throw NotFound();
        const rows = await tx.select().from(liveRecordings).where(and(eq(liveRecordings.organisationId, org), eq(liveRecordings.sessionId, s.id))).orderBy(asc(liveRecordings.startedAt));
        const names = await personNames(tx, org, rows.flatMap((r) => (r.publisherId ? [r.publisherId] : [])));
        return {
          session: { id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() },
          recorded: SessionRules.parse(s.rules).recording.kind === 'always',
          recordings: rows.map((r) => ({
            id: r.id,
            publisher: r.publisherId ? { id: r.publisherId, displayName: names.get(r.publisherId) ?? '' } : null,
            startedAt: r.startedAt.toISOString(),
            endedAt: r.endedAt?.toISOString() ?? null,
            complaintWindowEndsAt: r.complaintWindowEndsAt?.toISOString() ?? null,
            deleteAfter: r.deleteAfter?.toISOString() ?? null,
            deleted: r.deletedAt !== null,
          })),
        };
      });
    },

    /** R-LIVE-7: the recording itself, to a viewer the policy names, before it is deleted; every viewing audited. */
    async open(ctx: Ctx, recordingId: string): Promise<OpenedBlob> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const [r] = await tx.select().from(liveRecordings).where(and(eq(liveRecordings.organisationId, org), eq(liveRecordings.id, recordingId)));
        if (!r) throw NotFound();
        const { s, policy } = await sessionAndPolicy(tx, org, r.sessionId);
        const decision = canViewRecording(policy, personAt(ctx.actor, s.siteId), { hostId: s.hostId, deleteAt: r.deleteAfter ?? clock.now() }, clock.now());
        if (!decision.allowed) throw decision.code === 'live.recording.deleted' ? RecordingGone() : NotFound();
        if (r.deletedAt || !r.blobId) throw RecordingGone();
        const blob = await blobs.open(tx, org, r.blobId);
        if (!blob) throw RecordingGone();
        await recordAudit(tx, { organisationId: org, actorId: ctx.actor.userId, action: 'live.recording.viewed', subjectType: 'live_recording', subjectId: r.id, meta: ctx.meta, at: clock.now(), details: { requirement: 'R-LIVE-7', sessionId: s.id, decision: decision.source } });
        return blob;
      });
    },
  };

  async function sessionAndPolicy(tx: TenantTx, org: string, sessionId: string) {
    const [s] = await tx.select().from(liveSessions).where(and(eq(liveSessions.organisationId, org), eq(liveSessions.id, sessionId)));
    if (!s) throw NotFound();
    const policy = (await policyInForce(tx, org, s.siteId))?.document.sections.live;
    if (!policy) throw NotFound();
    return { s, policy };
  }
}

export type Recordings = ReturnType<typeof createRecordings>;
