import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.js';
import {
  AssignmentCheck,
  AssignmentDetail,
  ClassWork,
  CommentView,
  ExtensionBody,
  LearnerProgress,
  LearnerWork,
  LearnerWorkQuery,
  MarkingQueue,
  NewAssignment,
  PackQuery,
  PaperFlagBody,
  PaperReturnBody,
  ReferralList,
  ReplyBody,
  ResourceView,
  SimilarityView,
  SubmissionDetail,
  WeekQuery,
  WeekView,
  WorkClasses,
} from '../../../shared/work.js';
import { invalidRequest } from '../../platform/errors.js';
import { describeAccepted, describeKind, FileTypeNotAllowed, isAccepted, readUploads, registerUploads, sendBlob, type BlobStore, type StagedBlob } from '../../platform/files/index.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import { FEEDBACK_TYPES, SUBMISSION_TYPES, type HandingInService } from './handing-in.js';
import type { WorkOverview } from './overview.js';
import type { PackService, RenderedPack } from './packs.js';
import { RESOURCE_TYPES, type WorkService } from './service.js';
import type { SimilarityService } from './similar-answers.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const tags = ['work'];
const AssignmentParams = z.object({ assignmentId: z.string().uuid() });
const SubmissionParams = z.object({ submissionId: z.string().uuid() });
const ClassParams = z.object({ classId: z.string().uuid() });
const LearnerParams = z.object({ learnerId: z.string().uuid() });
const FileParams = z.object({ blobId: z.string().uuid() });
const DetailQuery = z.object({ learnerId: z.string().uuid().optional() });

export interface WorkRouteDeps {
  work: WorkService;
  handingIn: HandingInService;
  overview: WorkOverview;
  similarity: SimilarityService;
  packs: PackService;
  blobs: BlobStore;
  uploadLimitBytes: number;
}

const field = (fields: Record<string, string>, name: string) => fields[name]?.trim() ?? '';

/** R-WORK-1..8 over HTTP: thin handlers; uploads are staged here and recorded by the services. */
export async function workRoutes(app: App, deps: WorkRouteDeps): Promise<void> {
  const { work, handingIn, overview, similarity, packs, blobs, uploadLimitBytes } = deps;
  const withStaged = <T>(files: StagedBlob[], use: () => Promise<T>) => discardingOnFailure(blobs, files, use);

  app.get('/api/work/mine', {
    config: { permission: 'work.learner.read' },
    schema: { tags, summary: 'A learner’s work: today, due, overdue, handed in; a parent names their child (R-WORK-1, -6)', querystring: LearnerWorkQuery, response: { 200: LearnerWork, ...errors } },
    handler: (req) => overview.learnerWork(ctxOf(req), req.query.learnerId),
  });

  app.get('/api/work/classes', {
    config: { permission: 'work.class.read' },
    schema: { tags, summary: 'The classes whose work you may look at: yours first, then those you oversee (R-WORK-1, -2)', response: { 200: WorkClasses, ...errors } },
    handler: (req) => work.classes(ctxOf(req)),
  });

  app.get('/api/work/classes/:classId', {
    config: { permission: 'work.class.read' },
    schema: { tags, summary: 'A class’s work, how many handed each piece in, and who works on paper (R-WORK-1, -4, -5)', params: ClassParams, response: { 200: ClassWork, ...errors } },
    handler: (req) => work.classWork(ctxOf(req), req.params.classId),
  });

  app.post('/api/work/assignments/check', {
    config: { permission: 'work.set' },
    schema: { tags, summary: 'What setting this work would break: the set-by time, the spacing of deadlines (R-WORK-1, -2)', body: NewAssignment, response: { 200: AssignmentCheck, ...errors } },
    handler: (req) => work.check(ctxOf(req), req.body),
  });

  app.post('/api/work/assignments', {
    config: { permission: 'work.set' },
    schema: { tags, summary: 'Set work for a class or named learners, with links and text (R-WORK-1, -3)', body: NewAssignment, response: { 201: AssignmentDetail.extend({ check: AssignmentCheck }), ...errors } },
    handler: async (req, reply) => reply.code(201).send(await work.setWork(ctxOf(req), req.body)),
  });

  app.get('/api/work/assignments/:assignmentId', {
    config: { permission: 'work.learner.read' },
    schema: { tags, summary: 'A piece of work: for staff with every learner’s progress; for a learner or parent with their hand-in and feedback (R-WORK-5, -6)', params: AssignmentParams, querystring: DetailQuery, response: { 200: AssignmentDetail, ...errors } },
    handler: (req) => work.assignmentDetail(ctxOf(req), req.params.assignmentId, req.query.learnerId),
  });

  // The rest of this plugin reads multipart bodies; limits are counted by the blob store as it streams.
  await registerUploads(app);

  app.post('/api/work/assignments/:assignmentId/resources', {
    config: { permission: 'work.set' },
    schema: { tags, summary: 'Upload a file, a pre-recorded video (with poster and captions) or audio to a piece of work (multipart) (R-WORK-3)', params: AssignmentParams, response: { 201: ResourceView, ...errors } },
    handler: async (req, reply) => {
      const upload = await readUploads(req, blobs, {
        maxBytes: uploadLimitBytes,
        maxFiles: 3,
        accept: { file: RESOURCE_TYPES.file, poster: ['image/'], captions: ['text/vtt'] },
      });
      return withStaged(upload.files, async () => {
        const fields = upload.fields;
        const kind = field(fields, 'kind') || 'file';
        if (kind !== 'file' && kind !== 'video' && kind !== 'audio') throw invalidRequest([{ path: ['body', 'kind'], code: 'request.invalid', message: 'Choose a file, a video or an audio recording.' }]);
        const byName = (name: string) => upload.files.find((f) => f.field === name);
        const file = byName('file');
        if (!file) throw invalidRequest([{ path: ['body', 'file'], code: 'request.required', message: 'Choose the file to upload.' }]);
        if (!isAccepted(file.contentType, RESOURCE_TYPES[kind])) {
          throw FileTypeNotAllowed(file.fileName, describeKind({ mime: file.contentType, ext: '' }), describeAccepted(RESOURCE_TYPES[kind]));
        }
        const created = await work.addResource(ctxOf(req), req.params.assignmentId, {
          kind,
          title: field(fields, 'title') || file.fileName,
          file,
          poster: byName('poster'),
          captions: byName('captions'),
        });
        return reply.code(201).send(created);
      });
    },
  });

  app.post('/api/work/assignments/:assignmentId/submission', {
    config: { permission: 'work.submit' },
    schema: { tags, summary: 'Hand work in: text, photos of paper work, files (multipart); a parent names their child (R-WORK-5, -7)', params: AssignmentParams, response: { 201: SubmissionDetail, ...errors } },
    handler: async (req, reply) => {
      const upload = await readUploads(req, blobs, { maxBytes: uploadLimitBytes, maxFiles: 10, accept: SUBMISSION_TYPES });
      return withStaged(upload.files, async () => {
        const learnerId = field(upload.fields, 'learnerId');
        if (learnerId && !z.string().uuid().safeParse(learnerId).success) throw invalidRequest([{ path: ['body', 'learnerId'], code: 'request.invalid', message: 'Choose the learner.' }]);
        const body = field(upload.fields, 'body');
        if (body.length > 50_000) throw invalidRequest([{ path: ['body', 'body'], code: 'request.too_long', message: 'The answer is too long (50,000 characters at most).' }]);
        const created = await handingIn.submit(ctxOf(req), req.params.assignmentId, {
          learnerId: learnerId || undefined,
          body,
          ownWork: field(upload.fields, 'ownWork') === 'yes',
          files: upload.files,
        });
        return reply.code(201).send(created);
      });
    },
  });

  app.post('/api/work/assignments/:assignmentId/paper-returns', {
    config: { permission: 'work.mark' },
    schema: { tags, summary: 'Record that a learner returned the work on paper (R-WORK-5)', params: AssignmentParams, body: PaperReturnBody, response: { 201: SubmissionDetail, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await handingIn.paperReturn(ctxOf(req), req.params.assignmentId, req.body)),
  });

  app.post('/api/work/assignments/:assignmentId/extensions', {
    config: { permission: 'work.mark' },
    schema: { tags, summary: 'Give one learner a later deadline (R-WORK-5)', params: AssignmentParams, body: ExtensionBody, response: { 200: LearnerProgress, ...errors } },
    handler: (req) => handingIn.extend(ctxOf(req), req.params.assignmentId, req.body),
  });

  app.get('/api/work/assignments/:assignmentId/similarity', {
    config: { permission: 'work.class.read' },
    schema: { tags, summary: 'Written answers to this work that are alike beyond the policy’s threshold, with the matching passages (R-WORK-7)', params: AssignmentParams, response: { 200: SimilarityView, ...errors } },
    handler: (req) => similarity.forAssignment(ctxOf(req), req.params.assignmentId),
  });

  app.get('/api/work/submissions/:submissionId', {
    config: { permission: 'work.learner.read' },
    schema: {
      tags,
      summary: 'A hand-in with its files, feedback and replies (R-WORK-5, -6)',
      params: SubmissionParams,
      response: { 200: SubmissionDetail.extend({ title: z.string(), className: z.string() }), ...errors },
    },
    handler: (req) => handingIn.submission(ctxOf(req), req.params.submissionId),
  });

  app.post('/api/work/submissions/:submissionId/feedback', {
    config: { permission: 'work.mark' },
    schema: { tags, summary: 'Give feedback: text, and a file or the work annotated (multipart) (R-WORK-6)', params: SubmissionParams, response: { 201: CommentView, ...errors } },
    handler: async (req, reply) => {
      const upload = await readUploads(req, blobs, { maxBytes: uploadLimitBytes, maxFiles: 1, accept: FEEDBACK_TYPES });
      return withStaged(upload.files, async () => {
        const body = field(upload.fields, 'body');
        if (body.length > 20_000) throw invalidRequest([{ path: ['body', 'body'], code: 'request.too_long', message: 'The feedback is too long (20,000 characters at most).' }]);
        const created = await handingIn.feedback(ctxOf(req), req.params.submissionId, { body, annotated: field(upload.fields, 'annotated') === 'yes', file: upload.files[0] });
        return reply.code(201).send(created);
      });
    },
  });

  app.post('/api/work/submissions/:submissionId/replies', {
    config: { permission: 'work.reply' },
    schema: { tags, summary: 'A learner replies to feedback; the reply shows in the teacher’s queue (R-WORK-6)', params: SubmissionParams, body: ReplyBody, response: { 201: CommentView, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await handingIn.reply(ctxOf(req), req.params.submissionId, req.body.body)),
  });

  app.get('/api/work/marking', {
    config: { permission: 'work.mark' },
    schema: { tags, summary: 'The marking queue across your classes, soonest feedback due first, with replies (R-WORK-6)', response: { 200: MarkingQueue, ...errors } },
    handler: (req) => overview.markingQueue(ctxOf(req)),
  });

  app.get('/api/work/week', {
    config: { permission: 'work.oversee' },
    schema: { tags, summary: 'A class’s week: curriculum balance, bunched deadlines, screen-free share, work by teacher (R-WORK-2, -3)', querystring: WeekQuery, response: { 200: WeekView, ...errors } },
    handler: (req) => overview.week(ctxOf(req), req.query),
  });

  app.get('/api/work/referrals', {
    config: { permission: 'work.referrals.read' },
    schema: { tags, summary: 'Learners who missed the policy’s number of deadlines, for the roles the policy names (R-WORK-8)', response: { 200: ReferralList, ...errors } },
    handler: (req) => overview.referrals(ctxOf(req)),
  });

  app.put('/api/work/learners/:learnerId/paper', {
    config: { permission: 'work.pack' },
    schema: { tags, summary: 'Say whether a learner works from paper packs (R-WORK-4)', params: LearnerParams, body: PaperFlagBody, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await work.setPaper(ctxOf(req), req.params.learnerId, req.body.paper);
      return reply.code(204).send(null);
    },
  });

  const sendPack = (reply: FastifyReply, pack: RenderedPack) =>
    reply
      .header('content-type', 'application/pdf')
      .header('content-length', pack.pdf.length)
      .header('content-disposition', `attachment; filename="${pack.fileName}"`)
      .header('cache-control', 'private, no-store')
      .header('x-pack-learners', String(pack.learners))
      .send(pack.pdf);

  app.get('/api/work/classes/:classId/pack', {
    config: { permission: 'work.pack' },
    schema: { tags, summary: 'A paper pack (PDF) of the week’s work for every learner of a class (R-WORK-4)', params: ClassParams, querystring: PackQuery },
    handler: async (req, reply) => sendPack(reply, await packs.classPack(ctxOf(req), req.params.classId, req.query.week)),
  });

  app.get('/api/work/paper-pack', {
    config: { permission: 'work.pack' },
    schema: { tags, summary: 'One paper pack (PDF) for everyone working on paper whom you may print for, each with all their classes’ work for the week (R-WORK-4)', querystring: PackQuery },
    handler: async (req, reply) => sendPack(reply, await packs.paperPack(ctxOf(req), req.query.week)),
  });

  app.get('/api/work/learners/:learnerId/pack', {
    config: { permission: 'work.pack' },
    schema: { tags, summary: 'A paper pack (PDF) of one learner’s work for the week, across their classes (R-WORK-4)', params: LearnerParams, querystring: PackQuery },
    handler: async (req, reply) => sendPack(reply, await packs.learnerPack(ctxOf(req), req.params.learnerId, req.query.week)),
  });

  app.get('/api/work/files/:blobId', {
    config: { permission: 'work.learner.read' },
    schema: { tags, summary: 'A file of a resource, a hand-in or feedback, to whoever may see what it belongs to (Range requests for video)', params: FileParams },
    handler: async (req, reply) => sendBlob(reply, await handingIn.openFile(ctxOf(req), req.params.blobId)),
  });
}

/** Runs the use case; if it fails, the staged files (which it did not record) are discarded. */
async function discardingOnFailure<T>(blobs: BlobStore, files: StagedBlob[], use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (e) {
    await Promise.all(files.map((f) => blobs.discard(f)));
    throw e;
  }
}
