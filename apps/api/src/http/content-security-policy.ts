// The content security policy of every answer (helmet), stated in full rather than inherited
// from helmet's defaults, so what the dashboard may do is written down in one place:
// - scripts only from our own origin (Vite emits module files; no inline script, no eval);
// - styles from our origin plus inline styles (Swagger UI at /api/docs uses them; the
//   dashboard styles through CSSOM, which no policy blocks);
// - images from our origin, data: and blob: URLs — exports render a chart's SVG from a blob:
//   URL into a canvas to make its PNG, and downloads are blob: object URLs;
// - connections to our origin only, including the socket.io WebSocket: 'self' covers ws:/wss:
//   of the same host in CSP Level 3 browsers, and the request's own host is named explicitly
//   for the others;
// - no plugins, no framing by other sites, forms and <base> only to our origin.
// `upgrade-insecure-requests` (a helmet default) is left out on purpose: the api is often
// reached over plain HTTP on a hospital LAN, where upgrading would break every asset.
import type { IncomingMessage } from 'node:http';
import type { HelmetOptions } from 'helmet';

/** host[:port] as sent by the browser, or null when it is not a plain host (never echoed then). */
export function sameHost(req: Pick<IncomingMessage, 'headers'>): string | null {
  const host = req.headers.host;
  return host && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? host : null;
}

/** connect-src: our origin and its WebSocket URLs (socket.io). */
function connectSources(req: IncomingMessage): string {
  const host = sameHost(req);
  return host ? `'self' ws://${host} wss://${host}` : "'self'";
}

export const CONTENT_SECURITY_POLICY: NonNullable<Exclude<HelmetOptions['contentSecurityPolicy'], boolean>> =
  {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': [connectSources],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  };

export const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: CONTENT_SECURITY_POLICY };
