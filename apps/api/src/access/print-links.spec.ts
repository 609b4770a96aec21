import { describe, expect, it } from 'vitest';
import { checkPrintKey, printKey } from './print-links';

const secret = 'k'.repeat(43);
const now = new Date('2026-12-03T04:00:00Z');
const later = new Date('2026-12-03T05:00:00Z');

describe('print keys', () => {
  it('read back as their workshop until they expire', () => {
    const key = printKey(secret, 'w-1', later);
    expect(key.startsWith('ctv_w-1.')).toBe(true);
    expect(checkPrintKey(secret, key, now)).toEqual({ ok: true, workshopId: 'w-1' });
    expect(checkPrintKey(secret, key, new Date('2026-12-03T05:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuse another workshop, another expiry or another secret in the same signature', () => {
    const key = printKey(secret, 'w-1', later);
    const [, rest] = key.split('ctv_');
    const [, expires, sig] = rest.split('.');
    expect(checkPrintKey(secret, `ctv_w-2.${expires}.${sig}`, now).ok).toBe(false);
    expect(checkPrintKey(secret, `ctv_w-1.${Number(expires) + 3600}.${sig}`, now).ok).toBe(false);
    expect(checkPrintKey('x'.repeat(43), key, now).ok).toBe(false);
    expect(checkPrintKey(secret, 'ctv_nonsense', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
