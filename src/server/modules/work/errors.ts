import { defineError } from '../../platform/errors.js';

export const WorkInvalid = defineError('work.invalid', 400, () => 'The work was not saved: check what is shown beside each field.');
export const ClassEnded = defineError('work.class.ended', 409, (name: string) => `${name} has ended, so no more work can be set for it.`);
export const NothingHandedIn = defineError('work.submission.empty', 400, () => 'Write an answer or add a photo or file before handing in.');
export const OwnWorkNeeded = defineError('work.submission.own_work', 400, () => 'Tick the box to confirm this is your own work before handing it in.');
export const AlreadyMarked = defineError('work.submission.marked', 409, () => 'Your teacher has already given feedback on this work, so it cannot be changed. Reply to the feedback instead.');
export const AlreadyHandedIn = defineError('work.submission.exists', 409, (name: string) => `${name} has already handed this work in.`);
export const ParentsMayNotSubmit = defineError('work.submission.parents_not_allowed', 403, () => 'Under your school’s policy, learners hand in their own work.');
export const NoFeedbackYet = defineError('work.reply.no_feedback', 409, () => 'You can reply once your teacher has given feedback.');
export const NotYourList = defineError('work.referrals.not_yours', 403, (who: string) => `Under the policy, missed work is referred to ${who}.`);
export const NotInWork = defineError('work.learner.not_in_work', 400, () => 'This learner is not one of those the work was set for.');
export const NoPaperLearners = defineError('work.pack.nobody_on_paper', 404, () => 'Nobody you can print for is marked as working on paper. Tick learners under “Who works on paper” on a class’s page first.');
