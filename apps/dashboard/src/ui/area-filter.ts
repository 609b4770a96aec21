// The area filter (issue 16): all areas or one 二次医療圏, the same in results, compare, live and
// the report link. It lives in the URL (`#/results/<id>?area=sennan`, so a link shares it) and is
// remembered for the tab (sessionStorage), so a view reached by a link without it — the header's
// nav, a run list — opens on the same area.
import { areaOfHash, withAreaQuery } from '../router';
import { t } from '../i18n';
import { h } from './dom';

const STORAGE_KEY = 'caretwin.area';
let selected: string | null = null;

function store(area: string | null): void {
  try {
    if (area) globalThis.sessionStorage?.setItem(STORAGE_KEY, area);
    else globalThis.sessionStorage?.removeItem(STORAGE_KEY);
  } catch {
    // storage off (private mode): the URL still carries the area
  }
}

function stored(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The selected area id, null for all areas. */
export const selectedArea = (): string | null => selected;

/** The views whose figures the filter narrows (their links carry `?area=`). */
export const AREA_VIEWS: ReadonlySet<string> = new Set(['results', 'compare', 'live']);

/**
 * Reads the filter from the hash on every route change. A hash without it opens on the area
 * remembered for the tab; the returned hash then says so (null: keep the hash as it is).
 */
export function syncAreaWithHash(hash: string, routeName: string): string | null {
  const inHash = areaOfHash(hash);
  if (inHash) {
    selected = inHash === 'all' ? null : inHash;
    store(selected);
    return null;
  }
  selected = stored();
  return selected && AREA_VIEWS.has(routeName) ? withAreaQuery(hash, selected) : null;
}

/** Selects an area (null: all) and puts it in the URL, which redraws the view. */
export function selectArea(area: string | null): void {
  selected = area;
  store(area);
  location.hash = withAreaQuery(location.hash, area ?? 'all');
}

/** The select of areas (all areas first), named in the page's language. */
export function areaSelect(areas: readonly string[], name: (id: string) => string): HTMLElement {
  const current = selected && areas.includes(selected) ? selected : '';
  const select = h(
    'select',
    {
      'data-field': 'area-filter',
      'aria-label': t('area.filter'),
      onchange: (event: Event) => selectArea((event.target as HTMLSelectElement).value || null),
    },
    h('option', { value: '', selected: current === '' }, t('area.all')),
    areas.map((id) => h('option', { value: id, selected: id === current }, name(id))),
  );
  return h('label', { class: 'area-filter' }, h('span', null, t('area.filter')), select);
}

/** The selected area if the region has it (a filter from another region reads as all areas). */
export function areaIn(areas: readonly string[]): string | null {
  return selected && areas.includes(selected) ? selected : null;
}

/** The api's standalone report of run b (against baseline a), opening on the selected area. */
export function reportHref(runId: string, baseline?: string, area: string | null = selected): string {
  const query = new URLSearchParams();
  if (baseline) query.set('baseline', baseline);
  if (area) query.set('area', area);
  const q = query.toString();
  return `/api/runs/${encodeURIComponent(runId)}/report${q ? `?${q}` : ''}`;
}
