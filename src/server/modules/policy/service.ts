import type {
  AdoptBody,
  Comparison,
  CompareQuery,
  NewVersionBody,
  PolicyView,
  PresetList,
  RecordReviewBody,
  ReviewStatus,
  SitePolicyView,
  SiteOverrideBody,
  VersionDetail,
  VersionList,
  VersionSummary,
} from '../../../shared/policy-contract.js';
import type { PolicyProblem } from '../../../shared/policy.js';
import type { Ctx } from '../../platform/auth/actor.js';
import type { Permissions } from '../../platform/authz.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, TenantTx } from '../../platform/db/client.js';
import { NotFound } from '../../platform/errors.js';
import { personNames } from '../identity/index.js';
import { siteNames } from '../organisation/index.js';
import { citationProblems, type LocalSource } from './cited.js';
import { SECTION_NAMES, validatePolicy, type PolicyDocument } from './document.js';
import { diffCited, diffPolicies } from './diff.js';
import { editorFor } from './editor.js';
import { PolicyOverride, effectivePolicy, overrideWithAllSections, overrideWithoutEmptySections } from './effective.js';
import { AlreadyAdopted, NoPolicy, NoSuchCycle, NoSuchVersion, NotAReviewer, PolicyInvalid, PolicyStale } from './errors.js';
import { appendVersion, latestVersion, localDate, reviewHistory, versionList, versionOf, type SiteOverrides, type StoredVersion } from './history.js';
import { presetById, presetSummaries } from './presets/presets.js';
import { rolesText } from './review.js';
import { reviewStatus } from './rules.js';
import { loadSeeds, type Seeds } from './seeds.js';
import { stampDecisions } from './stamp.js';
import { changeView, proseView, versionSummary } from './views.js';

/**
 * R-POL-1..3: the organisation's policy as stored, versioned configuration. Everyone in the
 * organisation reads it as prose with each value's source; senior leaders adopt a preset and edit
 * it, each change a new version with who, when and why, refused whole with located problems when
 * it does not hold; sites may override values; reviewers record reviews, and the review reminder
 * follows the policy's own cycles.
 */
export function createPolicyService(deps: { db: Database; clock: Clock; permissions: Permissions; seeds?: Seeds }) {
  const { db, clock, permissions } = deps;
  const seeds = deps.seeds ?? loadSeeds();

  /** Runs `work` for an actor who holds `permission` in their organisation (the guard checked they hold it somewhere). */
  function within<T>(ctx: Ctx, permission: string, work: (tx: TenantTx, org: string) => Promise<T>): Promise<T> {
    const { actor } = ctx;
    if (!permissions.authorize(actor, permission, { organisationId: actor.organisationId }).allowed) throw NotFound();
    return db.withTenant(actor.organisationId, (tx) => work(tx, actor.organisationId));
  }

  const may = (ctx: Ctx, permission: string) => permissions.authorize(ctx.actor, permission, { organisationId: ctx.actor.organisationId }).allowed;

  async function inForce(tx: TenantTx, org: string): Promise<StoredVersion> {
    const latest = await latestVersion(tx, org);
    if (!latest) throw NoPolicy();
    return latest;
  }

  async function summaries(tx: TenantTx, org: string, rows: Parameters<typeof versionSummary>[0][]): Promise<VersionSummary[]> {
    const names = await siteNames(
      tx,
      org,
      rows.flatMap((r) => (r.siteId ? [r.siteId] : [])),
    );
    return rows.map((r) => versionSummary(r, names));
  }

  /** The summary of a version just written. */
  async function summaryOf(tx: TenantTx, org: string, version: number): Promise<VersionSummary> {
    const v = await versionOf(tx, org, version);
    if (!v) throw NoSuchVersion(version);
    return (await summaries(tx, org, [v]))[0]!;
  }

  async function status(tx: TenantTx, org: string, ctx: Ctx, latest: StoredVersion): Promise<ReviewStatus> {
    const timeZone = latest.document.sections.calendar.timeZone.value;
    const history = await reviewHistory(tx, org, timeZone);
    // There is no record yet of a bubble isolating (the organisation module keeps bubbles, not
    // their isolations), so no bubble counts as isolating and seed 002's fortnightly review waits
    // for that record; its standing annual review still falls due.
    const facts = { bubbleIsolating: false };
    return reviewStatus(latest.document.review, history, facts, localDate(clock.now(), timeZone), ctx.actor.roles.map((r) => r.role));
  }

  /** Who is deciding, now and why: the source stamped on every value they change. */
  async function decisionOf(tx: TenantTx, ctx: Ctx, why: string): Promise<{ by: { id: string; name: string }; at: Date; source: LocalSource }> {
    const at = clock.now();
    const name = (await personNames(tx, ctx.actor.organisationId, [ctx.actor.userId])).get(ctx.actor.userId) ?? 'Someone at the organisation';
    return { by: { id: ctx.actor.userId, name }, at, source: { kind: 'local', by: name, at: at.toISOString(), why: why.trim() } };
  }

  /** The version being changed must be the latest, so no one overwrites a change they have not seen. */
  async function latestFor(tx: TenantTx, org: string, basedOn: number): Promise<StoredVersion> {
    const latest = await inForce(tx, org);
    if (latest.version !== basedOn) throw PolicyStale(latest.version);
    return latest;
  }

  const invalid = (problems: PolicyProblem[]) => PolicyInvalid(problems.length).withDetails(problems);
  function refuse(problems: PolicyProblem[]): void {
    if (problems.length > 0) throw invalid(problems);
  }

  const whyProblems = (why: string): PolicyProblem[] =>
    why.trim() ? [] : [{ path: ['why'], code: 'policy.why.missing', message: 'Say why you are making this change: it is kept with the new version.' }];

  const located = (base: (string | number)[], problems: PolicyProblem[], prefix = ''): PolicyProblem[] =>
    problems.map((p) => ({ ...p, path: [...base, ...p.path], message: prefix + p.message }));

  /** Every site's override must still hold over a changed document. */
  async function overrideProblems(tx: TenantTx, org: string, doc: PolicyDocument, overrides: SiteOverrides): Promise<PolicyProblem[]> {
    const ids = Object.keys(overrides);
    const names = await siteNames(tx, org, ids);
    return ids.flatMap((id) => {
      const result = effectivePolicy(doc, overrides[id]);
      return result.ok ? [] : located(['siteOverrides', id], result.problems, `At ${names.get(id) ?? 'a site'}: `);
    });
  }

  return {
    /** R-POL-1, R-POL-3: the policy in force, as prose with the source of every value. */
    async current(ctx: Ctx): Promise<PolicyView> {
      return within(ctx, 'policy.read', async (tx, org) => {
        const latest = await inForce(tx, org);
        const doc = latest.document;
        const preset = presetById(doc.preset);
        const overrideSites = await siteNames(tx, org, Object.keys(latest.siteOverrides));
        const edit = may(ctx, 'policy.edit');
        const review = may(ctx, 'policy.review');
        return {
          version: (await summaries(tx, org, [latest]))[0]!,
          name: doc.name,
          preset: { id: preset.id, title: preset.title, seed: preset.seed, seedFile: `docs/seeds/${seeds.files[preset.seed]}` },
          sections: proseView(doc, seeds),
          // The raw document is for editors and reviewers; everyone else reads the prose (a lighter page).
          document: edit || review ? doc : null,
          overrides: Object.entries(latest.siteOverrides).map(([id, override]) => ({
            site: { id, name: overrideSites.get(id) ?? 'A site no longer listed' },
            paths: SECTION_NAMES.flatMap((name) => Object.keys(override.sections[name] ?? {}).map((field) => ['sections', name, field])),
          })),
          review: await status(tx, org, ctx, latest),
          can: { edit, review },
          editor: edit ? editorFor(doc) : null,
        };
      });
    },

    /** The presets an organisation may start from (R-POL-1). */
    presets(): PresetList {
      return { presets: presetSummaries() };
    },

    /** R-POL-1: adopt a preset as version 1 of the organisation's policy. */
    async adopt(ctx: Ctx, body: AdoptBody): Promise<VersionSummary> {
      refuse(whyProblems(body.why));
      return within(ctx, 'policy.edit', async (tx, org) => {
        if (await latestVersion(tx, org)) throw AlreadyAdopted();
        const decision = await decisionOf(tx, ctx, body.why);
        const document = structuredClone(presetById(body.preset).document);
        const version = await appendVersion(tx, org, { kind: 'adopted', document, siteOverrides: {}, why: body.why.trim(), by: decision.by, at: decision.at, meta: ctx.meta });
        return summaryOf(tx, org, version);
      });
    },

    /**
     * R-POL-1: a new version of the whole document. Each changed value is stamped with who, when
     * and why; the result must validate, cite real seed lines and keep every site's override
     * valid, or nothing is written and each problem is returned at its place.
     */
    async saveVersion(ctx: Ctx, body: NewVersionBody): Promise<VersionSummary> {
      return within(ctx, 'policy.edit', async (tx, org) => {
        const latest = await latestFor(tx, org, body.basedOn);
        const decision = await decisionOf(tx, ctx, body.why);
        const stamped = stampDecisions(latest.document, body.document, decision.source);
        const checked = validatePolicy(stamped);
        if (!checked.ok) throw invalid([...whyProblems(body.why), ...located(['document'], checked.problems)]);
        const doc = checked.doc;
        const problems = [...whyProblems(body.why), ...located(['document'], citationProblems(doc, seeds.texts))];
        if (doc.preset !== latest.document.preset) {
          problems.push({ path: ['document', 'preset'], code: 'policy.preset.changed', message: `This policy started from the ${latest.document.preset} preset, and keeps that record.` });
        }
        problems.push(...(await overrideProblems(tx, org, doc, latest.siteOverrides)));
        refuse(problems);
        const changes = diffPolicies(latest.document, doc);
        if (changes.length === 0) refuse([{ path: ['document'], code: 'policy.unchanged', message: 'Nothing in the policy was changed, so there is no new version to save.' }]);
        const version = await appendVersion(tx, org, {
          kind: 'edited',
          document: doc,
          siteOverrides: latest.siteOverrides,
          why: body.why.trim(),
          by: decision.by,
          at: decision.at,
          basedOn: latest.version,
          changes,
          meta: ctx.meta,
        });
        return summaryOf(tx, org, version);
      });
    },

    /** R-POL-1: every version, newest first, with who made it, when and why. */
    async versions(ctx: Ctx): Promise<VersionList> {
      return within(ctx, 'policy.read', async (tx, org) => ({ versions: await summaries(tx, org, await versionList(tx, org)) }));
    },

    async version(ctx: Ctx, n: number): Promise<VersionDetail> {
      return within(ctx, 'policy.read', async (tx, org) => {
        const v = await versionOf(tx, org, n);
        if (!v) throw NoSuchVersion(n);
        return {
          summary: (await summaries(tx, org, [v]))[0]!,
          name: v.document.name,
          sections: proseView(v.document, seeds),
          document: v.document,
          siteOverrides: v.siteOverrides,
        };
      });
    },

    /** R-POL-1: what changed between two versions, in words, including sites' overrides. */
    async compare(ctx: Ctx, q: CompareQuery): Promise<Comparison> {
      return within(ctx, 'policy.read', async (tx, org) => {
        const from = await versionOf(tx, org, q.from);
        const to = await versionOf(tx, org, q.to);
        if (!from) throw NoSuchVersion(q.from);
        if (!to) throw NoSuchVersion(q.to);
        const [before, after] = [editorFor(from.document), editorFor(to.document)];
        const siteIds = [...new Set([...Object.keys(from.siteOverrides), ...Object.keys(to.siteOverrides)])];
        const names = await siteNames(tx, org, siteIds);
        const [fromSummary, toSummary] = await summaries(tx, org, [from, to]);
        return {
          from: fromSummary!,
          to: toSummary!,
          changes: diffPolicies(from.document, to.document).map((c) => changeView(c, before, after)),
          sites: siteIds
            .map((id) => ({
              site: { id, name: names.get(id) ?? 'A site no longer listed' },
              changes: diffCited(overrideWithAllSections(from.siteOverrides[id]), overrideWithAllSections(to.siteOverrides[id])).map((c) => changeView(c, before, after)),
            }))
            .filter((s) => s.changes.length > 0),
        };
      });
    },

    /** R-POL-1: the policy as one site runs it, its own values marked. */
    async sitePolicy(ctx: Ctx, siteId: string): Promise<SitePolicyView> {
      return within(ctx, 'policy.read', async (tx, org) => {
        const name = (await siteNames(tx, org, [siteId])).get(siteId);
        if (!name || !permissions.authorize(ctx.actor, 'policy.site.read', { organisationId: org, siteIds: [siteId] }).allowed) throw NotFound();
        const latest = await inForce(tx, org);
        const override = latest.siteOverrides[siteId];
        const effective = effectivePolicy(latest.document, override);
        if (!effective.ok) throw new Error(`The policy of site ${siteId} does not hold.`);
        return {
          site: { id: siteId, name },
          version: (await summaries(tx, org, [latest]))[0]!,
          override: override ?? null,
          overridden: effective.overridden,
          sections: proseView(effective.doc, seeds, effective.overridden),
        };
      });
    },

    /** R-POL-1: set (or, with no values, remove) a site's own values, as a new version. */
    async setSiteOverride(ctx: Ctx, siteId: string, body: SiteOverrideBody): Promise<VersionSummary> {
      return within(ctx, 'policy.edit', async (tx, org) => {
        if (!(await siteNames(tx, org, [siteId])).has(siteId)) throw NotFound();
        const latest = await latestFor(tx, org, body.basedOn);
        const decision = await decisionOf(tx, ctx, body.why);
        const before = latest.siteOverrides[siteId];
        const stamped = stampDecisions(before ?? { sections: {} }, body.override, decision.source);
        const problems = [...whyProblems(body.why)];
        const effective = effectivePolicy(latest.document, stamped);
        if (!effective.ok) problems.push(...located(['override'], effective.problems));
        else problems.push(...located(['override'], citationProblems(stamped, seeds.texts)));
        refuse(problems);
        const override = overrideWithoutEmptySections(PolicyOverride.parse(stamped));
        const changes = diffCited(overrideWithAllSections(before), overrideWithAllSections(override));
        if (changes.length === 0) refuse([{ path: ['override'], code: 'policy.unchanged', message: 'Nothing in this site’s values was changed, so there is no new version to save.' }]);
        const siteOverrides: Record<string, PolicyOverride> = { ...latest.siteOverrides };
        if (override) siteOverrides[siteId] = override;
        else delete siteOverrides[siteId];
        const version = await appendVersion(tx, org, {
          kind: 'site_override',
          document: latest.document,
          siteOverrides,
          why: body.why.trim(),
          by: decision.by,
          at: decision.at,
          siteId,
          basedOn: latest.version,
          changes,
          meta: ctx.meta,
        });
        return summaryOf(tx, org, version);
      });
    },

    /** R-POL-2: when the policy is next reviewed, and whether to remind the person asking. */
    async reviewStatus(ctx: Ctx): Promise<ReviewStatus> {
      return within(ctx, 'policy.read', async (tx, org) => status(tx, org, ctx, await inForce(tx, org)));
    },

    /** R-POL-2: record that a review cycle's review took place; the policy is unchanged, the next review counts from today. */
    async recordReview(ctx: Ctx, body: RecordReviewBody): Promise<VersionSummary> {
      return within(ctx, 'policy.review', async (tx, org) => {
        const latest = await latestFor(tx, org, body.basedOn);
        const cycle = latest.document.review.cycles.find((c) => c.id === body.cycle);
        if (!cycle) throw NoSuchCycle(body.cycle);
        const roles = ctx.actor.roles.map((r) => r.role);
        if (!roles.includes('senior_leader') && !roles.some((r) => cycle.reviewers.value.includes(r))) throw NotAReviewer(rolesText(cycle.reviewers.value));
        refuse(whyProblems(body.why));
        const decision = await decisionOf(tx, ctx, body.why);
        const version = await appendVersion(tx, org, {
          kind: 'reviewed',
          document: latest.document,
          siteOverrides: latest.siteOverrides,
          why: body.why.trim(),
          by: decision.by,
          at: decision.at,
          reviewCycle: cycle.id,
          basedOn: latest.version,
          meta: ctx.meta,
        });
        return summaryOf(tx, org, version);
      });
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
