import { describe, expect, it } from 'vitest';
import { apiKey } from './api-key';
import { testDetector } from './testDetector';

const redact = (text: string): string => text.replace(/\S/g, '*');

testDetector(apiKey, {
  detects: [
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    'sk-proj-abcdefghijklmnopqrstuvwx',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'xoxb-123456789012-abcdefghijkl',
    'AKIAIOSFODNN7EXAMPLE',
    'AIzaSyA-1234567890abcdefghijklmnopqrstu',
    'Bearer abcdefghijklmnop0123456789',
    // A private key cut off before its END line is masked to the end of the text.
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n',
  ],
  ignores: ['-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----', 'eyJ', 'sk_live_short', 'skipping-this-word', 'AKIA is a prefix', 'Bearer me', 'ghp_short', 'task-management-system-for-teams'],
  glued: [
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'AKIAIOSFODNN7EXAMPLE',
  ],
});

describe('apiKey on private keys', () => {
  it.each(['PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PGP PRIVATE KEY BLOCK'])('masks a %s block up to its END line', (kind) => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDu';
    const masked = apiKey.maskMatches(`Your key:\n-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\nKeep it safe.`, redact);
    expect(masked).not.toContain('MIIEvQ');
    expect(masked).not.toContain('MzEfYy');
    expect(masked.endsWith(`-----END ${kind}-----\nKeep it safe.`)).toBe(true);
    expect(masked.startsWith('Your key:\n')).toBe(true);
  });
});

describe('apiKey on long base64', () => {
  it('reads a long run holding many `eyJ` and no `.` in linear time', () => {
    // Unbounded, each `eyJ` read to the run's end: 1.7 s for 60 KB, 14 s for these 150 KB (0.3 s now).
    const run = 'eyJ'.repeat(50_000);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(apiKey.maskMatches(`${run} ${jwt}`, redact)).toBe(`${run} ${redact(jwt)}`);
  });

  it('masks a token whose header holds a certificate (2 KB)', () => {
    const header = `eyJ${'x5c'.repeat(680)}`;
    const token = `${header}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig`;
    expect(header.length).toBeLessThanOrEqual(2051);
    expect(apiKey.maskMatches(token, redact)).toBe(redact(token));
  });
});
