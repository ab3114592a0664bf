import { describe, expect, it } from 'vitest';
import { parseDuration, storeOptions } from './config';

describe('storeOptions', () => {
  it('takes options first, then the environment, then ./lowlight-data', () => {
    expect(storeOptions({}, {})).toEqual({ data: './lowlight-data' });
    expect(storeOptions({}, { LOWLIGHT_DATA: '/srv/ll' })).toEqual({ data: '/srv/ll' });
    expect(storeOptions({ data: '/x' }, { LOWLIGHT_DATA: '/srv/ll' })).toEqual({ data: '/x' });
    expect(storeOptions({}, { LOWLIGHT_DATABASE_URL: 'postgres://db/ll', LOWLIGHT_BLOBS: 's3://b' })).toEqual({ database: 'postgres://db/ll', blobs: 's3://b' });
  });
});

describe('parseDuration', () => {
  it('reads days, hours and minutes, and names the option when it cannot', () => {
    expect(parseDuration('--older-than', '30d')).toBe(30 * 86_400_000);
    expect(parseDuration('--older-than', '12h')).toBe(12 * 3_600_000);
    expect(parseDuration('--older-than', '7')).toBe(7 * 86_400_000);
    expect(() => parseDuration('--older-than', 'soon')).toThrow('[lowlight] server: "--older-than" must be a duration like 30d, 12h or 90m, got "soon"');
  });
});
