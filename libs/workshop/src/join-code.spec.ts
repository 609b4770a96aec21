import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, isJoinCode, newJoinCode, normalizeJoinCode } from './join-code';

describe('join codes', () => {
  it('are 6 characters without the look-alikes 0/O and 1/I/L', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(c);
    for (let i = 0; i < 200; i++) {
      const code = newJoinCode((n) => randomBytes(n));
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      expect(isJoinCode(code)).toBe(true);
    }
  });

  it('draw again on bytes that would bias the alphabet, and follow the bytes given', () => {
    // 31 characters: bytes ≥ 248 are dropped, so the first draw of 12 gives only "AB".
    const bytes = [...Array<number>(10).fill(250), 0, 1, 2, 3, 30, 31];
    let pos = 0;
    let draws = 0;
    const code = newJoinCode((n) => {
      draws++;
      return Uint8Array.from({ length: n }, () => bytes[pos++] ?? 255);
    });
    expect(code).toBe('ABCD9A');
    expect(draws).toBe(2);
  });

  it('read what a participant typed in any case, with spaces or a dash', () => {
    expect(normalizeJoinCode(' abc-23k ')).toBe('ABC23K');
    expect(isJoinCode('ABC23K')).toBe(true);
    expect(isJoinCode('ABC10K')).toBe(false);
    expect(isJoinCode('ABC23')).toBe(false);
  });
});
