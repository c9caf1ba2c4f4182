import { COMMUNICATION_DEFAULTS as COMMS } from '../../messaging/policy.js';
import { CALENDAR_DEFAULTS as CAL, ORGANISATION_DEFAULTS as ORG, STAFF_HOURS_DEFAULTS as STAFF } from '../../organisation/policy.js';
import { byDefault, seedCiter } from '../cited.js';
import { WORK_DEFAULTS as WORK } from '../../work/policy.js';
import type { Preset } from './presets.js';

const s = seedCiter('000');

/** Seed 000: a further-education training provider's remote education during lockdowns. */
export const furtherEducationLockdown: Preset = {
  id: 'further-education-lockdown',
  title: 'Further-education provider: remote learning in lockdown',
  summary:
    'For a further-education training provider with study-programme learners and apprentices, when regional or national lockdowns restrict access to its training centres. ' +
    'Lessons move online on the normal timetable, while vulnerable learners, learners without a device, internet or a suitable space, and children of key workers may still attend centre. ' +
    'Live lessons and 1-1 sessions are recorded and kept for 21 days, learners are told they can complain within 20 days, and staff reach learners only through work email, company phones and approved portals.',
  seed: '000',
  document: {
    schemaVersion: 1,
    preset: 'further-education-lockdown',
    name: 'Remote education during lockdown',
    review: {
      cycles: [
        {
          id: 'leaders-annual',
          when: { value: 'always', source: byDefault('the seed sets no review date (it is marked V1.0 01.21), so it has a standing review') },
          every: { value: { count: 1, unit: 'year' }, source: byDefault('the seed sets no review date, so it is reviewed every year, like most college and school policies') },
          reviewers: { value: ['senior_leader'], source: byDefault('the seed names no reviewer, so senior managers review it, as they specify the platforms staff use') },
          approvers: { value: [], source: byDefault('the seed names no approver, so the senior managers’ review is enough') },
        },
      ],
    },
    sections: {
      organisation: {
        kind: { value: 'training_provider', source: s(44, 'During periods of regional/national lockdown where access to training centres is restricted') },
        learners: [
          { value: 'fe_learners', source: s(17, 'All learners on Study Programme have a personal account') },
          { value: 'apprentices', source: s(21, 'Apprentices and assessors utilise these platforms') },
        ],
        subcontractedLearners: ORG.noSubcontractors,
        ageRange: { value: { from: 16, to: null }, source: s(196, 'Apprenticeship 1-1 teaching sessions, meetings and reviews for 16-18 year old/vulnerable') },
        appliesTo: [
          { value: 'learners', source: s(9, 'delivery arrangements; expectations for learners, parents and staff') },
          { value: 'families', source: s(9, 'delivery arrangements; expectations for learners, parents and staff') },
          { value: 'staff', source: s(9, 'delivery arrangements; expectations for learners, parents and staff') },
        ],
      },
      calendar: {
        timeZone: CAL.timeZone,
        workingDays: CAL.workingDays,
        schoolDay: CAL.centreDay,
        bubbles: CAL.noBubbles,
        remoteLearningWhen: [{ value: 'lockdown', source: s(44, 'During periods of regional/national lockdown where access to training centres is restricted') }],
      },
      staffHours: {
        teachers: STAFF.schoolDay,
        teachingAssistants: STAFF.schoolDay,
        notExpectedAfter: STAFF.noCutOff,
        partTimeOnlyOnWorkingDays: STAFF.partTimeOnlyOnWorkingDays,
      },
      communication: {
        learnerChannels: [
          { value: 'email', source: s(245, 'Staff will only use work email addresses and company mobile phones') },
          { value: 'phone', source: s(245, 'Staff will only use work email addresses and company mobile phones') },
          { value: 'platform', source: s(246, 'They will use established portals for sharing work and communicating') },
        ],
        familyChannels: [
          {
            value: 'platform',
            source: byDefault('the seed only asks parents and guardians to contact their local training centre, so messages go through the platform'),
          },
        ],
        approvedChannelsOnly: { value: true, source: s(232, 'Staff must only use platforms specified by senior managers and approved') },
        personalDevices: { value: 'never', source: s(245, 'Staff will only use work email addresses and company mobile phones') },
        responseHours: COMMS.withinStaffHours,
        responseTime: COMMS.oneWorkingDay,
        learnersContactableInSchoolDay: COMMS.learnersNotExpected,
      },
      work: {
        setBy: WORK.noSetBy,
        feedbackDue: WORK.fiveWorkingDays,
        deadlineSpacing: WORK.noSpacing,
        screenFreeMinimum: WORK.noScreenFreeMinimum,
        ownWorkDeclaration: WORK.noDeclaration,
        similarityThreshold: WORK.similarity,
        parentsMaySubmit: WORK.learnersSubmit,
        nonCompletion: { value: { missed: 3, withinDays: 14 }, source: s(114, 'hand in assignments on time etc. If not, we may ask them to attend centre instead') },
        nonCompletionReferTo: WORK.seniorLeaders,
      },
    },
  },
};
