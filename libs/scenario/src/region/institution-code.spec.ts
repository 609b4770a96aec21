// 医療機関コード: the check digit (検証番号), well-formedness, and the codes derived for regions
// whose hospitals carry none — deterministic, unique, never clashing with a given code.
import { describe, expect, it } from 'vitest';
import {
  deriveInstitutionCodes,
  institutionCheckDigit,
  institutionCode,
  institutionCodeProblem,
} from './institution-code';

describe('医療機関コード', () => {
  it('computes the check digit over the nine digits before it, modulus 10 with weights 2·1 from the rightmost', () => {
    // a real code, the public example of the rule: 1·2 + 7 + 3·2 + 1 + 1·2 + 0 + 1·2 + 1 + 0·2 = 21 → 10 − 1 = 9
    expect(institutionCheckDigit('011011371')).toBe(9);
    expect(institutionCodeProblem('0110113719')).toBeNull();
    // the earlier rule (郡市区番号 + 医療機関番号 only) gave 2 here and refused the real code
    expect(institutionCodeProblem('0110113712')).toMatch(/check digit 2 should be 9/);
    // 9·2 = 18 counts as 1 + 8
    expect(institutionCheckDigit('000000009')).toBe(1);
    expect(institutionCheckDigit('000000000')).toBe(0);
    // from the right: 1·2 + 0 + 0·2 + 0 + 1·2 + 0 + 1·2 + 4 + 0·2 = 10 → 0
    expect(institutionCode('04', 1, 1)).toBe('0410100010');
  });

  it('names what is wrong with a malformed code', () => {
    expect(institutionCodeProblem('0410100010')).toBeNull();
    expect(institutionCodeProblem('041010001')).toMatch(/10 digits/);
    expect(institutionCodeProblem('0410100017')).toMatch(/check digit 7 should be 0/);
    expect(institutionCodeProblem('9910100016')).toMatch(/prefecture number 99/);
  });

  it('derives a code for each hospital without one: its prefecture, district 99, 9000 + its index', () => {
    const codes = deriveInstitutionCodes([
      { id: 'a', municipality: '13101' },
      { id: 'b', municipality: '04100', institutionCode: '0410100010' },
      { id: 'c', municipality: '04100' },
    ]);
    expect(codes.get('a')).toBe(institutionCode('13', 99, 9000));
    expect(codes.get('b')).toBe('0410100010');
    expect(codes.get('c')).toBe(institutionCode('04', 99, 9002));
    for (const code of codes.values()) expect(institutionCodeProblem(code)).toBeNull();
  });

  it('skips a derived number another hospital already holds', () => {
    const taken = institutionCode('04', 99, 9000);
    const codes = deriveInstitutionCodes([
      { id: 'a', municipality: '04100' },
      { id: 'b', municipality: '04100', institutionCode: taken },
    ]);
    expect(codes.get('a')).toBe(institutionCode('04', 99, 9001));
    expect(new Set(codes.values()).size).toBe(2);
  });
});
