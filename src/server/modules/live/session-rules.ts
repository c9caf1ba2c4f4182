import { z } from 'zod';

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
});
export type SessionRules = z.infer<typeof SessionRules>;

/** A dropped connection back within this time skips the lobby (issue 6, Low bandwidth). */
export const REJOIN_GRACE_SECONDS = 60;
