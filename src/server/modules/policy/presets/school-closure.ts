import { COMMUNICATION_DEFAULTS as COMMS } from '../../messaging/policy.js';
import { CALENDAR_DEFAULTS as CAL, ORGANISATION_DEFAULTS as ORG, STAFF_HOURS_DEFAULTS as STAFF } from '../../organisation/policy.js';
import { byDefault, seedCiter } from '../cited.js';
import { WORK_DEFAULTS as WORK } from '../../work/policy.js';
import { DEFAULT_MAX_MINUTES, LIVE_DEFAULTS as LIVE, LIVE_SILENT as SILENT } from '../../live/policy.js';
import type { Preset } from './presets.js';

const s = seedCiter('001');

const contact = 'Regular contact to be made with pupils/parents via Studybugs/email/phone';

/** Seed 001: a school's remote learning during closure or isolation. */
export const schoolClosure: Preset = {
  id: 'school-closure',
  title: 'School: remote learning during closure or isolation',
  summary:
    'For a school that teaches pupils at home when individuals must isolate or the school is partly or fully closed. ' +
    'Teachers set work daily before 9:30 and give feedback by the end of the school day; only lessons on the remote learning action plan are live, never recorded, ' +
    'with pupils waiting in a lobby, muted, cameras off and unable to share screens. ' +
    'Staff answer parents and pupils as soon as possible between 9am and 4pm, and the policy is reviewed at least every two years.',
  seed: '001',
  document: {
    schemaVersion: 1,
    preset: 'school-closure',
    name: 'Remote learning policy',
    review: {
      cycles: [
        {
          id: 'biennial',
          when: { value: 'always', source: s(132, 'This policy will be reviewed as required but no less than biennially') },
          every: { value: { count: 2, unit: 'year' }, source: s(132, 'reviewed as required but no less than biennially') },
          reviewers: { value: ['senior_leader'], source: byDefault('the seed says when the policy is reviewed but not by whom, so senior leaders, who monitor it, review it') },
          approvers: { value: ['governor'], source: s(104, 'Oversight of remote learning policy and remote learning provision') },
        },
      ],
    },
    sections: {
      organisation: {
        kind: { value: 'school', source: s(1, 'partial or full school closure and the consequential need for home learning') },
        learners: [{ value: 'pupils', source: s(3, 'drawn up to protect all parties: pupils, parents and staff') }],
        subcontractedLearners: ORG.noSubcontractors,
        ageRange: ORG.noAgesStated,
        appliesTo: [
          { value: 'staff', source: s(3, 'applies to all teachers, teaching assistants and admin staff') },
          { value: 'learners', source: s(90, 'Pupils learning remotely are expected to') },
          { value: 'families', source: s(98, 'Parents with children learning remotely are expected to') },
        ],
      },
      calendar: {
        timeZone: CAL.timeZone,
        workingDays: CAL.workingDays,
        schoolDay: CAL.schoolDay,
        bubbles: { value: true, source: s(50, 'including cover for other classes in the phase bubble if necessary') },
        remoteLearningWhen: [
          { value: 'individual_isolation', source: s(1, 'in the event of enforced isolation of individuals') },
          { value: 'closure', source: s(1, 'partial or full school closure') },
        ],
      },
      staffHours: {
        teachers: { value: { kind: 'contracted_hours' }, source: s(46, 'teachers must be available within the allocation of their ‘directed time’') },
        teachingAssistants: { value: { kind: 'contracted_hours' }, source: s(66, 'teaching assistants must be available between their contracted hours') },
        notExpectedAfter: STAFF.noCutOff,
        partTimeOnlyOnWorkingDays: STAFF.partTimeOnlyOnWorkingDays,
      },
      communication: {
        learnerChannels: [
          { value: 'platform', source: s(60, contact) },
          { value: 'email', source: s(60, contact) },
          { value: 'phone', source: s(60, contact) },
          { value: 'video', source: s(11, 'will be used for videoconferencing to provide pastoral support') },
        ],
        familyChannels: [
          { value: 'platform', source: s(60, contact) },
          { value: 'email', source: s(60, contact) },
          { value: 'phone', source: s(60, contact) },
        ],
        approvedChannelsOnly: COMMS.approvedChannelsOnly,
        personalDevices: { value: 'never', source: s(115, 'Using devices controlled by the Trust’s IT managed service') },
        responseHours: {
          value: { start: '09:00', end: '16:00' },
          source: s(61, 'respond to communications from parents and pupils as soon as possible and between 9am and 4pm'),
        },
        responseTime: { value: { kind: 'as_soon_as_possible' }, source: s(61, 'expected to respond to communications from parents and pupils as soon as possible') },
        learnersContactableInSchoolDay: { value: true, source: s(94, 'Be contactable during the school day') },
      },
      work: {
        setBy: { value: '09:30', source: s(52, 'Learning should be set daily (before 9:30am)') },
        feedbackDue: { value: { kind: 'end_of_school_day' }, source: s(57, 'Feedback to be shared with pupils by the end of the school day') },
        deadlineSpacing: {
          value: { maxSubjectsPerDay: 2 },
          source: s(78, 'make sure expected work timeframes are appropriate and reasonable for staff and families to manage'),
        },
        screenFreeMinimum: WORK.noScreenFreeMinimum,
        ownWorkDeclaration: WORK.noDeclaration,
        similarityThreshold: WORK.similarity,
        parentsMaySubmit: { value: true, source: s(53, 'cover any instructions for doing this if your staff/parents are unfamiliar with the system') },
        nonCompletion: { value: { missed: 3, withinDays: 14 }, source: s(63, 'failing to complete work should be referred to Deputy Headteacher or Headteacher') },
        nonCompletionReferTo: { value: ['senior_leader'], source: s(63, 'failing to complete work should be referred to Deputy Headteacher or Headteacher') },
      },
      live: {
        openedBy: [{ value: 'teacher', source: s(20, 'The staff member retaining full control of the platform') }],
        lobby: { value: true, source: s(23, 'upon entry to the lesson, with the staff member granting permission for joining') },
        cameraOnEntry: { value: false, source: s(21, 'Pupil videos and microphones being disabled/muted') },
        microphoneOnEntry: { value: false, source: s(21, 'Pupil videos and microphones being disabled/muted') },
        learnerScreenShare: { value: 'never', source: s(22, 'Pupils not being permitted to share screens') },
        recording: { value: { kind: 'never' }, source: s(17, 'Live lessons will not be recorded') },
        oneToOneRecording: { value: { kind: 'never' }, source: s(112, 'Live sessions will not be recorded by school') },
        recordingViewers: LIVE.viewers,
        complaintWindowDays: LIVE.noComplaintWindow,
        recordedNotice: LIVE.recordedNotice,
        notRecordedNotice: {
          value: 'This lesson is not recorded by the school. Pupils and parents or carers must not record it or take pictures of it.',
          source: s(112, 'Live sessions will not be recorded by school and should not be recorded by parents/pupils working remotely'),
        },
        complaintNotice: {
          value:
            'If you or your parents or carers have a complaint or a concern about this lesson, tell your teacher or contact the school. ' +
            'A worry about anyone’s safety goes straight to the designated safeguarding lead.',
          source: s(62, 'Any complaints or concerns shared by parents and pupils'),
        },
        behaviourNotice: {
          value:
            'Behave as you would in the classroom: use appropriate language and be appropriately dressed. ' +
            'Join from a shared space, not a bedroom, with your background neutral (blurred if you can). ' +
            'What we discuss about pupils and their learning stays confidential. Do not record the lesson or take pictures. ' +
            'If anything worries you, tell your teacher or a parent or carer.',
          source: s(36, 'Staff will remind attendees of behaviour expectations and reporting mechanisms at the start of the session'),
        },
        maxMinutes: {
          value: DEFAULT_MAX_MINUTES,
          source: byDefault('the seed asks that live lessons are kept to a length appropriate to the age of the learner (line 18) but gives no minutes; these are the platform’s for each age'),
        },
        warnBeforeMinutes: LIVE.warnFiveMinutesBefore,
        ...SILENT.oneToOne,
        chat: { value: 'host_only', source: s(19, 'Appropriate privacy and safety settings will be used to manage access and interactions') },
        chatLanguageFilter: { value: true, source: s(31, 'Appropriate language being used by all attendees') },
        ...SILENT.words,
        chatThrottle: LIVE.throttle,
        chatRetentionDays: LIVE.chatKept,
        parentsInvited: { value: true, source: s(25, 'Learners and/or parents/carers should not forward or share access links') },
      },
    },
  },
};
