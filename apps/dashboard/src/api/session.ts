// Access from the browser (issue 17): the api's mode and the caller's role (GET /api/session),
// the token held for this tab (sessionStorage, never localStorage: it leaves with the tab), sent
// on every same-origin /api fetch and on the socket's handshake. A 401 drops the token and asks
// for another. The role is set on <html data-role>, and access.css hides what it may not do.
import { socketAuth as handshakeAuth } from '@caretwin/contracts';
import '../ui/access.css';

export type Role = 'viewer' | 'planner' | 'admin' | 'reporter';

export interface SessionView {
  authMode: 'open' | 'tokens';
  role: Role | null;
  name: string | null;
}

const KEY = 'caretwin.token';

export function heldToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(KEY) || null;
  } catch {
    return null;
  }
}

export function holdToken(token: string): void {
  try {
    globalThis.sessionStorage?.setItem(KEY, token.trim());
  } catch {
    // storage off: the token lasts until the page reloads
  }
}

export function dropToken(): void {
  try {
    globalThis.sessionStorage?.removeItem(KEY);
  } catch {
    // nothing held
  }
}

/** The handshake's auth for socket.io (a function, so a reconnect sends the token held then). */
export const socketAuth = (send: (auth: { token?: string }) => void): void =>
  send(handshakeAuth(heldToken()));

const isApi = (url: URL): boolean => url.origin === location.origin && url.pathname.startsWith('/api/');

/**
 * Wraps window.fetch once: same-origin /api requests carry `Authorization: Bearer <token>` when
 * a token is held; a 401 from one (but /api/session, which the caller reads itself) drops the
 * token and calls `onRejected` (with 'required' when none was held).
 */
export function installAuthFetch(onRejected: (reason: 'required' | 'rejected') => void): void {
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (!isApi(url)) return original(input, init);
    const token = heldToken();
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    const response = await original(input, { ...init, headers });
    if (response.status === 401 && url.pathname !== '/api/session') {
      dropToken();
      onRejected(token ? 'rejected' : 'required');
    }
    return response;
  };
}

let current: SessionView = { authMode: 'open', role: 'admin', name: 'open' };
const listeners = new Set<(session: SessionView) => void>();

export const session = (): SessionView => current;

export function onSession(listener: (session: SessionView) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the api who we are; answers whether a token is needed (none held, or the one held refused). */
export async function loadSession(): Promise<'ok' | 'required' | 'rejected'> {
  const response = await fetch('/api/session', { headers: { accept: 'application/json' } });
  if (response.status === 401) {
    dropToken();
    return 'rejected';
  }
  if (!response.ok) return 'ok'; // an older api without sessions: open, as before
  current = (await response.json()) as SessionView;
  document.documentElement.dataset.role = current.role ?? 'none';
  document.documentElement.dataset.authMode = current.authMode;
  for (const listener of listeners) listener(current);
  return current.authMode === 'tokens' && current.role === null ? 'required' : 'ok';
}
