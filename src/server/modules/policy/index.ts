export { policyPermissions } from './permissions.js';
export { policyRoutes } from './routes.js';
export { createPolicyService, type PolicyService } from './service.js';
export { appendVersion as appendPolicyVersion, policyInForce, type NewVersion as NewPolicyVersion, type PolicyInForce } from './history.js';
export { presetById, PRESETS, type Preset } from './presets/presets.js';
export type { PolicyDocument, PresetId } from './document.js';
export { upgradeStoredPolicies, type UpgradedPolicy } from './upgrade.js';
