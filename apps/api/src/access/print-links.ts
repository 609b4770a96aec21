// Print links (docs/workshops.md "Handout"): `chromium --headless --print-to-pdf <url>` starts on
// a fresh profile that holds no token, so in tokens mode the handout's URL carries a key of its
// own: `ctv_<workshopId>.<expires, Unix seconds>.<HMAC-SHA256 of both>`, signed with a key kept
// in the store (every api instance on the store checks the same). It reads that one workshop
// and nothing else, writes nothing, and expires at its time (closing the workshop does not end
// it: a closed workshop stays readable, and its handout is printed at the end).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PRINT_LINK_PREFIX } from '@caretwin/contracts';
/** The store's secret that signs print links. */
export const PRINT_LINK_SECRET = 'print-links';

const signature = (secret: string, body: string): Buffer =>
  createHmac('sha256', secret).update(body).digest();

/** A print key for `workshopId`, valid until `expiresAt` (whole seconds). */
export function printKey(secret: string, workshopId: string, expiresAt: Date): string {
  const body = `${workshopId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${PRINT_LINK_PREFIX}${body}.${signature(secret, body).toString('base64url')}`;
}

export type PrintKeyCheck = { ok: true; workshopId: string } | { ok: false; reason: 'malformed' | 'expired' };

/** Whether `key` is one this secret signed and still valid at `now`. */
export function checkPrintKey(secret: string, key: string, now: Date): PrintKeyCheck {
  if (!key.startsWith(PRINT_LINK_PREFIX)) return { ok: false, reason: 'malformed' };
  const match = /^([A-Za-z0-9_-]{1,200})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(
    key.slice(PRINT_LINK_PREFIX.length),
  );
  if (!match) return { ok: false, reason: 'malformed' };
  const [, workshopId, expires, given] = match;
  const expected = signature(secret, `${workshopId}.${expires}`);
  const sent = Buffer.from(given, 'base64url');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
    return { ok: false, reason: 'malformed' };
  if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, workshopId };
}
