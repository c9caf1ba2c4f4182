import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.js';
import { BookFamilyMeetingBody, BookOneToOneBody, ChatLog, LearnerLiveRecord, MeetingViews, MeetingViewsBody, PendingAuthorisations, SessionOverview, Invitation, LiveToday, OpenLessonBody, RecordingList, RegisterView, SessionView } from '../../../shared/live.js';
import { sendBlob } from '../../platform/files/index.js';
import { ctxOf, type App } from '../../platform/http/types.js';
import type { ClassroomService } from './classroom.js';
import type { LiveHub } from './hub.js';
import type { FamilyMeetings } from './family-meetings.js';
import type { LearnerRecord } from './learner-record.js';
import type { SessionOverviewService } from './overview.js';
import type { LobbyService } from './lobby-service.js';
import type { OneToOneService } from './one-to-one.js';
import type { Recordings } from './recordings.js';
import type { LiveService } from './service.js';
import { liveSocketRoute } from './socket.js';

const tags = ['live'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody };
const RecordingParams = z.object({ recordingId: z.string().uuid() });
const SessionParams = z.object({ sessionId: z.string().uuid() });

export interface LiveRouteDeps {
  live: LiveService;
  lobby: LobbyService;
  classroom: ClassroomService;
  oneToOne: OneToOneService;
  familyMeetings: FamilyMeetings;
  learnerRecord: LearnerRecord;
  overview: SessionOverviewService;
  hub: LiveHub;
  recordings: Recordings;
  logError: (e: unknown, what: string) => void;
}

/** R-LIVE-1..8 over HTTP, and the session's WebSocket. Thin: the services decide. */
export async function liveRoutes(app: App, deps: LiveRouteDeps): Promise<void> {
  const { live, lobby, classroom, recordings, oneToOne, familyMeetings, learnerRecord, overview } = deps;

  app.get('/api/live/today', {
    config: { permission: 'live.join' },
    schema: { tags, summary: 'Today’s lessons you could open live, and the sessions you are invited to with your personal links (R-LIVE-1, -2, -3)', response: { 200: LiveToday, ...errors } },
    handler: (req) => live.today(ctxOf(req)),
  });

  app.post('/api/live/lessons', {
    config: { permission: 'live.open' },
    schema: { tags, summary: 'Open one of today’s timetabled lessons as a live session, inviting its learners (R-LIVE-1, -2)', body: OpenLessonBody, response: { 201: Invitation, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await live.openLesson(ctxOf(req), req.body)),
  });

  app.post('/api/live/one-to-ones', {
    config: { permission: 'live.book' },
    schema: { tags, summary: 'Book a 1-1 with a learner: teaching, review, interview, counselling or catch-up (R-LIVE-10)', body: BookOneToOneBody, response: { 201: Invitation, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await oneToOne.book(ctxOf(req), req.body)),
  });

  app.post('/api/live/family-meetings', {
    config: { permission: 'live.book' },
    schema: { tags, summary: 'Book an online meeting with a learner’s family, with the same lobby and personal links (R-LIVE-13)', body: BookFamilyMeetingBody, response: { 201: Invitation, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await familyMeetings.book(ctxOf(req), req.body)),
  });

  app.get('/api/live/sessions/:sessionId/views', {
    config: { permission: 'live.book' },
    schema: { tags, summary: 'The views of the child and of the family kept from a meeting, for its staff (R-LIVE-13)', params: SessionParams, response: { 200: MeetingViews, ...errors } },
    handler: (req) => familyMeetings.readViews(ctxOf(req), req.params.sessionId),
  });

  app.put('/api/live/sessions/:sessionId/views', {
    config: { permission: 'live.book' },
    schema: { tags, summary: 'Record the views of the child and of the family heard in a meeting (R-LIVE-13)', params: SessionParams, body: MeetingViewsBody, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await familyMeetings.recordViews(ctxOf(req), req.params.sessionId, req.body);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/live/learners/:learnerId/record', {
    config: { permission: 'live.record.read' },
    schema: {
      tags,
      summary: 'A learner’s live record: their 1-1s, recordings kept in the record, and meetings with their family with the views heard (R-LIVE-10, -13)',
      params: z.object({ learnerId: z.string().uuid() }),
      response: { 200: LearnerLiveRecord, ...errors },
    },
    handler: (req) => learnerRecord.read(ctxOf(req), req.params.learnerId),
  });

  app.get('/api/live/record-recordings/:copyId', {
    config: { permission: 'live.record.read' },
    schema: { tags, summary: 'Watch a recording kept in a learner’s record (WebM, byte ranges); every viewing is audited (R-LIVE-10)', params: z.object({ copyId: z.string().uuid() }) },
    handler: async (req, reply) => sendBlob(reply, await learnerRecord.openRecording(ctxOf(req), req.params.copyId)),
  });

  app.get('/api/live/authorisations', {
    config: { permission: 'live.authorise' },
    schema: { tags, summary: '1-1s booked away from the home centre that wait for a senior manager’s authorisation (R-LIVE-10, seed 000)', response: { 200: PendingAuthorisations, ...errors } },
    handler: (req) => oneToOne.pending(ctxOf(req)),
  });

  app.post('/api/live/sessions/:sessionId/authorisation', {
    config: { permission: 'live.authorise' },
    schema: { tags, summary: 'A senior manager authorises a 1-1 held from home or another centre (R-LIVE-10, seed 000)', params: SessionParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await oneToOne.authorise(ctxOf(req), req.params.sessionId);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/live/sessions/:sessionId/open', {
    config: { permission: 'live.book' },
    schema: { tags, summary: 'The host opens a booked 1-1 or family meeting at its time (R-LIVE-1, -10, -13)', params: SessionParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await oneToOne.open(ctxOf(req), req.params.sessionId);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/live/sessions', {
    config: { permission: 'live.sessions.list' },
    schema: { tags, summary: 'Live sessions of the last weeks whose register or recordings you may open (R-LIVE-7, -8)', response: { 200: SessionOverview, ...errors } },
    handler: (req) => overview.recent(ctxOf(req)),
  });

  app.get('/api/live/sessions/:sessionId', {
    config: { permission: 'live.join' },
    schema: { tags, summary: 'A session you are invited to: its expectations, notices, recording and length (R-LIVE-2, -6, -7, -9)', params: SessionParams, response: { 200: SessionView, ...errors } },
    handler: (req) => live.view(ctxOf(req), req.params.sessionId),
  });

  app.get('/api/live/sessions/:sessionId/register', {
    config: { permission: 'live.register.read' },
    schema: { tags, summary: 'Who attended, from when to when and for how long; who waited and was never admitted; who never came (R-LIVE-8)', params: SessionParams, response: { 200: RegisterView, ...errors } },
    handler: (req) => lobby.register(ctxOf(req), req.params.sessionId),
  });

  app.get('/api/live/sessions/:sessionId/chat', {
    config: { permission: 'live.register.read' },
    schema: { tags, summary: 'A session’s chat log, for its staff and leaders; reading it is audited (R-LIVE-11)', params: SessionParams, response: { 200: ChatLog, ...errors } },
    handler: (req) => classroom.chatLog(ctxOf(req), req.params.sessionId),
  });

  app.get('/api/live/sessions/:sessionId/recordings', {
    config: { permission: 'live.recording.view' },
    schema: { tags, summary: 'A session’s recordings with their complaint window and deletion dates, for those the policy lets watch them (R-LIVE-7)', params: SessionParams, response: { 200: RecordingList, ...errors } },
    handler: (req) => recordings.list(ctxOf(req), req.params.sessionId),
  });

  app.get('/api/live/recordings/:recordingId', {
    config: { permission: 'live.recording.view' },
    schema: { tags, summary: 'Watch a recording (WebM, byte ranges) until it is deleted; every viewing is audited (R-LIVE-7)', params: RecordingParams },
    handler: async (req, reply) => sendBlob(reply, await recordings.open(ctxOf(req), req.params.recordingId)),
  });

  await liveSocketRoute(app, deps);
}
