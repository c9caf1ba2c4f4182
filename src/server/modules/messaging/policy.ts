import { z } from 'zod';
import { ClockWindow, endsBeforeStart } from '../organisation/policy.js';
import { byDefault, cited, type Cited } from '../policy/policy.js';

/**
 * The messaging module's section of the policy document (R-POL-1, R-COMMS-1, R-COMMS-2): which
 * channels staff use with learners and families, whether personal devices may be used, and how
 * soon and when staff answer. Each value is cited; see policy/cited.ts.
 */

/**
 * `platform` is Continuum's own messages and portal (what the seeds call Studybugs, Smart Assessor,
 * "approved school portals"); `email` is a work or school address, `phone` a school or company
 * phone, `video` a video call in the platform.
 */
export const Channel = z.enum(['platform', 'email', 'phone', 'video']);
export type Channel = z.infer<typeof Channel>;

/** Whether staff may use their own phone or accounts: never, or a phone with the number withheld (seed 002, "dialling 141"). */
export const PersonalDevices = z.enum(['never', 'number_withheld']);
export type PersonalDevices = z.infer<typeof PersonalDevices>;

export const ResponseTime = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('as_soon_as_possible') }),
  z.strictObject({ kind: z.literal('working_days'), days: z.number().int().min(1).max(10) }),
]);
export type ResponseTime = z.infer<typeof ResponseTime>;

export const CommunicationPolicyShape = {
  learnerChannels: z.array(cited(Channel)).min(1, 'Name at least one channel for learners.'),
  familyChannels: z.array(cited(Channel)).min(1, 'Name at least one channel for families.'),
  /** Staff use only channels the institution approved; nothing else is offered in the app. */
  approvedChannelsOnly: cited(z.boolean()),
  personalDevices: cited(PersonalDevices),
  /** When staff answer learners and parents (seed 001: 9am to 4pm); null: within staff hours. */
  responseHours: cited(ClockWindow.nullable()),
  responseTime: cited(ResponseTime),
  /** Learners learning remotely can be reached during the school day (seeds 001, 002, 004). */
  learnersContactableInSchoolDay: cited(z.boolean()),
};

export const CommunicationPolicy = z.strictObject(CommunicationPolicyShape).superRefine((s, ctx) => {
  const hours = s.responseHours.value;
  if (hours && endsBeforeStart(hours)) {
    ctx.addIssue({ code: 'custom', path: ['responseHours', 'value', 'end'], message: `Replies end at ${hours.end}, which is not after they start (${hours.start}).` });
  }
  for (const key of ['learnerChannels', 'familyChannels'] as const) {
    s[key].forEach((c, i) => {
      if (s[key].findIndex((other) => other.value === c.value) !== i) ctx.addIssue({ code: 'custom', path: [key, i], message: 'This channel is listed twice.' });
    });
  }
});
export type CommunicationPolicy = z.infer<typeof CommunicationPolicy>;

export const COMMUNICATION_LABELS: Record<keyof CommunicationPolicy, string> = {
  learnerChannels: 'Channels with learners',
  familyChannels: 'Channels with families',
  approvedChannelsOnly: 'Approved channels only',
  personalDevices: 'Personal phones and accounts',
  responseHours: 'Hours for replies',
  responseTime: 'Time to reply',
  learnersContactableInSchoolDay: 'Reaching learners',
};

const SILENT = 'the seed is silent;';

export const COMMUNICATION_DEFAULTS: {
  platform: Cited<Channel>;
  approvedChannelsOnly: Cited<boolean>;
  noPersonalDevices: Cited<PersonalDevices>;
  withinStaffHours: Cited<ClockWindow | null>;
  oneWorkingDay: Cited<ResponseTime>;
  learnersNotExpected: Cited<boolean>;
} = {
  platform: { value: 'platform', source: byDefault(`${SILENT} messages go through the platform, where they are kept and can be audited`) },
  approvedChannelsOnly: { value: true, source: byDefault(`${SILENT} only channels the institution approved are offered, so no personal contact details are exposed`) },
  noPersonalDevices: { value: 'never', source: byDefault(`${SILENT} staff never use personal phones or accounts, so their own details stay private`) },
  withinStaffHours: { value: null, source: byDefault(`${SILENT} staff answer within their own hours (see staff hours)`) },
  oneWorkingDay: { value: { kind: 'working_days', days: 1 }, source: byDefault(`${SILENT} a reply within one working day, so no message waits unseen`) },
  learnersNotExpected: { value: false, source: byDefault(`${SILENT} learners are not expected to be reachable at set times`) },
};
