// 医療機関コード (JP Core's identifier of a medical institution in bed reports): 10 digits,
// 都道府県番号 2 + 点数表番号 1 (1 = 医科) + 郡市区番号 2 + 医療機関番号 4 + 検証番号 1. The 検証番号
// is computed over the nine digits before it — the prefecture and 点数表番号 with the 7-digit
// code's own six — modulus 10 with weights 2·1 from the rightmost digit (digit sums of the
// products, as Luhn): "末尾の検証番号は2桁の都道府県番号および1桁の点数表番号（または算定表番号）と
// 合わせて算出する" (Wikipedia 「処方箋発行医療機関コード」, after 厚生労働省 保医発0907第5号, 2010;
// its example 0110113719 checks). An earlier rule over the six digits alone refused real codes.
// Miyagi's hospitals carry synthetic codes (scripts/data/miyagi/hospitals.ts); a region without
// them gets derived ones (deriveInstitutionCodes).

export const INSTITUTION_CODE_PATTERN = /^\d{10}$/;

/** 検証番号 of the nine digits 都道府県番号 + 点数表番号 + 郡市区番号 + 医療機関番号. */
export function institutionCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error(`expected 9 digits, got "${nineDigits}"`);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const digit = Number(nineDigits[8 - i]);
    const product = i % 2 === 0 ? digit * 2 : digit;
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** Builds a code: prefecture (2 digits), 郡市区番号 (0–99), 医療機関番号 (0–9999); 医科 (1). */
export function institutionCode(prefecture: string, district: number, serial: number): string {
  const body = `${prefecture}1${String(district).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
  return `${body}${institutionCheckDigit(body)}`;
}

/** Why `code` is not a well-formed 医療機関コード, or null when it is. */
export function institutionCodeProblem(code: string): string | null {
  if (!INSTITUTION_CODE_PATTERN.test(code)) return 'a 医療機関コード is 10 digits';
  const prefecture = Number(code.slice(0, 2));
  if (prefecture < 1 || prefecture > 47) return `prefecture number ${code.slice(0, 2)} is not 01–47`;
  const check = institutionCheckDigit(code.slice(0, 9));
  if (Number(code[9]) !== check) return `check digit ${code[9]} should be ${check} (検証番号)`;
  return null;
}

interface CodedHospital {
  id: string;
  municipality: string;
  institutionCode?: string;
}

/**
 * Every hospital's 医療機関コード, by hospital id: its own `institutionCode` when the region gives
 * one, else a derived one — the prefecture from its municipality code, 郡市区番号 99 (no real
 * district uses it, so a derived code never looks like a real one) and 医療機関番号 = 9000 + its
 * index in the region's list (the next free number when taken). Deterministic: the same region
 * gives the same codes.
 */
export function deriveInstitutionCodes(hospitals: readonly CodedHospital[]): Map<string, string> {
  const codes = new Map<string, string>();
  const taken = new Set(hospitals.flatMap((h) => (h.institutionCode ? [h.institutionCode] : [])));
  hospitals.forEach((hospital, index) => {
    if (hospital.institutionCode) return void codes.set(hospital.id, hospital.institutionCode);
    const prefecture = /^\d{2}/.exec(hospital.municipality)?.[0] ?? '00';
    let serial = 9000 + index;
    let code = institutionCode(prefecture, 99, serial % 10000);
    while (taken.has(code)) code = institutionCode(prefecture, 99, ++serial % 10000);
    taken.add(code);
    codes.set(hospital.id, code);
  });
  return codes;
}
