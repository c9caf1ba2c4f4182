import { and, eq, isNotNull } from 'drizzle-orm';
import type { SimilarityView } from '../../../shared/work.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import type { Database } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { personNames } from '../identity/index.js';
import { classSubject, oneAssignment, oneClass, workRules } from './load.js';
import { submissions } from './schema.js';
import { similarPairs } from './similarity.js';

/** R-WORK-7: written answers to one piece of work that are alike beyond the policy's threshold, for its staff. */
export function createSimilarityService(deps: { db: Database; permissions: Permissions }) {
  const { db, permissions } = deps;
  return {
    async forAssignment(ctx: Ctx, assignmentId: string): Promise<SimilarityView> {
      const org = ctx.actor.organisationId;
      return db.withTenant(org, async (tx) => {
        const a = await oneAssignment(tx, org, assignmentId);
        const c = await oneClass(tx, org, a.classId);
        if (!permissions.authorize(ctx.actor, 'work.class.read', await classSubject(tx, org, c)).allowed) throw NotFound();
        const threshold = (await workRules(tx, org, c.siteId)).similarityThreshold;
        if (threshold === null) return { threshold, pairs: [] };
        const rows = await tx
          .select({ id: submissions.id, learnerId: submissions.learnerId, text: submissions.body })
          .from(submissions)
          .where(and(eq(submissions.organisationId, org), eq(submissions.assignmentId, a.id), eq(submissions.channel, 'online'), isNotNull(submissions.body)));
        const answers = rows.map((r) => ({ id: r.id, learnerId: r.learnerId, text: r.text ?? '' }));
        const pairs = similarPairs(answers, threshold, a.instructions);
        const names = await personNames(tx, org, answers.map((x) => x.learnerId));
        const side = (id: string, passages: { start: number; end: number }[]) => {
          const answer = answers.find((x) => x.id === id)!;
          return { submissionId: id, learner: { id: answer.learnerId, displayName: names.get(answer.learnerId) ?? '' }, text: answer.text, passages };
        };
        return { threshold, pairs: pairs.map((p) => ({ percent: p.percent, a: side(p.a, p.passagesA), b: side(p.b, p.passagesB) })) };
      });
    },
  };
}

export type SimilarityService = ReturnType<typeof createSimilarityService>;
