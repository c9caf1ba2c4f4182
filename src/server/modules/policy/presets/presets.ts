import type { PresetSummary } from '../../../../shared/policy.js';
import type { SeedId } from '../cited.js';
import type { PolicyDocument, PresetId } from '../document.js';
import { blendedSchoolBubbles } from './blended-school-bubbles.js';
import { blendedTrainingProvider } from './blended-training-provider.js';
import { furtherEducationLockdown } from './further-education-lockdown.js';
import { schoolClosure } from './school-closure.js';
import { specialSchoolCaseByCase } from './special-school-case-by-case.js';

/**
 * R-POL-1: the five policies the platform ships, one per seed, named by the kind of institution.
 * Every value is cited to a line of its own seed, or is a platform default that says why.
 */
export interface Preset {
  id: PresetId;
  title: string;
  /** One paragraph: for whom, and what the policy does. */
  summary: string;
  /** The seed policy (docs/seeds/) every citation in the document comes from. */
  seed: SeedId;
  document: PolicyDocument;
}

/** In seed order. A new preset is one file and one line here. */
export const PRESETS: readonly Preset[] = [furtherEducationLockdown, schoolClosure, blendedSchoolBubbles, blendedTrainingProvider, specialSchoolCaseByCase];

export function presetById(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new RangeError(`No preset ${id}`);
  return preset;
}

/** What a picker shows before anyone chooses. */
export function presetSummaries(): PresetSummary[] {
  return PRESETS.map(({ id, title, summary, seed }) => ({ id, title, summary, seed }));
}
