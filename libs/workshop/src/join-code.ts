// Join codes: 6 characters a participant reads off the projector and types (issue 19). The
// alphabet leaves out what is read wrongly across a room: 0/O, 1/I/L.
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/**
 * A fresh code from `randomBytes` (node:crypto's in the api, so the lib stays pure). Bytes at or
 * above the largest multiple of the alphabet's size are drawn again, so every character is
 * equally likely.
 */
export function newJoinCode(randomBytes: (n: number) => Uint8Array): string {
  const n = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const b of randomBytes(JOIN_CODE_LENGTH * 2)) {
      if (b >= limit) continue;
      code += JOIN_CODE_ALPHABET[b % n];
      if (code.length === JOIN_CODE_LENGTH) break;
    }
  }
  return code;
}

/** What a participant typed, as a code: upper case, spaces and dashes dropped ("abc-23k" → "ABC23K"). */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}
