/**
 * What a module's own `policy.ts` builds its section of the policy document from (R-POL-1).
 * Modules may import `../policy/policy.js` (lint allows each module's policy.js, as it does
 * index.js); the policy module in turn assembles their sections in document.ts. This file only
 * names the building blocks, so that import cannot form a cycle.
 */
export { cited, byDefault, fromSeed, seedCiter, Source, type Cited, type SeedId } from './cited.js';

export { rolesText } from './review.js';
