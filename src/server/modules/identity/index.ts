export { createIdentityService, findPeople, hashPassword, holdersOf, peopleFacts, personFacts, personNames, rolesAt, type IdentityService } from './service.js';
export { insertPerson, linkEmployer, linkGuardian, type NewPerson } from './people.js';
export { identityRoutes } from './routes.js';
export { identityPermissions } from './permissions.js';
export { createLinksService, type LinksService } from './links.js';
