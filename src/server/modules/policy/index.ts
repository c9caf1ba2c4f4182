export { policyPermissions } from './permissions.js';
