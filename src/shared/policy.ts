// Zod-free on purpose: types only, so the web app can show a policy, its sources and its
// changes without loading zod. The server's zod schemas (src/server/modules/policy/) are checked
// at compile time to produce exactly these shapes.
import type { Role } from './roles.js';

/** The five seed policies the presets come from (docs/seeds/). */
export type SeedId = '000' | '001' | '002' | '003' | '004';

/** The shipped presets, named by the kind of institution, not by the institution (R-POL-1). */
export type PresetId =
  | 'further-education-lockdown'
  | 'school-closure'
  | 'blended-school-bubbles'
  | 'blended-training-provider'
  | 'special-school-case-by-case';

/**
 * Where a policy value comes from: a line of a seed policy (quoted), a platform default where
 * the seed is silent (with the reason), or a decision made in the app by a person (R-POL-1).
 */
export type PolicySource =
  | { kind: 'seed'; seed: SeedId; line: number; quote: string }
  | { kind: 'default'; reason: string }
  | { kind: 'local'; by: string; at: string; why: string };

/** A place in the policy document, e.g. ['sections', 'staffHours', 'teachers']. */
export type PolicyPath = (string | number)[];

/** One plain-English sentence of a policy, with where its value sits and where it comes from. */
export interface PolicySentence {
  text: string;
  /** The cited value this sentence describes. */
  path: PolicyPath;
  source: PolicySource;
  /** "Seed 004, line 74: “teachers must be available…”" or "Platform default: …". */
  sourceLabel: string;
}

export interface PolicyProseSection {
  key: string;
  title: string;
  sentences: PolicySentence[];
}

/** A policy as a head teacher would read and sign it. */
export interface PolicyProse {
  name: string;
  preset: PresetId;
  sections: PolicyProseSection[];
}

/** Something wrong with a policy, located so a form can show it beside the field. */
export interface PolicyProblem {
  path: PolicyPath;
  code: string;
  message: string;
}

/** One difference between two versions of a policy. */
export interface PolicyChange {
  path: PolicyPath;
  /**
   * The value before (undefined when added): for a cited value, its value without the source;
   * when only the citation changed (`what: 'source'`), the sources themselves.
   */
  before: unknown;
  after: unknown;
  /** What changed, e.g. "Calendar: school day". */
  label: string;
  /** 'source' when only the citation changed, not the value. */
  what: 'value' | 'source' | 'added' | 'removed';
}

/** When the policy is next due for review, and by whom (R-POL-2). */
export interface ReviewDue {
  due: string;
  /** The id of the review cycle that falls due first. */
  cycle: string;
  /** "every 2 years", "every 2 weeks while a bubble is isolating". */
  label: string;
  reviewers: Role[];
  approvers: Role[];
  source: PolicySource;
  requirement: 'R-POL-2';
}

export interface PresetSummary {
  id: PresetId;
  title: string;
  summary: string;
  seed: SeedId;
}
