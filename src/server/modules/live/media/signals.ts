// The signalling messages are part of the API contract (the browser speaks them): src/shared/live-media.ts.
export * from '../../../../shared/live-media.js';
