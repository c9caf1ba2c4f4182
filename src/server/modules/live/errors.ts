import { defineError } from '../../platform/errors.js';
import type { Refusal } from './lobby.js';

export const NotInvited = defineError('live.not_invited', 403, () => 'This session is for the people invited to it. If you should be there, ask the teacher to invite you.');
export const LinkNotYours = defineError('live.link.not_yours', 403, () => 'This link was sent to someone else: links to live sessions are personal. Use the link in your own invitation.');
export const SessionEnded = defineError('live.ended', 409, () => 'This session has ended.');
export const SessionLocked = defineError('live.locked', 409, () => 'The host has locked this session: nobody new can join now.');
export const NoticesFirst = defineError('live.notices_first', 409, () => 'Show the start-of-session notices before letting anyone in.');
export const CannotOpen = defineError('live.cannot_open', 409, (why: string) => why);
export const NotALesson = defineError('live.not_a_lesson', 400, () => 'That lesson is not on the class’s timetable on that day.');

/** The lobby's refusals in words, for the socket and for HTTP. */
export const REFUSAL_TEXT: Record<Refusal | 'live.notices_first', string> = {
  'live.not_invited': 'This session is for the people invited to it.',
  'live.ended': 'This session has ended.',
  'live.locked': 'The host has locked this session: nobody new can join now.',
  'live.not_host': 'Only the host can do that.',
  'live.not_waiting': 'That person is no longer waiting.',
  'live.not_admitted': 'That person is not in the session.',
  'live.not_a_learner': 'That can only be done to a learner or a family member.',
  'live.notices_first': 'Show the start-of-session notices before letting anyone in.',
};
export const RecordingGone = defineError('live.recording.deleted', 410, () => 'This recording has been deleted: the time it was kept for has ended.');

/** A lobby command the state machine refused: sent back on the socket in words. */
export class LobbyRefused extends Error {
  constructor(readonly code: keyof typeof REFUSAL_TEXT) {
    super(REFUSAL_TEXT[code]);
  }
}
