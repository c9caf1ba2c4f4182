export { createPrivacyService, type PrivacyService } from './service.js';
export { privacyRoutes } from './routes.js';
export { privacyPermissions } from './permissions.js';
