import { COMMUNICATION_DEFAULTS as COMMS } from '../../messaging/policy.js';
import { CALENDAR_DEFAULTS as CAL, ORGANISATION_DEFAULTS as ORG, STAFF_HOURS_DEFAULTS as STAFF } from '../../organisation/policy.js';
import { byDefault, seedCiter } from '../cited.js';
import { WORK_DEFAULTS as WORK } from '../../work/policy.js';
import { LIVE_DEFAULTS as LIVE, LIVE_SILENT as SILENT } from '../../live/policy.js';
import type { Preset } from './presets.js';

const s = seedCiter('004');

const yearly = 'This guidance will be reviewed yearly.';
const schoolEmail = 'All emails should come through the school email accounts';

/** Seed 004: a special school's remote education, case by case. */
export const specialSchoolCaseByCase: Preset = {
  id: 'special-school-case-by-case',
  title: 'Special school: remote education case by case',
  summary:
    'For a special school where every pupil should attend and remote education is not an equal alternative to school. ' +
    'It is offered only when the school cannot open safely or, case by case and for a limited time, to a pupil who cannot attend: agreed with the family (and a medical professional where relevant), ' +
    'reviewed regularly with a plan to return, and never in place of a suspension. Pupils taught remotely are marked absent, teachers and learning partners are available from 09:15 to 15:15, ' +
    'families are phoned when engagement is a concern, and the guidance is reviewed every year.',
  seed: '004',
  document: {
    schemaVersion: 1,
    preset: 'special-school-case-by-case',
    name: 'Remote learning guidance for staff',
    review: {
      cycles: [
        {
          id: 'annual',
          when: { value: 'always', source: s(340, yearly) },
          every: { value: { count: 1, unit: 'year' }, source: s(340, yearly) },
          reviewers: { value: ['senior_leader'], source: byDefault('the seed says the guidance is reviewed yearly but not by whom, so senior leaders, who monitor remote learning, review it') },
          approvers: {
            value: ['governor'],
            source: byDefault('the seed names no approver, so the Local Advisory Board (governors), which oversees remote learning, approves it'),
          },
        },
      ],
    },
    sections: {
      organisation: {
        kind: {
          value: 'special_school',
          source: byDefault('the seed never names its kind of school, but its EHCP reviews, learning partners and Support for Learning Team are a special school’s'),
        },
        learners: [{ value: 'pupils', source: s(13, 'All pupils should attend school, in line with our attendance policy') }],
        subcontractedLearners: ORG.noSubcontractors,
        ageRange: ORG.noAgesStated,
        appliesTo: [
          { value: 'staff', source: s(3, 'This remote learning guidance for staff aims to') },
          { value: 'learners', source: s(237, 'Staff can expect pupils learning remotely to') },
          { value: 'families', source: s(251, 'Staff can expect families with children learning remotely to') },
        ],
      },
      calendar: {
        timeZone: CAL.timeZone,
        workingDays: CAL.workingDays,
        schoolDay: CAL.schoolDay,
        bubbles: CAL.noBubbles,
        remoteLearningWhen: [
          { value: 'closure', source: s(23, 'Occasions when we decide that opening our school is either') },
          { value: 'case_by_case', source: s(42, 'providing pupils with remote education on a case-by-case basis') },
        ],
      },
      staffHours: {
        teachers: { value: { kind: 'fixed', start: '09:15', end: '15:15' }, source: s(74, 'teachers must be available between 09:15 to 15:15') },
        teachingAssistants: { value: { kind: 'fixed', start: '09:15', end: '15:15' }, source: s(141, 'teaching assistants must be available from 09:15 to 15:15') },
        notExpectedAfter: STAFF.noCutOff,
        partTimeOnlyOnWorkingDays: STAFF.partTimeOnlyOnWorkingDays,
      },
      communication: {
        learnerChannels: [
          { value: 'platform', source: s(172, 'continue to use the school’s digital platform for remote education provision') },
          { value: 'email', source: s(121, schoolEmail) },
          { value: 'video', source: s(121, 'or via online conferencing software, for example Zoom, ClassDojo, Teams') },
        ],
        familyChannels: [
          { value: 'email', source: s(121, schoolEmail) },
          { value: 'phone', source: s(118, 'they should be contacted via phone to ask whether school intervention staff can assist') },
          { value: 'video', source: s(122, 'Staff are encouraged to use online conferencing software') },
        ],
        approvedChannelsOnly: { value: true, source: s(121, schoolEmail) },
        personalDevices: { value: 'never', source: s(121, schoolEmail) },
        responseHours: COMMS.withinStaffHours,
        responseTime: COMMS.oneWorkingDay,
        learnersContactableInSchoolDay: { value: true, source: s(239, 'Be contactable during the school day') },
      },
      work: {
        setBy: WORK.noSetBy,
        feedbackDue: { value: { kind: 'working_days', days: 2 }, source: s(104, 'Teachers will give feedback to pupils for all work returned to them') },
        deadlineSpacing: { value: { maxSubjectsPerDay: 2 }, source: s(161, 'deadlines are being set an appropriate distance away from each other') },
        screenFreeMinimum: { value: 25, source: s(148, 'encouraging life-style choices around exercise, screen time and diet') },
        ownWorkDeclaration: WORK.noDeclaration,
        similarityThreshold: WORK.similarity,
        parentsMaySubmit: WORK.parentsMaySubmit,
        nonCompletion: WORK.threeInTwoWeeks,
        nonCompletionReferTo: WORK.seniorLeaders,
      },
      live: {
        openedBy: [
          { value: 'teacher', source: s(122, 'Staff are encouraged to use online conferencing software') },
          { value: 'senco', source: s(123, 'for meetings and EHCP reviews') },
        ],
        ...SILENT.entry,
        learnerScreenShare: LIVE.screenShareNever,
        ...SILENT.recording,
        notRecordedNotice: LIVE.notRecordedNotice,
        complaintNotice: {
          value:
            'If you or your family have a complaint or a concern about this session, tell the member of staff who led it, and it will be passed to a member of the senior leadership team. ' +
            'A worry about anyone’s safety goes straight to the designated safeguarding lead.',
          source: s(126, 'Any complaints or concerns shared by families or pupils should be reported to a member of SLT'),
        },
        behaviourNotice: {
          value:
            'Please follow the same behaviour rules as in school. If you need help, ask your teacher or learning partner. ' +
            'If anything worries you, tell your teacher or someone in your family.',
          source: s(247, 'Act in accordance with normal behaviour rules and policy'),
        },
        maxMinutes: LIVE.maxMinutes,
        warnBeforeMinutes: LIVE.warnFiveMinutesBefore,
        ...SILENT.oneToOne,
        chat: LIVE.chatEveryone,
        chatLanguageFilter: { value: true, source: s(247, 'Act in accordance with normal behaviour rules and policy') },
        ...SILENT.words,
        chatThrottle: LIVE.throttle,
        chatRetentionDays: LIVE.chatKept,
        parentsInvited: LIVE.parentsInvited,
      },
    },
  },
};
