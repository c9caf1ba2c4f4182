import { COMMUNICATION_DEFAULTS as COMMS } from '../../messaging/policy.js';
import { CALENDAR_DEFAULTS as CAL, ORGANISATION_DEFAULTS as ORG, STAFF_HOURS_DEFAULTS as STAFF } from '../../organisation/policy.js';
import { byDefault, seedCiter } from '../cited.js';
import { WORK_DEFAULTS as WORK } from '../../work/policy.js';
import { DEFAULT_MAX_MINUTES, LIVE_DEFAULTS as LIVE, LIVE_SILENT as SILENT } from '../../live/policy.js';
import type { Preset } from './presets.js';

const s = seedCiter('000');
const etiquette = 'learners and staff should enable their camera and microphone when attending';

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
      live: {
        openedBy: [
          { value: 'teacher', source: s(18, 'access live online lessons via Microsoft Teams') },
          { value: 'assessor', source: s(21, 'Apprentices and assessors utilise these platforms for 1-1/group teaching') },
        ],
        lobby: LIVE.lobby,
        cameraOnEntry: { value: true, source: s(225, etiquette) },
        microphoneOnEntry: { value: true, source: s(225, etiquette) },
        learnerScreenShare: LIVE.screenShareWithHost,
        recording: {
          value: { kind: 'always', retentionDays: 21 },
          source: s(182, 'All live classes should be recorded, so that if any issues were to arise, the video can be reviewed. The recordings will be kept for 21 days'),
        },
        oneToOneRecording: {
          value: { kind: 'always', retentionDays: 21 },
          source: s(163, 'Learners MUST be made aware at the start of every interview/review/1-1 teaching session that it will be recorded and stored securely on Teams for 21 days'),
        },
        recordingViewers: [
          { value: 'senior_leader', source: s(166, 'they should speak to their centre manager') },
          { value: 'dsl', source: s(145, 'Any such concerns should be dealt with as per Juniper Training’s Safeguarding Policy') },
        ],
        complaintWindowDays: { value: 20, source: s(167, 'or any staff member in their centre as soon as possible and within 20 days') },
        recordedNotice: {
          value:
            'This session is being recorded, so that if any issues arise the video can be reviewed. ' +
            'The recording is stored securely for {retentionDays} days, until the end of {keptUntil}, and then deleted.',
          source: s(184, 'Staff MUST inform learners at the start of every lesson that it will be recorded and stored securely on Teams for 21 days'),
        },
        notRecordedNotice: LIVE.notRecordedNotice,
        complaintNotice: {
          value:
            'If you wish to make a complaint or raise a concern about this session, speak to your centre manager or any member of staff in your centre ' +
            'as soon as possible, and within {complaintDays} days: by the end of {complainBy}. Apprentices can also speak to their assessor or the Apprenticeship Contract Manager. ' +
            'You can still complain after that, but we will not be able to view the recording, so it is important to speak to someone in your home centre as soon as possible.',
          source: s(185, 'Learners MUST also be informed that if they wish to make a complaint or raise any concerns about their online sessions'),
        },
        behaviourNotice: {
          value:
            'Join from an appropriate place, not a bedroom, free from distractions and background noise, with your background blurred and no personal items or photographs in view, ' +
            'and wear suitable clothing. Language must be professional and appropriate at all times, including from anyone in the background. ' +
            'Keep your camera and microphone on unless your tutor asks you to turn them off. ' +
            'If anything in this session worries you, tell your tutor, your centre manager or any member of staff in your centre.',
          source: s(222, 'Language MUST be professional and appropriate at all times'),
        },
        maxMinutes: {
          value: DEFAULT_MAX_MINUTES,
          source: byDefault('the seed asks that live classes are kept to a reasonable length of time (line 192) but gives no minutes; these are the platform’s for each age'),
        },
        warnBeforeMinutes: LIVE.warnFiveMinutesBefore,
        oneToOneAwayFromBase: {
          value: 'senior_manager_authorisation',
          source: s(161, 'staff should only deliver these 1-1s from their home centre unless they have been granted permission by'),
        },
        oneToOneSecondStaffForLoneWorking: { value: true, source: s(239, 'Staff should not carry out 1-1 Teams sessions if there are any concerns about lone working') },
        oneToOneAdultWithLearner: LIVE.noAdultCheck,
        apprenticeRecordingsToRecord: { value: true, source: s(200, 'the sessions MUST be recorded, downloaded and stored in the apprentice’s Smart Assessor account') },
        chat: LIVE.chatEveryone,
        chatLanguageFilter: { value: true, source: s(222, 'Language MUST be professional and appropriate at all times') },
        ...SILENT.words,
        chatThrottle: LIVE.throttle,
        chatRetentionDays: {
          value: 21,
          source: byDefault('the seed sets no time for chat; it keeps each session’s recording for 21 days (line 183), and the chat is kept as long, so a complaint made within the 20 days can be checked against both'),
        },
        parentsInvited: LIVE.parentsNotInvited,
      },
    },
  },
};
