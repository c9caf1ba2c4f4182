import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FileView, SubmissionDetail, SubmissionState } from '../../../shared/work.js';
import type { TenantTx } from '../../platform/db/client.js';
import { blobs } from '../../platform/files/schema.js';
import { personNames } from '../identity/index.js';
import { submissionComments, submissionFiles, type submissions } from './schema.js';

type SubmissionRow = typeof submissions.$inferSelect;

/** Where a learner is with a piece of work, in the words the pages use (R-WORK-5, -6). */
export function stateOf(s: Pick<SubmissionRow, 'late' | 'feedbackAt'> | null, dueAt: Date, now: Date): SubmissionState {
  if (!s) return now.getTime() > dueAt.getTime() ? 'missed' : 'not_handed_in';
  if (s.feedbackAt) return 'feedback_given';
  return s.late ? 'handed_in_late' : 'handed_in';
}

/** Files by id, as the pages show and download them. */
export async function blobViews(tx: TenantTx, org: string, ids: readonly string[]): Promise<Map<string, FileView>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: blobs.id, contentType: blobs.contentType, byteSize: blobs.byteSize, fileName: blobs.fileName })
    .from(blobs)
    .where(and(eq(blobs.organisationId, org), inArray(blobs.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, { ...r, byteSize: Number(r.byteSize) }]));
}

/** A hand-in with its files and its thread of feedback and replies. */
export async function submissionView(tx: TenantTx, org: string, s: SubmissionRow): Promise<SubmissionDetail> {
  const files = await tx
    .select({ blobId: submissionFiles.blobId })
    .from(submissionFiles)
    .where(and(eq(submissionFiles.organisationId, org), eq(submissionFiles.submissionId, s.id)))
    .orderBy(asc(submissionFiles.position));
  const comments = await tx
    .select()
    .from(submissionComments)
    .where(and(eq(submissionComments.organisationId, org), eq(submissionComments.submissionId, s.id)))
    .orderBy(asc(submissionComments.createdAt));
  const views = await blobViews(tx, org, [...files.map((f) => f.blobId), ...comments.flatMap((c) => (c.blobId ? [c.blobId] : []))]);
  const names = await personNames(tx, org, [s.learnerId, s.submittedBy, ...comments.map((c) => c.authorId)]);
  return {
    id: s.id,
    assignmentId: s.assignmentId,
    learner: { id: s.learnerId, displayName: names.get(s.learnerId) ?? '' },
    channel: s.channel === 'paper' ? 'paper' : 'online',
    body: s.body,
    files: files.flatMap((f) => (views.has(f.blobId) ? [views.get(f.blobId)!] : [])),
    submittedBy: { id: s.submittedBy, displayName: names.get(s.submittedBy) ?? '' },
    submittedAt: s.submittedAt.toISOString(),
    late: s.late,
    ownWorkDeclaredAt: s.ownWorkDeclaredAt?.toISOString() ?? null,
    feedbackDueAt: s.feedbackDueAt?.toISOString() ?? null,
    feedbackAt: s.feedbackAt?.toISOString() ?? null,
    comments: comments.map((c) => ({
      id: c.id,
      kind: c.kind === 'reply' ? 'reply' : 'feedback',
      author: { id: c.authorId, displayName: names.get(c.authorId) ?? '' },
      body: c.body,
      file: c.blobId ? (views.get(c.blobId) ?? null) : null,
      annotated: c.annotated,
      at: c.createdAt.toISOString(),
    })),
  };
}
