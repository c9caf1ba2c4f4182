import { CALENDAR_DEFAULTS as CAL, ORGANISATION_DEFAULTS as ORG, STAFF_HOURS_DEFAULTS as STAFF } from '../../organisation/policy.js';
import { COMMUNICATION_DEFAULTS as COMMS } from '../../messaging/policy.js';
import { byDefault, seedCiter } from '../cited.js';
import { WORK_DEFAULTS as WORK } from '../../work/policy.js';
import { DEFAULT_MAX_MINUTES, LIVE_DEFAULTS as LIVE, LIVE_SILENT as SILENT } from '../../live/policy.js';
import type { Preset } from './presets.js';

const s = seedCiter('002');

const reviewLine = 'This policy will be reviewed following the self-isolation of a bubble';
const governors = 'The Governing Body will review and approve it annually';
const schoolHours = 'All communication should take place during usual school hours';

/** Seed 002: a school's blended learning while pupils and bubbles self-isolate. */
export const blendedSchoolBubbles: Preset = {
  id: 'blended-school-bubbles',
  title: 'School: blended learning with isolating bubbles',
  summary:
    'For a school that teaches in school and at home at once, as pupils are sent home to self-isolate alone or in bubbles at little notice. ' +
    'Work is set online and in paper packs prepared before a pupil leaves, participation data flags pupils at risk, and vulnerable pupils are spoken to every week and telephoned in any two-week isolation. ' +
    'Communication keeps to school hours: no one is expected to read or answer messages after 3.30pm, replies come within one working day, and part-time staff are contacted only on their days. ' +
    'While a bubble isolates, leaders review the policy fortnightly; governors review and approve it every year.',
  seed: '002',
  document: {
    schemaVersion: 1,
    preset: 'blended-school-bubbles',
    name: 'Blended learning policy',
    review: {
      cycles: [
        {
          id: 'governors-annual',
          when: { value: 'always', source: s(229, governors) },
          every: { value: { count: 1, unit: 'year' }, source: s(229, governors) },
          reviewers: { value: ['governor'], source: s(229, governors) },
          approvers: { value: ['governor'], source: s(229, governors) },
        },
        {
          id: 'leadership-fortnightly',
          when: { value: 'while_bubble_isolating', source: s(229, reviewLine) },
          every: { value: { count: 2, unit: 'week' }, source: s(229, 'fortnightly during Leadership meetings') },
          reviewers: { value: ['senior_leader'], source: s(229, 'fortnightly during Leadership meetings') },
          approvers: { value: [], source: byDefault('the seed asks for no approval of the fortnightly review; governors approve the policy every year') },
        },
      ],
    },
    sections: {
      organisation: {
        kind: { value: 'school', source: s(8, 'fully embedded into delivery of the school curriculum') },
        learners: [{ value: 'pupils', source: s(11, 'to ensure pupils are given equal opportunities to access the curriculum') }],
        subcontractedLearners: ORG.noSubcontractors,
        ageRange: ORG.noAgesStated,
        appliesTo: [
          { value: 'staff', source: s(21, 'To set out expectations for all members of the staff community') },
          { value: 'learners', source: s(22, 'which is understood by staff, pupils and families') },
          { value: 'families', source: s(22, 'which is understood by staff, pupils and families') },
        ],
      },
      calendar: {
        timeZone: CAL.timeZone,
        workingDays: CAL.workingDays,
        schoolDay: CAL.schoolDay,
        bubbles: { value: true, source: s(3, 'pupils are being sent home either individually or in smaller groups (bubbles) to self-isolate') },
        remoteLearningWhen: [
          { value: 'individual_isolation', source: s(3, 'pupils are being sent home either individually') },
          { value: 'bubble_isolation', source: s(3, 'or in smaller groups (bubbles) to self-isolate') },
        ],
      },
      staffHours: {
        teachers: { value: { kind: 'school_day' }, source: s(93, schoolHours) },
        teachingAssistants: STAFF.schoolDay,
        notExpectedAfter: { value: '15:30', source: s(93, 'no expectation for colleagues to read or respond to emails after 3.30pm') },
        partTimeOnlyOnWorkingDays: {
          value: true,
          source: s(93, 'For those who are on part-time contracts, communication is expected only on the days on which they would usually work'),
        },
      },
      communication: {
        learnerChannels: [
          { value: 'platform', source: s(152, 'Only communicate through approved school portals and platforms') },
          { value: 'email', source: s(146, 'read and respond to communication from the school (e.g. an email from a form tutor/ class teacher)') },
          { value: 'video', source: s(181, 'Make sure an adult is with the pupil during any individual video call') },
        ],
        familyChannels: [
          { value: 'platform', source: s(175, 'through the school’s online portal or the relevant secure messaging site') },
          { value: 'email', source: s(195, 'Use Year group email addresses to communicate with parents') },
          { value: 'phone', source: s(92, 'Teachers should be available to contact parents if needed, by email or phone') },
        ],
        approvedChannelsOnly: { value: true, source: s(175, 'Ensure their child only uses official school communication channels') },
        personalDevices: { value: 'number_withheld', source: s(92, 'dialling 141 before the number will ensure the teacher’s own number is kept anonymous') },
        responseHours: COMMS.withinStaffHours,
        responseTime: { value: { kind: 'working_days', days: 1 }, source: s(93, 'responses should be made to electronic messages within one working day') },
        learnersContactableInSchoolDay: { value: true, source: s(162, 'Be contactable during the school day') },
      },
      work: {
        setBy: WORK.noSetBy,
        feedbackDue: { value: { kind: 'working_days', days: 2 }, source: s(87, 'Giving pupils working from home regular feedback') },
        deadlineSpacing: WORK.noSpacing,
        screenFreeMinimum: { value: 25, source: s(91, 'learners have a range of activities to complete at home and are not exclusively working on a screen') },
        ownWorkDeclaration: WORK.noDeclaration,
        similarityThreshold: WORK.similarity,
        parentsMaySubmit: WORK.parentsMaySubmit,
        nonCompletion: WORK.threeInTwoWeeks,
        nonCompletionReferTo: {
          value: ['senior_leader'],
          source: s(88, 'Teachers will be expected to pass on feedback to Senior Leadership Team, particularly if there are concerns'),
        },
      },
      live: {
        openedBy: [{ value: 'teacher', source: s(90, 'they should deliver remote learning, following their usual timetable') }],
        ...SILENT.entry,
        learnerScreenShare: LIVE.screenShareNever,
        ...SILENT.recording,
        notRecordedNotice: {
          value: 'This lesson is not recorded. Do not record it or take pictures of your teacher or classmates.',
          source: s(158, 'Not record or take pictures of their teacher or classmates during online sessions'),
        },
        complaintNotice: LIVE.complaintNotice,
        behaviourNotice: {
          value:
            'Treat this lesson like a lesson in the classroom: the same rules apply. Use classroom language, be respectful and polite, ' +
            'and do not post negative comments or spam the chat. Join from an open space at home, not a bedroom, dressed and ready. ' +
            'If anything online worries you, tell your teacher or a parent or carer: the school’s safeguarding policy applies to everything in this lesson.',
          source: s(150, 'Treat remote learning the same as classroom learning'),
        },
        maxMinutes: {
          value: DEFAULT_MAX_MINUTES,
          source: byDefault('the seed asks for regular screen breaks (line 151) but gives no minutes; these are the platform’s for each age'),
        },
        warnBeforeMinutes: LIVE.warnFiveMinutesBefore,
        oneToOneAwayFromBase: LIVE.awayAllowed,
        oneToOneSecondStaffForLoneWorking: LIVE.secondStaff,
        oneToOneAdultWithLearner: { value: true, source: s(181, 'Make sure an adult is with the pupil during any individual video call') },
        apprenticeRecordingsToRecord: LIVE.noApprenticeRecord,
        chat: { value: 'everyone', source: s(154, 'avoid positing negative comments or spamming the chat') },
        chatLanguageFilter: { value: true, source: s(154, 'write as though you would speak in class') },
        ...SILENT.words,
        chatThrottle: {
          value: { messages: 5, perSeconds: 10 },
          source: byDefault('the seed asks pupils not to spam the chat (line 154) but sets no rate; five messages in ten seconds is faster than anyone types'),
        },
        chatRetentionDays: LIVE.chatKept,
        parentsInvited: LIVE.parentsInvited,
      },
    },
  },
};
