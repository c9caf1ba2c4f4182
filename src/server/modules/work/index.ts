export { workPermissions } from './permissions.js';
