import { z } from 'zod';
import { ROLES } from './roles.js';

/**
 * The policy API (R-POL-1..3): the policy in force as prose with each value's source, its
 * versions with who, when and why, comparisons, site overrides and the review reminder. The web
 * app imports only the types; the document itself is checked by the server (policy/document.ts)
 * and travels as JSON, with problems located by path.
 */

const Path = z.array(z.union([z.string(), z.number()]));
const SeedId = z.enum(['000', '001', '002', '003', '004']);
const PresetId = z.enum(['further-education-lockdown', 'school-closure', 'blended-school-bubbles', 'blended-training-provider', 'special-school-case-by-case']);
const Role = z.enum(ROLES);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PolicySourceView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('seed'), seed: SeedId, line: z.number().int(), quote: z.string() }),
  z.object({ kind: z.literal('default'), reason: z.string() }),
  z.object({ kind: z.literal('local'), by: z.string(), at: z.string(), why: z.string() }),
]);

/** "Where this comes from": the source of a value, with the seed line itself when it is a seed (R-POL-3). */
export const SourceOrigin = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('seed'),
    /** The shipped preset built on this seed. */
    preset: z.object({ id: PresetId, title: z.string() }),
    seed: SeedId,
    /** The seed policy's file in docs/seeds/. */
    seedFile: z.string(),
    line: z.number().int(),
    /** The cited line as it reads in the seed (and the next line, when the quote runs on). */
    lineText: z.string(),
    quote: z.string(),
  }),
  z.object({ kind: z.literal('default'), reason: z.string() }),
  z.object({ kind: z.literal('local'), by: z.string(), at: z.string(), why: z.string() }),
]);
export type SourceOrigin = z.infer<typeof SourceOrigin>;

export const PolicySentenceView = z.object({
  text: z.string(),
  path: Path,
  sourceLabel: z.string(),
  origin: SourceOrigin,
  /** True in a site's view when the site's override set this value. */
  overridden: z.boolean(),
});
export type PolicySentenceView = z.infer<typeof PolicySentenceView>;

export const PolicySectionView = z.object({ key: z.string(), title: z.string(), sentences: z.array(PolicySentenceView) });
export type PolicySectionView = z.infer<typeof PolicySectionView>;

/** `upgraded`: the platform added a section it newly enforces (policy/upgrade.ts). */
export const VersionKind = z.enum(['adopted', 'edited', 'site_override', 'reviewed', 'upgraded']);
export type VersionKind = z.infer<typeof VersionKind>;

export const VersionSummary = z.object({
  version: z.number().int(),
  kind: VersionKind,
  createdAt: z.string(),
  by: z.object({ id: z.string().uuid(), name: z.string() }),
  why: z.string(),
  /** The review cycle a 'reviewed' version records. */
  reviewCycle: z.string().nullable(),
  /** The site a 'site_override' version changed. */
  site: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const ReviewState = z.enum(['ok', 'due_soon', 'overdue']);
export type ReviewState = z.infer<typeof ReviewState>;

/** R-POL-2: when the policy is next reviewed, whether that is near or past, and whether to remind this person. */
export const ReviewStatus = z.object({
  due: IsoDate,
  state: ReviewState,
  /** The reminder shows from this date (30 days before the review is due). */
  remindFrom: IsoDate,
  cycle: z.string(),
  /** "every 2 years", "every 2 weeks while a bubble is isolating". */
  label: z.string(),
  reviewers: z.array(Role),
  approvers: z.array(Role),
  lastReviewedOn: IsoDate,
  /** Whether a bubble is isolating now (seed 002's fortnightly review runs only then). */
  bubbleIsolating: z.boolean(),
  /** Whether the person asking is one to remind: a senior leader or a reviewer of the cycle due. */
  remind: z.boolean(),
  source: PolicySourceView,
});
export type ReviewStatus = z.infer<typeof ReviewStatus>;

// ——— the editor: how to edit each value, described by the server from the document's schema ———

export const EditorOption = z.object({ value: z.union([z.string(), z.number()]), label: z.string() });
export type EditorOption = z.infer<typeof EditorOption>;

export interface EditorField {
  key: string;
  label: string;
  control: EditorControl;
}
export type EditorControl =
  | { type: 'boolean' }
  | { type: 'choice'; options: EditorOption[] }
  | { type: 'set'; options: EditorOption[] }
  | { type: 'time' }
  | { type: 'text' }
  | { type: 'number'; min: number | null; max: number | null }
  | { type: 'group'; fields: EditorField[] }
  | { type: 'optional'; noneLabel: string; someLabel: string; control: EditorControl }
  | { type: 'variant'; options: { value: string; label: string; fields: EditorField[] }[] };

export const EditorField: z.ZodType<EditorField> = z.lazy(() => z.object({ key: z.string(), label: z.string(), control: EditorControl }));
export const EditorControl: z.ZodType<EditorControl> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('boolean') }),
    z.object({ type: z.literal('choice'), options: z.array(EditorOption) }),
    z.object({ type: z.literal('set'), options: z.array(EditorOption) }),
    z.object({ type: z.literal('time') }),
    z.object({ type: z.literal('text') }),
    z.object({ type: z.literal('number'), min: z.number().nullable(), max: z.number().nullable() }),
    z.object({ type: z.literal('group'), fields: z.array(EditorField) }),
    z.object({ type: z.literal('optional'), noneLabel: z.string(), someLabel: z.string(), control: EditorControl }),
    z.object({ type: z.literal('variant'), options: z.array(z.object({ value: z.string(), label: z.string(), fields: z.array(EditorField) })) }),
  ]),
);

/**
 * One editable value. `path` is where its cited node sits in the document; `list` means the
 * path holds a list of cited values (channels, learner groups) edited as a set of choices.
 */
export const EditorItem = z.object({ path: Path, label: z.string(), list: z.boolean(), control: EditorControl });
export type EditorItem = z.infer<typeof EditorItem>;

export const EditorSection = z.object({ key: z.string(), title: z.string(), items: z.array(EditorItem) });
export type EditorSection = z.infer<typeof EditorSection>;

// ——— answers ———

export const SiteRef = z.object({ id: z.string().uuid(), name: z.string() });

export const PolicyView = z.object({
  version: VersionSummary,
  name: z.string(),
  preset: z.object({ id: PresetId, title: z.string(), seed: SeedId, seedFile: z.string() }),
  sections: z.array(PolicySectionView),
  /** The document as stored, every value with its source: for those who may edit or review it (null for others). */
  document: z.unknown(),
  /** Sites that set some values of their own, and which. */
  overrides: z.array(z.object({ site: SiteRef, paths: z.array(Path) })),
  review: ReviewStatus,
  can: z.object({ edit: z.boolean(), review: z.boolean() }),
  /** How to edit each value; only for those who may edit. */
  editor: z.array(EditorSection).nullable(),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const VersionList = z.object({ versions: z.array(VersionSummary) });
export type VersionList = z.infer<typeof VersionList>;

export const VersionDetail = z.object({
  summary: VersionSummary,
  name: z.string(),
  sections: z.array(PolicySectionView),
  document: z.unknown(),
  siteOverrides: z.record(z.string(), z.unknown()),
});
export type VersionDetail = z.infer<typeof VersionDetail>;

/** One change between two versions, with both values in words ("15:30" → "16:00"). */
export const ChangeView = z.object({
  path: Path,
  label: z.string(),
  what: z.enum(['value', 'source', 'added', 'removed']),
  before: z.unknown(),
  after: z.unknown(),
  beforeText: z.string().nullable(),
  afterText: z.string().nullable(),
});
export type ChangeView = z.infer<typeof ChangeView>;

export const Comparison = z.object({
  from: VersionSummary,
  to: VersionSummary,
  changes: z.array(ChangeView),
  /** Changes to sites' overrides, site by site. */
  sites: z.array(z.object({ site: SiteRef, changes: z.array(ChangeView) })),
});
export type Comparison = z.infer<typeof Comparison>;

export const SitePolicyView = z.object({
  site: SiteRef,
  version: VersionSummary,
  /** The site's override as stored ({ sections: … }), or null when it has none. */
  override: z.unknown(),
  overridden: z.array(Path),
  sections: z.array(PolicySectionView),
});
export type SitePolicyView = z.infer<typeof SitePolicyView>;

export const PresetList = z.object({
  presets: z.array(z.object({ id: PresetId, title: z.string(), summary: z.string(), seed: SeedId })),
});
export type PresetList = z.infer<typeof PresetList>;

// ——— requests ———

const Why = z.string().max(2000);

export const AdoptBody = z.object({ preset: PresetId, why: Why });
export type AdoptBody = z.infer<typeof AdoptBody>;

/** A new version of the whole document; `basedOn` is the version the editor started from. */
export const NewVersionBody = z.object({ basedOn: z.number().int().positive(), document: z.unknown(), why: Why });
export type NewVersionBody = z.infer<typeof NewVersionBody>;

/** A site's override ({ sections: { calendar: { schoolDay: … } } }); an empty one removes it. */
export const SiteOverrideBody = z.object({ basedOn: z.number().int().positive(), override: z.unknown(), why: Why });
export type SiteOverrideBody = z.infer<typeof SiteOverrideBody>;

export const RecordReviewBody = z.object({ basedOn: z.number().int().positive(), cycle: z.string().max(100), why: Why });
export type RecordReviewBody = z.infer<typeof RecordReviewBody>;

export const VersionParams = z.object({ version: z.coerce.number().int().positive() });
export const PolicySiteParams = z.object({ siteId: z.string().uuid() });
export const CompareQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });
export type CompareQuery = z.infer<typeof CompareQuery>;
