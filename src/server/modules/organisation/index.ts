export { insertOrganisation, organisationOf, siteNames, type OrganisationSummary } from './service.js';
