// The participant's side of the tab (issue 19): a participant token (`ctp_…`, from joining) is
// held as the tab's token (api/session.ts, sessionStorage), so a reload keeps it; the workshop it
// belongs to is remembered beside it, so the page knows it is a participant's tab even after the
// api refused the token (the workshop closed) and never asks such a tab for an access token.
import { PRINT_LINK_PREFIX } from '@caretwin/contracts';
import { heldToken, holdToken } from '../api/session';

export const PARTICIPANT_TOKEN_PREFIX = 'ctp_';
const KEY = 'caretwin.workshopParticipant';

export const isParticipantToken = (token: string | null | undefined): boolean =>
  typeof token === 'string' &&
  (token.startsWith(PARTICIPANT_TOKEN_PREFIX) || token.startsWith(PRINT_LINK_PREFIX));

/** Whether the tab holds a participant token now. */
export const participantTab = (): boolean => isParticipantToken(heldToken());

/** The workshop this tab joined (kept after the token is refused); null for a planner's tab. */
export function joinedWorkshop(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(KEY) || null;
  } catch {
    return null;
  }
}

export function rememberJoined(workshopId: string): void {
  try {
    globalThis.sessionStorage?.setItem(KEY, workshopId);
  } catch {
    // storage off: the token lasts until the page reloads anyway
  }
}

/**
 * A print link (`#/workshops/<id>/handout?lang=ja&key=ctv_…`, made by POST
 * /api/workshops/:id/print-link for `chromium --headless --print-to-pdf`, whose fresh profile holds
 * no token): its key is held as the tab's token and the workshop remembered. Answers the address
 * without the key (for history.replaceState), or null when the address carries none.
 */
export function takePrintKey(hash: string): string | null {
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const key = params.get('key');
  const id = /^#\/workshops\/([^/?]+)\/handout$/.exec(path)?.[1];
  if (!key?.startsWith(PRINT_LINK_PREFIX) || !id) return null;
  holdToken(key);
  rememberJoined(decodeURIComponent(id));
  params.delete('key');
  const rest = params.toString();
  return `${path}${rest ? `?${rest}` : ''}`;
}
