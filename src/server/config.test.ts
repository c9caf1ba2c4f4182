import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: port 3000, embedded database, real clock', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, clock: undefined, env: 'development' });
  });

  it('accepts a demo clock outside production', () => {
    expect(loadConfig({ CLOCK_START: '2026-01-05T08:45:00Z' }).clock).toEqual({ start: '2026-01-05T08:45:00Z', mode: 'running' });
  });

  it('refuses a demo clock in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CLOCK_START: '2026-01-05T08:45:00Z' })).toThrow(ConfigError);
  });

  it('names each bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'nope' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });
});
