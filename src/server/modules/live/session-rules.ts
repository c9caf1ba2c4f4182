import { z } from 'zod';
import type { LivePolicy } from './policy.js';
import { keepsInLearnerRecord, lengthLimit, noticeText, recordingRuleFor, type SessionKind } from './rules.js';

/**
 * The live rules a session runs under, fixed when it opens (from the policy in force then), and
 * kept with the session: a policy edited mid-lesson changes nothing for a lesson under way, and
 * the register can always say which rules applied.
 */
export const SessionRules = z.object({
  policyVersion: z.number().int().nullable(),
  lobby: z.boolean(),
  learnerAudioOnEntry: z.boolean(),
  learnerVideoOnEntry: z.boolean(),
  learnerScreenShare: z.enum(['never', 'when_host_allows']),
  rejoinGraceSeconds: z.number().int(),
  recording: z.discriminatedUnion('kind', [z.object({ kind: z.literal('never') }), z.object({ kind: z.literal('always'), retentionDays: z.number().int() })]),
  complaintDays: z.number().int().nullable(),
  /** The notices, word for word as shown to the host and to everyone on entry (R-LIVE-6). */
  notices: z.array(z.string()),
  /** R-LIVE-9: when to warn the host, and the longest the session should run (ISO), or null. */
  warnAt: z.string().datetime().nullable(),
  limitAt: z.string().datetime().nullable(),
  parentsInvited: z.boolean(),
  /** R-LIVE-11: the classroom-language filter and the throttle, as the policy set them. */
  chat: z
    .object({
      filter: z.boolean(),
      blockedWords: z.string(),
      allowedWords: z.string(),
      throttle: z.object({ messages: z.number().int(), perSeconds: z.number().int() }),
    })
    .default({ filter: true, blockedWords: '', allowedWords: '', throttle: { messages: 5, perSeconds: 10 } }),
  /** R-LIVE-11: days the chat log is kept after the session ends (sessions opened before the policy said: 30). */
  chatRetentionDays: z.number().int().default(30),
  /** Seed 002: a 1-1's host confirms an adult is with the pupil before letting them in. */
  adultWithLearner: z.boolean().default(false),
  /** Seed 000: the recording is also copied into the learner's own record (an apprentice's 1-1). */
  keepInLearnerRecord: z.boolean().default(false),
});
export type SessionRules = z.infer<typeof SessionRules>;

/** A dropped connection back within this time skips the lobby (issue 6, Low bandwidth). */
export const REJOIN_GRACE_SECONDS = 60;

/** The rules a session of this kind runs under, from the policy in force as it is booked or opened. */
export function sessionRulesFor(
  policy: LivePolicy,
  version: number,
  kind: SessionKind,
  at: { startsAt: Date; endsAt: Date; timeZone: string },
  learnerAges: readonly number[],
  learner: { isApprentice: boolean } = { isApprentice: false },
): SessionRules {
  const limit = lengthLimit(policy, at.startsAt, learnerAges, kind);
  const recording = recordingRuleFor(policy, kind).value;
  return {
    policyVersion: version,
    lobby: policy.lobby.value,
    learnerAudioOnEntry: policy.microphoneOnEntry.value,
    learnerVideoOnEntry: policy.cameraOnEntry.value,
    learnerScreenShare: policy.learnerScreenShare.value,
    rejoinGraceSeconds: REJOIN_GRACE_SECONDS,
    recording: recording.kind === 'always' ? { kind: 'always', retentionDays: recording.retentionDays } : { kind: 'never' },
    complaintDays: policy.complaintWindowDays.value,
    notices: noticeText(policy, { kind, endsAt: at.endsAt, timeZone: at.timeZone }).map((n) => n.text),
    warnAt: limit?.warnAt.toISOString() ?? null,
    limitAt: limit?.overrunAt.toISOString() ?? null,
    parentsInvited: policy.parentsInvited.value,
    chat: { filter: policy.chatLanguageFilter.value, blockedWords: policy.chatBlockedWords.value, allowedWords: policy.chatAllowedWords.value, throttle: policy.chatThrottle.value },
    chatRetentionDays: policy.chatRetentionDays.value,
    adultWithLearner: kind === 'one_to_one' && policy.oneToOneAdultWithLearner.value,
    keepInLearnerRecord: keepsInLearnerRecord(policy, kind, learner.isApprentice),
  };
}
