import { describe, expect, it } from 'vitest';
import { publisherOf } from './provider.js';

describe('recorded files', () => {
  it('R-LIVE-7 says whose media a recording holds, from the name every provider gives it', () => {
    expect(publisherOf('/data/recordings/org/session/003-2F1C0A9E-8D1B-4C55-9E0A-1B2C3D4E5F60.webm')).toBe('2f1c0a9e-8d1b-4c55-9e0a-1b2c3d4e5f60');
    expect(publisherOf('001-2f1c0a9e-8d1b-4c55-9e0a-1b2c3d4e5f60.webm')).toBe('2f1c0a9e-8d1b-4c55-9e0a-1b2c3d4e5f60');
    expect(publisherOf('/data/recordings/lesson.webm')).toBeNull();
    expect(publisherOf('/data/001-not_a_person.webm')).toBeNull();
  });
});
