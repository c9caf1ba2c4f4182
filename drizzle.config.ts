import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every module's schema.ts, read, and checked in (STYLE.md §8).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/server/platform/*/schema.ts', './src/server/modules/*/schema.ts'],
  out: './migrations',
  casing: 'snake_case',
});
