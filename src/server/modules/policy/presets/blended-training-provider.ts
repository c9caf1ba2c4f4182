import { COMMUNICATION_DEFAULTS as COMMS } from '../../messaging/policy.js';
import { CALENDAR_DEFAULTS as CAL, ORGANISATION_DEFAULTS as ORG, STAFF_HOURS_DEFAULTS as STAFF } from '../../organisation/policy.js';
import { byDefault, seedCiter } from '../cited.js';
import { WORK_DEFAULTS as WORK } from '../../work/policy.js';
import { LIVE_DEFAULTS as LIVE, LIVE_SILENT as SILENT } from '../../live/policy.js';
import type { Preset } from './presets.js';

const s = seedCiter('003');

const scope = 'This policy applies to all learners and apprentices';
const annual = 'V1.2 10/10/2024 Annual Update';
const approval = 'Quality Improvement and Audit Manager';

/** Seed 003: a training provider's courses planned as blended learning. */
export const blendedTrainingProvider: Preset = {
  id: 'blended-training-provider',
  title: 'Training provider: blended courses',
  summary:
    'For a training provider whose courses for learners and apprentices, including those enrolled with subcontractors, are planned as blended: face to face and online, live or in the learner’s own time. ' +
    'A blended course needs the awarding body’s agreement and the same quality assurance as any other; deadlines are always clear, understanding is checked routinely in online sessions, ' +
    'learners in digital poverty are given access or adapted delivery, and employers give apprentices time to study. The policy is updated every year.',
  seed: '003',
  document: {
    schemaVersion: 1,
    preset: 'blended-training-provider',
    name: 'Blended learning policy',
    review: {
      cycles: [
        {
          id: 'annual',
          when: { value: 'always', source: s(23, annual) },
          every: { value: { count: 1, unit: 'year' }, source: s(23, annual) },
          reviewers: { value: ['senior_leader'], source: s(28, approval) },
          approvers: { value: ['senior_leader'], source: s(28, approval) },
        },
      ],
    },
    sections: {
      organisation: {
        kind: { value: 'training_provider', source: s(48, 'Skills and Training Services\' policies and processes') },
        learners: [
          { value: 'fe_learners', source: s(59, scope) },
          { value: 'apprentices', source: s(59, scope) },
        ],
        subcontractedLearners: { value: true, source: s(59, 'including those enrolled with subcontractors') },
        ageRange: ORG.noAgesStated,
        appliesTo: [
          { value: 'learners', source: s(59, scope) },
          { value: 'staff', source: s(102, 'Ensure delivery staff are supported to enable them to develop their confidence') },
          { value: 'employers', source: s(112, 'Employers will: - Ensure learners are given the appropriate/required amount of time') },
        ],
      },
      calendar: {
        timeZone: CAL.timeZone,
        workingDays: CAL.workingDays,
        schoolDay: CAL.centreDay,
        bubbles: CAL.noBubbles,
        remoteLearningWhen: [{ value: 'blended_by_design', source: s(99, 'any courses that are planned to be delivered as a blended model') }],
      },
      staffHours: {
        teachers: {
          value: { kind: 'school_day' },
          source: byDefault('the seed has staff available to support learners working online or remotely (line 87) but gives no hours, so they are reachable during the centre’s working day'),
        },
        teachingAssistants: STAFF.schoolDay,
        notExpectedAfter: STAFF.noCutOff,
        partTimeOnlyOnWorkingDays: STAFF.partTimeOnlyOnWorkingDays,
      },
      communication: {
        learnerChannels: [COMMS.platform],
        familyChannels: [
          { value: 'platform', source: byDefault('the seed is silent on parents and carers, so messages go through the platform') },
        ],
        approvedChannelsOnly: COMMS.approvedChannelsOnly,
        personalDevices: COMMS.noPersonalDevices,
        responseHours: COMMS.withinStaffHours,
        responseTime: COMMS.oneWorkingDay,
        learnersContactableInSchoolDay: COMMS.learnersNotExpected,
      },
      work: {
        setBy: WORK.noSetBy,
        feedbackDue: {
          value: { kind: 'working_days', days: 5 },
          source: s(88, 'feedback on assignments and work produced is provided in the same high standards expected and in a timely manner'),
        },
        deadlineSpacing: WORK.noSpacing,
        screenFreeMinimum: WORK.noScreenFreeMinimum,
        ownWorkDeclaration: { value: true, source: s(110, 'Ensure that all work produced and submitted is that of their own') },
        similarityThreshold: { value: 60, source: s(90, 'Ensure that any work submitted and passed is that of the learners') },
        parentsMaySubmit: WORK.learnersSubmit,
        nonCompletion: { value: { missed: 3, withinDays: 14 }, source: s(106, 'Ensure that planned activities and work are completed by the agreed deadlines') },
        nonCompletionReferTo: WORK.seniorLeaders,
      },
      live: {
        openedBy: [{ value: 'teacher', source: s(79, 'under the immediate, real-time guidance of a tutor/facilitator') }],
        ...SILENT.entry,
        learnerScreenShare: LIVE.screenShareWithHost,
        ...SILENT.recording,
        notRecordedNotice: LIVE.notRecordedNotice,
        complaintNotice: LIVE.complaintNotice,
        behaviourNotice: {
          value:
            'Remain professional and appropriate with everyone in this session, as the Behaviours, Disciplinary and Expectations Policy asks, ' +
            'and keep your own and other people’s personal details safe. If anything in this session worries you, tell your tutor or any member of staff.',
          source: s(109, 'When participating in online activities with other learners, always remain professional and appropriate'),
        },
        maxMinutes: LIVE.maxMinutes,
        warnBeforeMinutes: LIVE.warnFiveMinutesBefore,
        ...SILENT.oneToOne,
        chat: LIVE.chatEveryone,
        chatLanguageFilter: { value: true, source: s(109, 'always remain professional and appropriate') },
        ...SILENT.words,
        chatThrottle: LIVE.throttle,
        chatRetentionDays: LIVE.chatKept,
        parentsInvited: LIVE.parentsNotInvited,
      },
    },
  },
};
