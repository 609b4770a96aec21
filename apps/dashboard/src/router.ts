// Hash routes (the api serves one index.html; the hash keeps every view a bookmarkable link).
export type Route =
  | { name: 'home' }
  | { name: 'runs' }
  | { name: 'editor'; baseline?: string }
  | { name: 'live'; runId: string }
  | { name: 'results'; runId: string }
  /** `#/compare`, `#/compare/<b>` (pick a baseline for run b), `#/compare/<a>/<b>` */
  | { name: 'compare'; a?: string; b?: string }
  | { name: 'assumptions' }
  /** today's census, alerts and the forecast (issue 18) */
  | { name: 'now' }
  /** planning workshops (issue 19): the list and create form, joining, the room, the projector, the handout */
  | { name: 'workshops' }
  | { name: 'workshopJoin'; code: string }
  | { name: 'workshop'; id: string }
  | { name: 'workshopProjector'; id: string }
  | { name: 'workshopHandout'; id: string; lang?: 'ja' | 'en' }
  | { name: 'notFound'; path: string };

/** `?area=<id>` after a hash path: the area filter (issue 16), kept in the link so it can be shared. */
export function areaOfHash(hash: string): string | null {
  const query = hash.indexOf('?');
  if (query < 0) return null;
  return new URLSearchParams(hash.slice(query + 1)).get('area') || null;
}

/** The hash with `?area=<id>` set (or removed for null), its path unchanged. */
export function withAreaQuery(hash: string, area: string | null): string {
  const base = hash.replace(/^#/, '').split('?')[0];
  return `#${base}${area ? `?area=${encodeURIComponent(area)}` : ''}`;
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0].replace(/^\/+/, '').replace(/\/+$/, '');
  const [head, arg, ...rest] = path.split('/').map((part) => decodeURIComponent(part));
  if (head === 'compare' && rest.length <= 1) {
    if (rest[0]) return arg ? { name: 'compare', a: arg, b: rest[0] } : { name: 'notFound', path };
    return arg ? { name: 'compare', b: arg } : { name: 'compare' };
  }
  if (head === 'workshops' && arg && rest.length === 1) {
    if (rest[0] === 'projector') return { name: 'workshopProjector', id: arg };
    if (rest[0] === 'handout') {
      const lang = new URLSearchParams(hash.split('?')[1] ?? '').get('lang');
      return lang === 'ja' || lang === 'en'
        ? { name: 'workshopHandout', id: arg, lang }
        : { name: 'workshopHandout', id: arg };
    }
  }
  if (rest.length > 0) return { name: 'notFound', path };
  switch (head) {
    case '':
    case undefined:
      return { name: 'home' };
    case 'runs':
      return arg === undefined ? { name: 'runs' } : { name: 'notFound', path };
    case 'editor':
      return arg ? { name: 'editor', baseline: arg } : { name: 'editor' };
    case 'live':
      return arg ? { name: 'live', runId: arg } : { name: 'notFound', path };
    case 'results':
      return arg ? { name: 'results', runId: arg } : { name: 'notFound', path };
    case 'assumptions':
      return arg === undefined ? { name: 'assumptions' } : { name: 'notFound', path };
    case 'now':
      return arg === undefined ? { name: 'now' } : { name: 'notFound', path };
    case 'workshops':
      return arg ? { name: 'workshop', id: arg } : { name: 'workshops' };
    case 'join':
      return arg ? { name: 'workshopJoin', code: arg } : { name: 'notFound', path };
    default:
      return { name: 'notFound', path };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'runs':
      return '#/runs';
    case 'editor':
      return route.baseline ? `#/editor/${encodeURIComponent(route.baseline)}` : '#/editor';
    case 'live':
      return `#/live/${encodeURIComponent(route.runId)}`;
    case 'results':
      return `#/results/${encodeURIComponent(route.runId)}`;
    case 'compare':
      if (route.a && route.b)
        return `#/compare/${encodeURIComponent(route.a)}/${encodeURIComponent(route.b)}`;
      return route.b ? `#/compare/${encodeURIComponent(route.b)}` : '#/compare';
    case 'assumptions':
      return '#/assumptions';
    case 'now':
      return '#/now';
    case 'workshops':
      return '#/workshops';
    case 'workshopJoin':
      return `#/join/${encodeURIComponent(route.code)}`;
    case 'workshop':
      return `#/workshops/${encodeURIComponent(route.id)}`;
    case 'workshopProjector':
      return `#/workshops/${encodeURIComponent(route.id)}/projector`;
    case 'workshopHandout':
      return `#/workshops/${encodeURIComponent(route.id)}/handout${route.lang ? `?lang=${route.lang}` : ''}`;
    case 'notFound':
      return `#/${route.path}`;
  }
}
