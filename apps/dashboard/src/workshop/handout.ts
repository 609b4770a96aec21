// The workshop handout (配布資料, issue 19): one print-ready A4 page per workshop, in Japanese or
// English (`#/workshops/<id>/handout?lang=ja|en`), for `chromium --headless --print-to-pdf` or
// the browser's print: the question, the levers and their bounds, every variant (title,
// rationale, its levers in words), the board (paired differences with CIs, significant ones
// marked, the sentence per variant), the vote, a difference chart per variant and the
// input-data caveats. Drawn once from GET /api/workshops/:id (the snapshot holds the board);
// the root says `data-ready="true"` when drawn, so a headless printer knows it may print.
import type {
  Board,
  BoardRow,
  KpiDifference,
  LeverBound,
  Proposal,
  Variant,
  WorkshopSnapshot,
} from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import { ApiError } from '../api/rest';
import { heldToken } from '../api/session';
import type { InputLabel, ResultDocument } from '../api/types';
import { INPUTS, INPUT_KIND_NAMES } from '../assumptions/content';
import { differenceChart, formatDifference, shapeDifferences } from '../charts/difference-chart';
import { formatNumber, formatPercent } from '../charts/format';
import { formatKpi } from '../charts/kpi-cards';
import type { KpiDefinition } from '../charts/kpi-catalogue';
import { kpiUnit } from '../charts/kpi-labels';
import { FUNCTION_NAMES, intlLocale, type Lang, type Localized } from '../charts/labels';
import { describePolicy, type Namers } from '../levers/describe';
import { lang as pageLang } from '../i18n';
import { h, replace } from '../ui/dom';
import type { Cleanup, ViewContext } from '../views/context';
import { HANDOUT_WORDS, hw, INPUT_NAMES } from './handout-text';
import './handout.css';

/** Area and hospital names in both languages (from the baseline's region); ids when unknown. */
export interface RegionNames {
  area(id: string): Localized | undefined;
  hospital(id: string): Localized | undefined;
}

export const NO_REGION_NAMES: RegionNames = { area: () => undefined, hospital: () => undefined };

export function regionNames(region: {
  areas: ReadonlyArray<{ id: string; name: Localized }>;
  hospitals: ReadonlyArray<{ id: string; name: Localized }>;
}): RegionNames {
  const areas = new Map(region.areas.map((a) => [a.id, a.name]));
  const hospitals = new Map(region.hospitals.map((x) => [x.id, x.name]));
  return { area: (id) => areas.get(id), hospital: (id) => hospitals.get(id) };
}

export function namersIn(names: RegionNames, lang: Lang): Namers {
  return {
    area: (id) => names.area(id)?.[lang] ?? id,
    hospital: (id) => names.hospital(id)?.[lang] ?? id,
  };
}

const list = (items: readonly string[], lang: Lang): string => items.join(lang === 'ja' ? '、' : ', ');

/** One lever bound in words: "仙台: 病床の機能転換 最大 300床(急性期 → 回復期)". */
export function describeLever(bound: LeverBound, names: Namers, lang: Lang): string {
  const ja = lang === 'ja';
  const fns = (fs: readonly string[] | undefined): string =>
    fs?.length
      ? list(
          // mid-sentence in English: lower case, as the KPI labels do
          fs.map((f) => {
            const name = FUNCTION_NAMES[f as keyof typeof FUNCTION_NAMES]?.[lang] ?? f;
            return ja ? name : name.toLowerCase();
          }),
          lang,
        )
      : ja
        ? 'どの機能も'
        : 'any function';
  switch (bound.kind) {
    case 'convertBeds':
      return ja
        ? `${names.area(bound.area)}: 病床の機能転換 最大 ${formatNumber(bound.maxBeds, lang)}床(${fns(bound.from)} → ${fns(bound.to)})`
        : `${names.area(bound.area)}: convert up to ${formatNumber(bound.maxBeds, lang)} beds (${fns(bound.from)} → ${fns(bound.to)})`;
    case 'ambulances': {
      const where = bound.area ? names.area(bound.area) : ja ? '各医療圏' : 'any area';
      return ja
        ? `${where}: 救急車の台数 基準から ±${formatNumber(bound.maxChange, lang)}台まで`
        : `${where}: ambulances within ±${formatNumber(bound.maxChange, lang)} of the baseline`;
    }
    case 'closeHospital':
      return ja
        ? `閉鎖できる病院: ${list(bound.hospitals.map(names.hospital), lang)}`
        : `hospitals that may close: ${list(bound.hospitals.map(names.hospital), lang)}`;
    case 'lengthOfStay':
      return ja
        ? `在院日数の倍率 ×${formatNumber(bound.min, lang, 2)}〜×${formatNumber(bound.max, lang, 2)}`
        : `length-of-stay multiplier ×${formatNumber(bound.min, lang, 2)} to ×${formatNumber(bound.max, lang, 2)}`;
    case 'eligibility':
      return ja
        ? `オンライン資格確認のエラー率 最大 ${formatPercent(bound.maxFailureRate, lang, 1)}`
        : `online eligibility check failure rate up to ${formatPercent(bound.maxFailureRate, lang, 1)}`;
  }
}

/** A variant as the handout lists it: its proposal's words, who proposed it, its run. */
export interface HandoutVariant {
  id: string;
  title: string;
  rationale: string;
  author: string;
  /** duplicates merged into its proposal */
  merged: number;
  policies: Array<Record<string, unknown>>;
  state: Variant['state'];
  percent: number;
  row: BoardRow | null;
}

/** The variants in board order (then any the board does not list yet), joined with their proposals. */
export function handoutVariants(
  snapshot: Pick<WorkshopSnapshot, 'variants' | 'proposals' | 'board'>,
): HandoutVariant[] {
  const proposals = new Map(snapshot.proposals.map((p) => [p.id, p]));
  const rows = new Map(snapshot.board.rows.map((r) => [r.variantId, r]));
  const order = new Map(snapshot.board.rows.map((r, i) => [r.variantId, i]));
  return [...snapshot.variants]
    .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity))
    .map((v) => {
      const p: Proposal | undefined = proposals.get(v.proposalId);
      return {
        id: v.id,
        title: v.title,
        rationale: p?.rationale ?? '',
        author: p?.author.name ?? '',
        merged: p?.mergedFrom.length ?? 0,
        policies: p?.policies ?? [],
        state: rows.get(v.id)?.state ?? v.state,
        percent: v.percent,
        row: rows.get(v.id) ?? null,
      };
    });
}

/** One board cell: the difference in the KPI's unit with its relative change, the CI, significance. */
export interface BoardCell {
  difference: string;
  ci: string;
  significant: boolean;
}

export function boardCell(key: string, d: KpiDifference, significant: boolean, lang: Lang): BoardCell {
  const unit = kpiUnit(key);
  const base = Math.abs(d.a);
  // relative to the baseline like the sentences ("38%減"); shares are already in points
  const relative =
    base > 0 && unit !== 'percent'
      ? ` (${formatDifference(d.difference / base, 'percent', lang, false)}%)`
      : '';
  return {
    difference: `${formatDifference(d.difference, unit, lang)}${relative}`,
    ci: `${lang === 'ja' ? '95%CI' : '95% CI'} ${formatDifference(d.lo, unit, lang, false)} … ${formatDifference(d.hi, unit, lang, false)}`,
    significant,
  };
}

/** The vote rows, most points first, with a shared rank for ties (1, 2, 2, 4). */
export function voteStanding(
  vote: Board['vote'],
  titles: ReadonlyMap<string, string>,
): Array<{ rank: number; variantId: string; title: string; points: number; firstPlaces: number }> {
  const rows = [...vote.rows]
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points || b.firstPlaces - a.firstPlaces);
  return rows.map((r) => ({
    rank:
      1 +
      rows.filter((o) => o.points > r.points || (o.points === r.points && o.firstPlaces > r.firstPlaces))
        .length,
    variantId: r.variantId,
    title: titles.get(r.variantId) ?? r.variantId,
    points: r.points,
    firstPlaces: r.firstPlaces,
  }));
}

/**
 * The caveats, in order: synthetic patients, model estimates, the region's synthetic and
 * estimated inputs with their counts (when known) and what each is, the CIs' meaning.
 */
export function caveatLines(inputs: readonly InputLabel[] | null, lang: Lang): string[] {
  const lines = [hw('caveatPatients', lang), hw('caveatModel', lang)];
  if (inputs) lines.push(inputsLineOf(inputs, lang));
  for (const item of INPUTS) {
    const kinds = item.kinds.filter((k) => k === 'synthetic' || k === 'estimated');
    if (!kinds.length) continue;
    const named = list(
      kinds.map((k) => INPUT_KIND_NAMES[k][lang]),
      lang,
    );
    lines.push(
      lang === 'ja'
        ? `${item.name.ja}(${named}): ${item.detail.ja}`
        : `${item.name.en} (${named}): ${item.detail.en}`,
    );
  }
  lines.push(hw('caveatCi', lang), hw('caveatMore', lang));
  return lines;
}

/** "合成データ: 病院 84/84 / 推定値: 救急隊 39/39, …" in `lang` (the dashboard's inputs line). */
export function inputsLineOf(inputs: readonly InputLabel[], lang: Lang): string {
  const part = (kind: 'synthetic' | 'estimated'): string => {
    const items = inputs
      .filter((l) => l[kind] > 0)
      .map((l) => `${INPUT_NAMES[l.input]?.[lang] ?? l.input} ${l[kind]}/${l.items}`);
    return items.length ? list(items, lang) : hw('none', lang);
  };
  return hw('caveatInputs', lang, { synthetic: part('synthetic'), estimated: part('estimated') });
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  items.length
    ? Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
    : [];

const dateTime = (iso: string, lang: Lang): string =>
  new Date(iso).toLocaleString(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' });

/** What the handout is drawn from. */
export interface HandoutData {
  snapshot: WorkshopSnapshot;
  names: RegionNames;
  /** the baseline region's input labels (synthetic / estimated counts); null when unknown */
  inputs: InputLabel[] | null;
  /** the baseline scenario's name; null when unknown (its id is shown) */
  scenarioName: Localized | null;
  /** when the handout was made (ISO) */
  printedAt: string;
}

/** Board KPI columns as the difference chart's definitions (unit from the label table). */
const definitionsOf = (board: Board): KpiDefinition[] =>
  board.kpis.map((k) => ({ key: k.key, unit: kpiUnit(k.key), label: k.label }));

function boardTables(board: Board, variants: readonly HandoutVariant[], lang: Lang): HTMLElement[] {
  // four variants a table keeps the columns readable on A4 portrait
  return chunks(variants, 4).map((group) =>
    h(
      'table',
      { class: 'handout-board', 'data-testid': 'handout-board' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, hw('kpi', lang)),
          h('th', { scope: 'col', class: 'num' }, hw('baselineValue', lang)),
          group.map((v) => h('th', { scope: 'col', class: 'num', 'data-variant-id': v.id }, v.title)),
        ),
      ),
      h(
        'tbody',
        null,
        board.kpis.map((k) => {
          const a = variants.find((v) => v.row?.comparison?.kpis[k.key])?.row?.comparison?.kpis[k.key];
          return h(
            'tr',
            { 'data-kpi': k.key },
            h('th', { scope: 'row' }, k.label[lang]),
            h('td', { class: 'num' }, a ? formatKpi(a.a, kpiUnit(k.key), lang) : '–'),
            group.map((v) => {
              const d = v.row?.comparison?.kpis[k.key];
              if (!d)
                return h(
                  'td',
                  { class: 'num muted', 'data-variant-id': v.id },
                  v.state === 'completed' ? '–' : stateWord(v, lang),
                );
              const cell = boardCell(k.key, d, v.row?.significant.includes(k.key) ?? false, lang);
              return h(
                'td',
                {
                  class: cell.significant ? 'num significant' : 'num',
                  'data-variant-id': v.id,
                  'data-significant': String(cell.significant),
                },
                h(
                  'span',
                  { class: 'difference' },
                  cell.significant
                    ? h('span', { class: 'mark', 'aria-label': hw('significant', lang) }, '★ ')
                    : null,
                  cell.difference,
                ),
                h('span', { class: 'ci' }, cell.ci),
              );
            }),
          );
        }),
      ),
    ),
  );
}

function stateWord(v: HandoutVariant, lang: Lang): string {
  if (v.state === 'running' || v.state === 'queued')
    return hw('notComplete', lang, { percent: formatNumber(v.percent, lang) });
  return HANDOUT_WORDS.runState[lang][v.state];
}

function voteSection(board: Board, variants: readonly HandoutVariant[], lang: Lang): HTMLElement {
  const titles = new Map(variants.map((v) => [v.id, v.title]));
  const standing = voteStanding(board.vote, titles);
  const top = Math.max(1, ...standing.map((r) => r.points));
  return h(
    'section',
    { class: 'handout-section handout-vote', 'data-section': 'vote' },
    h('h2', null, hw('vote', lang)),
    h('p', { class: 'note' }, hw('voteNote', lang, { voters: board.vote.voters })),
    standing.length
      ? h(
          'table',
          { class: 'handout-vote-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [hw('rank', lang), hw('variant', lang), hw('points', lang), hw('firstPlaces', lang)].map((x) =>
                h('th', { scope: 'col' }, x),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            standing.map((r) => {
              const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
              // CSSOM, not a style attribute: allowed under the api's CSP
              bar.style.width = `${(100 * r.points) / top}%`;
              return h(
                'tr',
                { 'data-variant-id': r.variantId, 'data-points': r.points },
                h('td', { class: 'num' }, String(r.rank)),
                h('th', { scope: 'row' }, r.title),
                h('td', { class: 'num points' }, h('span', { class: 'bar-track' }, bar), String(r.points)),
                h('td', { class: 'num' }, String(r.firstPlaces)),
              );
            }),
          ),
        )
      : h('p', { class: 'muted' }, hw('noVotes', lang)),
  );
}

/** Draws the whole handout into `root` in `lang`. */
export function renderHandout(root: HTMLElement, data: HandoutData, lang: Lang): void {
  const { snapshot, names } = data;
  const { workshop, board } = snapshot;
  const namers = namersIn(names, lang);
  const variants = handoutVariants(snapshot);
  const variantIds = new Set(variants.map((v) => v.id));
  const others = snapshot.proposals.filter(
    (p) => p.state !== 'accepted' || !p.variantId || !variantIds.has(p.variantId),
  );
  const inputsNote = data.inputs === null ? undefined : inputsLineOf(data.inputs, lang);
  const definitions = definitionsOf(board);
  const completed = variants.filter((v) => v.row?.comparison);
  const policyText = (policy: Record<string, unknown>): string => {
    try {
      return describePolicy(policy as unknown as Policy, namers, lang);
    } catch {
      // a policy kind this dashboard does not know (a newer api): its JSON, not nothing
      return JSON.stringify(policy);
    }
  };

  replace(
    root,
    h(
      'header',
      { class: 'handout-head' },
      h('span', { class: 'brand' }, `CareTwin · ${hw('kind', lang)}`),
      h('span', null, hw('printed', lang, { at: dateTime(data.printedAt, lang) })),
    ),
    h('h1', { 'data-field': 'title' }, workshop.title),
    h(
      'p',
      { class: 'handout-question', 'data-field': 'question' },
      h('strong', null, `${hw('question', lang)}: `),
      workshop.question,
    ),
    h(
      'dl',
      { class: 'handout-meta' },
      h('dt', null, hw('baseline', lang)),
      h(
        'dd',
        null,
        `${data.scenarioName?.[lang] ?? workshop.baseline.scenarioId} — ${hw('settings', lang, {
          replications: formatNumber(workshop.replications, lang),
          horizon: formatNumber(workshop.horizonDays, lang),
          seed: workshop.seed,
        })}`,
      ),
      h('dt', null, hw('state', lang)),
      h(
        'dd',
        null,
        `${workshop.state === 'closed' && workshop.closedAt ? hw('closed', lang, { at: dateTime(workshop.closedAt, lang) }) : hw('open', lang)} · ${hw('participants', lang, { n: snapshot.participants.length })}`,
      ),
    ),
    h(
      'p',
      { class: 'handout-caveat-banner', role: 'note' },
      hw('caveatPatients', lang),
      ' ',
      hw('caveatModel', lang),
    ),
    h(
      'section',
      { class: 'handout-section', 'data-section': 'levers' },
      h('h2', null, hw('levers', lang)),
      h(
        'ul',
        null,
        workshop.levers.map((l) => h('li', null, describeLever(l, namers, lang))),
      ),
    ),
    h(
      'section',
      { class: 'handout-section', 'data-section': 'variants' },
      h('h2', null, hw('variants', lang)),
      variants.length
        ? h(
            'div',
            { class: 'handout-variants' },
            variants.map((v) =>
              h(
                'article',
                { class: 'handout-variant', 'data-variant-id': v.id, 'data-state': v.state },
                h(
                  'h3',
                  null,
                  v.title,
                  v.state === 'completed' ? null : h('span', { class: 'state' }, ` (${stateWord(v, lang)})`),
                ),
                v.rationale
                  ? h(
                      'p',
                      { class: 'rationale' },
                      h('strong', null, `${hw('rationale', lang)}: `),
                      v.rationale,
                    )
                  : null,
                h('p', { class: 'muted small' }, [
                  v.author ? hw('proposedBy', lang, { name: v.author }) : '',
                  v.merged ? ` · ${hw('mergedFrom', lang, { n: v.merged })}` : '',
                ]),
                h(
                  'ul',
                  { class: 'levers', 'aria-label': hw('leverWords', lang) },
                  v.policies.map((p) => h('li', null, policyText(p))),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, hw('noVariants', lang)),
      others.length
        ? [
            h('h3', null, hw('otherProposals', lang)),
            h(
              'ul',
              { class: 'other-proposals' },
              others.map((p) =>
                h(
                  'li',
                  { 'data-proposal-id': p.id, 'data-state': p.state },
                  `${p.title} — ${p.rationale} (${p.author.name}; ${proposalStateWord(p.state, lang)})`,
                ),
              ),
            ),
          ]
        : null,
    ),
    h(
      'section',
      { class: 'handout-section', 'data-section': 'board' },
      h('h2', null, hw('board', lang)),
      h('p', { class: 'note' }, hw('boardNote', lang)),
      variants.length
        ? boardTables(board, variants, lang)
        : h('p', { class: 'muted' }, hw('noVariants', lang)),
      completed.length
        ? [
            h('h3', null, hw('sentences', lang)),
            h(
              'ul',
              { class: 'sentences' },
              completed.map((v) =>
                h(
                  'li',
                  { 'data-variant-id': v.id },
                  h('strong', null, `${v.title}: `),
                  h('span', { 'data-testid': 'handout-sentence' }, v.row?.sentence?.[lang] ?? ''),
                ),
              ),
            ),
          ]
        : null,
    ),
    voteSection(board, variants, lang),
    completed.length
      ? h(
          'section',
          { class: 'handout-section handout-charts', 'data-section': 'charts' },
          h('h2', null, hw('charts', lang)),
          completed.map((v) => {
            const comparison = v.row!.comparison!;
            return h(
              'figure',
              { class: 'handout-chart', 'data-variant-id': v.id },
              h('figcaption', null, v.title),
              differenceChart(shapeDifferences(comparison.kpis, definitions, lang), {
                lang,
                title: v.title,
                methodLabel: comparison.paired ? hw('paired', lang) : hw('unpaired', lang),
                footnote: inputsNote,
              }),
            );
          }),
        )
      : null,
    h(
      'section',
      { class: 'handout-section handout-caveats', 'data-section': 'caveats' },
      h('h2', null, hw('caveats', lang)),
      h(
        'ul',
        null,
        caveatLines(data.inputs, lang).map((line) => h('li', null, line)),
      ),
    ),
    h(
      'footer',
      { class: 'handout-footer muted small', translate: 'no' },
      hw('footer', lang, { id: workshop.id, run: workshop.baseline.runId }),
    ),
  );
}

const PROPOSAL_STATE_WORDS: Record<Proposal['state'], Localized> = {
  proposed: { ja: '未採用', en: 'not taken up' },
  merged: { ja: '統合済み', en: 'merged' },
  accepted: { ja: '採用', en: 'accepted' },
  declined: { ja: '見送り', en: 'declined' },
};
const proposalStateWord = (state: Proposal['state'], lang: Lang): string => PROPOSAL_STATE_WORDS[state][lang];

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message;
    throw new ApiError(
      response.status,
      null,
      typeof message === 'string' ? message : `GET ${path}: HTTP ${response.status}`,
    );
  }
  return body as T;
}

/**
 * The baseline's names, inputs and scenario name. Readers take the small region document (via
 * the scenario); a participant token may read only its workshop's routes, so it (or a reader
 * whose scenario was since deleted) takes the baseline's result document through the workshop.
 */
async function loadRegion(
  snapshot: WorkshopSnapshot,
  context: ViewContext,
): Promise<Pick<HandoutData, 'names' | 'inputs' | 'scenarioName'>> {
  const { workshop } = snapshot;
  const participant = heldToken()?.startsWith('ctp_') ?? false;
  if (!participant) {
    try {
      const view = await context.rest.scenario(workshop.baseline.scenarioId);
      if (view.scenario) {
        const region = await context.rest.region(view.scenario.region);
        return { names: regionNames(region), inputs: region.inputs, scenarioName: view.scenario.name };
      }
    } catch {
      // fall through to the workshop's own route
    }
  }
  try {
    const id = encodeURIComponent;
    const doc = await getJson<ResultDocument>(
      `/api/workshops/${id(workshop.id)}/runs/${id(workshop.baseline.runId)}/result`,
    );
    return {
      names: regionNames(doc.provenance.region),
      inputs: doc.provenance.inputs,
      scenarioName: doc.provenance.scenario.name,
    };
  } catch {
    // the baseline has no result yet: ids for names, and the caveats without the counts
    return { names: NO_REGION_NAMES, inputs: null, scenarioName: null };
  }
}

export interface HandoutRoute {
  id: string;
  /** from `?lang=`; absent: the page's language */
  lang?: Lang;
}

/** The handout view: loads the snapshot and the baseline's region, draws once, says data-ready. */
export function handoutView(root: HTMLElement, route: HandoutRoute, context: ViewContext): Cleanup {
  const lang = route.lang ?? pageLang();
  let alive = true;
  const page = h('article', { class: 'handout', lang, 'data-testid': 'handout', 'data-ready': 'false' });
  page.append(h('p', { class: 'loading', role: 'status' }, hw('loading', lang)));
  root.replaceChildren(page);
  // the printed page has no dashboard header or navigation (handout.css)
  document.body.classList.add('handout-page');
  void (async () => {
    try {
      const snapshot = await getJson<WorkshopSnapshot>(`/api/workshops/${encodeURIComponent(route.id)}`);
      const region = await loadRegion(snapshot, context);
      if (!alive) return;
      renderHandout(page, { snapshot, ...region, printedAt: new Date().toISOString() }, lang);
      document.title = `${snapshot.workshop.title} — ${hw('kind', lang)}`;
      page.dataset.ready = 'true';
    } catch (error) {
      if (!alive) return;
      page.replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          hw('failed', lang, { message: error instanceof Error ? error.message : String(error) }),
        ),
      );
      page.dataset.ready = 'error';
    }
  })();
  return () => {
    alive = false;
    document.body.classList.remove('handout-page');
  };
}
