export { workPermissions } from './permissions.js';
export { workRoutes } from './routes.js';
export { createWorkService, type WorkService } from './service.js';
export { createHandingInService, type HandingInService } from './handing-in.js';
export { createWorkOverview, type WorkOverview } from './overview.js';
export { createSimilarityService } from './similar-answers.js';
export { createPackService } from './packs.js';
export { feedbackDue, setByCheck, type FeedbackRule } from './rules.js';
