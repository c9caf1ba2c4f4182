import { describe, expect, it } from 'vitest';
import { fromSeed } from '../policy/policy.js';
import { COMMUNICATION_DEFAULTS, CommunicationPolicy, type CommunicationPolicy as Communication } from './policy.js';

// The section as the school-closure seed (001) writes it; the presets are tested in the policy module.
const contact = fromSeed('001', 60, 'Regular contact to be made with pupils/parents via Studybugs/email/phone');
const replies = fromSeed('001', 61, 'respond to communications from parents and pupils as soon as possible and between 9am and 4pm');
const schoolClosure: Communication = {
  learnerChannels: [
    { value: 'platform', source: contact },
    { value: 'email', source: contact },
    { value: 'phone', source: contact },
    { value: 'video', source: fromSeed('001', 11, 'will be used for videoconferencing to provide pastoral support') },
  ],
  familyChannels: [{ value: 'platform', source: contact }],
  approvedChannelsOnly: COMMUNICATION_DEFAULTS.approvedChannelsOnly,
  personalDevices: COMMUNICATION_DEFAULTS.noPersonalDevices,
  responseHours: { value: { start: '09:00', end: '16:00' }, source: replies },
  responseTime: { value: { kind: 'as_soon_as_possible' }, source: replies },
  learnersContactableInSchoolDay: { value: true, source: fromSeed('001', 94, 'Be contactable during the school day') },
};
const comms = () => structuredClone(schoolClosure);
const messages = (result: { error?: { issues: { message: string; path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('the communication section', () => {
  it('R-COMMS-1 accepts a school’s channels, hours and reply time', () => {
    expect(CommunicationPolicy.parse(comms()).responseHours.value).toEqual({ start: '09:00', end: '16:00' });
  });

  it('R-COMMS-2 refuses reply hours that end before they start', () => {
    const c = comms();
    c.responseHours.value = { start: '16:00', end: '09:00' };
    expect(messages(CommunicationPolicy.safeParse(c))).toEqual([['responseHours.value.end', 'Replies end at 09:00, which is not after they start (16:00).']]);
  });

  it('R-COMMS-1 refuses a channel listed twice, and a policy with no channel for families', () => {
    const c = comms();
    c.learnerChannels.push(COMMUNICATION_DEFAULTS.platform);
    c.familyChannels = [];
    expect(messages(CommunicationPolicy.safeParse(c))).toEqual([
      ['familyChannels', 'Name at least one channel for families.'],
      ['learnerChannels.4', 'This channel is listed twice.'],
    ]);
  });

  it('R-COMMS-1 knows only the platform, work email, work phone and video calls', () => {
    const c = comms() as unknown as { learnerChannels: { value: string; source: unknown }[] };
    c.learnerChannels[0]!.value = 'whatsapp';
    expect(CommunicationPolicy.safeParse(c).success).toBe(false);
  });

  it('R-COMMS-2 takes a reply time of at least one working day, or as soon as possible', () => {
    const c = comms();
    expect(CommunicationPolicy.safeParse({ ...c, responseTime: COMMUNICATION_DEFAULTS.oneWorkingDay }).success).toBe(true);
    expect(CommunicationPolicy.safeParse({ ...c, responseTime: { ...COMMUNICATION_DEFAULTS.oneWorkingDay, value: { kind: 'working_days', days: 0 } } }).success).toBe(false);
  });

  it('R-COMMS-1 keeps staff off personal devices by default, or allows only a withheld number', () => {
    expect(COMMUNICATION_DEFAULTS.noPersonalDevices.value).toBe('never');
    const withheld = fromSeed('002', 92, 'dialling 141 before the number will ensure the teacher’s own number is kept anonymous');
    expect(CommunicationPolicy.safeParse({ ...comms(), personalDevices: { value: 'number_withheld', source: withheld } }).success).toBe(true);
    expect(CommunicationPolicy.safeParse({ ...comms(), personalDevices: { value: 'sometimes', source: withheld } }).success).toBe(false);
  });
});
