export { livePermissions } from './permissions.js';
export { liveRoutes } from './routes.js';
export { createLiveService, type LiveService } from './service.js';
export { createLobbyService, type LobbyService } from './lobby-service.js';
export { createLiveHub, type LiveHub } from './hub.js';
export { EmbeddedMediaProvider } from './media/embedded/provider.js';
export type { MediaProvider } from './media/provider.js';
export { createRecordings, type Recordings } from './recordings.js';
export { createClassroomService, type ClassroomService } from './classroom.js';
