// The data behind each chart as a table for CSV: built from the same shaped data the chart
// draws (so the file and the picture agree), with ids beside the names so a spreadsheet can
// join tables, and the chart's labels (synthetic / estimated inputs, what the band is). Columns
// are named in the page's language with their unit, and values are rounded as a planner reads
// them: shares as percentages with one decimal, other figures to about three significant digits.
import {
  practicallySignificant,
  practicalThreshold,
  type BedFunction,
  type Comparison,
  type Estimate,
} from '@caretwin/contracts';
import type { DistributionRow } from '../charts/distribution-chart';
import { digitsFor } from '../charts/format';
import { REGION_SCOPE, type FullDaysShape } from '../charts/full-days-chart';
import type { FlowShape } from '../charts/flow-chart';
import type { KpiCard } from '../charts/kpi-cards';
import { kpiUnit, UNIT_NAMES, type KpiUnit } from '../charts/kpi-labels';
import { FUNCTION_NAMES, type Lang, type Localized } from '../charts/labels';
import type { NeedRow } from '../charts/need-chart';
import type { OccupancyPanel } from '../charts/occupancy-chart';
import type { PrefectureMapData } from '../charts/prefecture-map';
import { lang as currentLang } from '../i18n';
import type { CsvCell, DataTable } from './csv';

/** How a column's values are written: as they are, a share as %, rounded, or a coordinate. */
type Kind = 'id' | 'text' | 'int' | 'share' | 'number' | 'coord';

interface Column {
  id: string;
  name: Localized;
  /** unit shown in brackets after the name (the value's, not the share's: that is %) */
  unit?: Localized;
  kind: Kind;
}

const col = (id: string, ja: string, en: string, kind: Kind, unit?: KpiUnit): Column => ({
  id,
  name: { ja, en },
  kind,
  ...(kind === 'share' ? { unit: { ja: '%', en: '%' } } : unit ? { unit: UNIT_NAMES[unit] } : {}),
});

/** Rounds a number as a planner reads it (a share: percent with one decimal). */
export function roundCell(value: CsvCell, kind: Kind): CsvCell {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  switch (kind) {
    case 'share':
      return Math.round(value * 1000) / 10;
    case 'number': {
      const f = 10 ** digitsFor(value);
      return Math.round(value * f) / f;
    }
    case 'coord':
      return Math.round(value * 1e5) / 1e5;
    default:
      return value;
  }
}

const headerOf = (c: Column, lang: Lang): string =>
  c.unit && c.unit[lang] ? `${c.name[lang]} (${c.unit[lang]})` : c.name[lang];

/** What every table from one page shares: its title prefix and comment lines. */
export interface TableContext {
  /** e.g. "CareTwin — miyagi-2025-baseline, seed 1, 10 replications, run 01HX…" */
  heading: string;
  /** e.g. the synthetic / estimated inputs line */
  notes: string[];
}

const est = (e: Estimate | null | undefined): CsvCell[] =>
  e ? [e.n, e.mean, e.lo, e.hi] : [null, null, null, null];
/** n, mean, 95 % CI of a measure, named after it (`name`) in both languages. */
const EST_COLUMNS = (id: string, name: Localized, kind: Kind, unit?: KpiUnit): Column[] => [
  col(`${id}N`, `${name.ja} 反復数`, `${name.en} replications`, 'int'),
  col(`${id}Mean`, `${name.ja} 平均`, `${name.en} mean`, kind, unit),
  col(`${id}Lo`, `${name.ja} 95%信頼区間 下限`, `${name.en} 95% CI low`, kind, unit),
  col(`${id}Hi`, `${name.ja} 95%信頼区間 上限`, `${name.en} 95% CI high`, kind, unit),
];
const PLAIN_EST = (kind: Kind, unit?: KpiUnit): Column[] => [
  col('n', '反復数', 'Replications', 'int'),
  col('mean', '平均', 'Mean', kind, unit),
  col('lo', '95%信頼区間 下限', '95% CI low', kind, unit),
  col('hi', '95%信頼区間 上限', '95% CI high', kind, unit),
];
const AREA = [
  col('area', '医療圏ID', 'Area id', 'id'),
  col('areaName', '二次医療圏', 'Secondary medical area', 'text'),
];
const FUNCTION = [
  col('function', '病床機能ID', 'Function id', 'id'),
  col('functionName', '病床機能', 'Bed function', 'text'),
];

/**
 * A table with its columns named in the page's language and its values rounded per column
 * (`kinds` of a row override its columns' kinds: a KPI row is rounded by its own unit).
 */
function table(
  context: TableContext,
  what: string,
  extraNotes: string[],
  columns: Column[],
  rows: CsvCell[][],
  rowKinds?: (row: CsvCell[], index: number) => Kind | undefined,
): DataTable {
  const lang = currentLang();
  return {
    title: `${context.heading} — ${what}`,
    notes: [...context.notes, ...extraNotes],
    columns: columns.map((c) => headerOf(c, lang)),
    columnIds: columns.map((c) => c.id),
    rows: rows.map((row, r) =>
      row.map((value, i) => {
        const kind = columns[i]?.kind ?? 'number';
        const override = kind === 'share' || kind === 'number' ? rowKinds?.(row, r) : undefined;
        return roundCell(value, override ?? kind);
      }),
    ),
  };
}

const say = (ja: string, en: string): string => (currentLang() === 'ja' ? ja : en);
const unitText = (unit: KpiUnit): string => (unit === 'percent' ? '%' : UNIT_NAMES[unit][currentLang()]);
const kindOf = (unit: KpiUnit): Kind => (unit === 'percent' ? 'share' : 'number');

export function kpiTable(context: TableContext, cards: readonly KpiCard[]): DataTable {
  return table(
    context,
    say('主な指標', 'KPIs'),
    [
      say(
        '反復の平均と95%信頼区間。割合は百分率(%)、その他は単位の列のとおり。',
        'Mean over replications with its 95% confidence interval; shares in percent, other figures in the unit named.',
      ),
    ],
    [
      col('kpi', '指標ID', 'KPI id', 'id'),
      col('label', '指標', 'KPI', 'text'),
      col('unit', '単位', 'Unit', 'text'),
      ...PLAIN_EST('number'),
    ],
    cards.map((c) => [c.key, c.label, unitText(c.unit), ...est(c.estimate)]),
    (_row, i) => kindOf(cards[i].unit),
  );
}

export interface OccupancyTableOptions {
  what: string;
  /** what the band is, e.g. "95 % CI over replications" or "min–max of the replications so far" */
  band: string;
  xName: string;
  rowName: string;
  rowLabel?: (row: string) => string;
  columnLabel?: (column: string) => string;
}

/** Names of the x and row columns the views use. */
const X_NAMES: Record<string, Localized> = {
  day: { ja: '日', en: 'Day' },
  dayAfterWarmup: { ja: 'ウォームアップ後の日', en: 'Day after warm-up' },
  simulatedDay: { ja: 'シミュレーション日(ウォームアップを含む)', en: 'Simulated day (warm-up included)' },
  week: { ja: '週', en: 'Week' },
};
const ROW_NAMES: Record<string, [Localized, Localized]> = {
  area: [
    { ja: '医療圏ID', en: 'Area id' },
    { ja: '二次医療圏', en: 'Secondary medical area' },
  ],
  hospital: [
    { ja: '病院ID', en: 'Hospital id' },
    { ja: '病院', en: 'Hospital' },
  ],
};

export function occupancyTable(
  context: TableContext,
  panels: readonly OccupancyPanel[],
  options: OccupancyTableOptions,
): DataTable {
  const rowLabel = options.rowLabel ?? ((r: string) => r);
  const columnLabel = options.columnLabel ?? ((c: string) => c);
  const withN = panels.some((p) => p.points.some((q) => q.n !== undefined));
  const rows: CsvCell[][] = [];
  for (const panel of panels)
    for (const point of panel.points)
      rows.push([
        panel.row,
        rowLabel(panel.row),
        panel.column,
        columnLabel(panel.column),
        point.x,
        point.mean,
        point.lo,
        point.hi,
        ...(withN ? [point.n ?? null] : []),
      ]);
  const [rowId, rowName] = ROW_NAMES[options.rowName] ?? [
    { ja: options.rowName, en: options.rowName },
    { ja: `${options.rowName}Name`, en: `${options.rowName}Name` },
  ];
  const x = X_NAMES[options.xName] ?? { ja: options.xName, en: options.xName };
  return table(
    context,
    options.what,
    [
      say(
        `稼働率 = 使用病床 ÷ 病床(%)。帯: ${options.band}`,
        `utilisation = beds in use ÷ beds (%); band: ${options.band}`,
      ),
    ],
    [
      col(options.rowName, rowId.ja, rowId.en, 'id'),
      col(`${options.rowName}Name`, rowName.ja, rowName.en, 'text'),
      ...FUNCTION,
      col(options.xName, x.ja, x.en, 'int'),
      col('utilisationMean', '稼働率 平均', 'Utilisation mean', 'share'),
      col('utilisationLo', '稼働率 帯の下端', 'Utilisation band low', 'share'),
      col('utilisationHi', '稼働率 帯の上端', 'Utilisation band high', 'share'),
      ...(withN ? [col('replications', '到達した反復数', 'Replications reaching the day', 'int')] : []),
    ],
    rows,
  );
}

export function flowTable(
  context: TableContext,
  shape: FlowShape,
  areaLabel: (area: string) => string = (a) => a,
): DataTable {
  return table(
    context,
    say(
      '医療圏間の流れ(住所地 → 入院先)と自己完結率',
      'flows between areas (home area → treating area) and self-sufficiency',
    ),
    [
      say(
        'ウォームアップ後の入院、反復あたりの平均。「…で入院」の列は住所地 × 入院先の表(自圏内は「自圏内で入院」)。自己完結率 = 自圏内で入院 ÷ 住民の入院。',
        'Admissions after warm-up, mean per replication; the "treated in" columns are the home area × treating area matrix (at home: "treated at home"); self-sufficiency = treated at home ÷ residents admitted.',
      ),
    ],
    [
      col('homeArea', '住所地の医療圏ID', 'Home area id', 'id'),
      col('homeAreaName', '住所地の二次医療圏', 'Home area', 'text'),
      col('residents', '住民の入院', 'Residents admitted', 'number', 'patients'),
      col('selfTreated', '自圏内で入院', 'Treated at home', 'number', 'patients'),
      col('outflow', '圏外へ流出', 'Outflow', 'number', 'patients'),
      col('inflow', '圏外から流入', 'Inflow', 'number', 'patients'),
      col('leftRegion', '地域外へ', 'Left the region', 'number', 'patients'),
      ...EST_COLUMNS('selfSufficiency', { ja: '自己完結率', en: 'Self-sufficiency' }, 'share'),
      ...shape.areas.map((a) =>
        col(`treatedIn:${a}`, `${areaLabel(a)}で入院`, `Treated in ${areaLabel(a)}`, 'number', 'patients'),
      ),
    ],
    shape.rows.map((r, i) => [
      r.area,
      areaLabel(r.area),
      r.residents,
      r.selfTreated,
      r.outflow,
      r.inflow,
      r.leftRegion,
      ...est(r.selfSufficiency),
      ...(shape.between[i] ?? []),
    ]),
  );
}

export function mapTable(
  context: TableContext,
  data: Pick<PrefectureMapData, 'areas' | 'municipalities' | 'hospitals'>,
): DataTable {
  const area = new Map(data.areas.map((a) => [a.id, a.name]));
  const kind = (k: 'municipality' | 'hospital'): string =>
    k === 'municipality' ? say('市町村', 'municipality') : say('病院', 'hospital');
  return table(
    context,
    say(
      '地域の地図: 市町村(境界)と病院(円)',
      'region map: municipalities (boundaries) and hospitals (circles)',
    ),
    [
      say(
        '稼働率: 期間平均の使用病床 ÷ 病床(実行前は空欄)。病床: 全機能、施策の適用後。',
        'Utilisation: mean beds in use ÷ beds over the horizon (empty before a run); beds: all functions, after the levers.',
      ),
    ],
    [
      col('kind', '種別', 'Kind', 'text'),
      col('id', 'ID', 'Id', 'id'),
      col('name', '名前', 'Name', 'text'),
      ...AREA,
      col('lat', '緯度', 'Latitude', 'coord'),
      col('lng', '経度', 'Longitude', 'coord'),
      col('beds', '病床数', 'Beds', 'int', 'beds'),
      col('utilisation', '稼働率', 'Utilisation', 'share'),
      col('synthetic', '合成データ', 'Synthetic', 'text'),
    ],
    [
      ...data.municipalities.map((m) => [
        kind('municipality'),
        m.id,
        m.name,
        m.area,
        area.get(m.area) ?? m.area,
        m.lat,
        m.lng,
        null,
        null,
        null,
      ]),
      ...data.hospitals.map((x) => [
        kind('hospital'),
        x.id,
        x.name,
        x.area,
        area.get(x.area) ?? x.area,
        x.lat,
        x.lng,
        x.beds,
        x.utilisation,
        x.synthetic,
      ]),
    ],
  );
}

export function needTable(
  context: TableContext,
  rows: readonly NeedRow[],
  basis: string,
  areaLabel: (area: string) => string = (a) => a,
): DataTable {
  return table(
    context,
    say(`必要病床数とシミュレーションの患者数(${basis})`, `static bed need and simulated census (${basis})`),
    [
      say(
        '必要病床数 = 静的推計の患者数 ÷ 国の目標稼働率(地域医療構想)。過不足 = 病床 − 必要病床数(負: 不足、正: 過剰)。シミュレーション: 使用病床の平均と95%信頼区間。',
        'need = static expected census ÷ MHLW target occupancy (地域医療構想); gap = beds − need (negative: short 不足, positive: over 過剰); simulated: mean beds in use with its 95% CI.',
      ),
    ],
    [
      ...AREA,
      ...FUNCTION,
      col('beds', '稼働病床数', 'Beds open', 'int', 'beds'),
      col('need', '必要病床数', 'Static need', 'number', 'beds'),
      col('gap', '過不足', 'Short / over', 'number', 'beds'),
      col('staticCensus', '患者数(静的推計)', 'Census (static)', 'number', 'patients'),
      ...EST_COLUMNS(
        'simulated',
        { ja: '患者数(シミュレーション)', en: 'Census (simulated)' },
        'number',
        'patients',
      ),
    ],
    rows.map((r) => [
      r.area,
      areaLabel(r.area),
      r.function,
      functionName(r.function),
      r.beds,
      r.need,
      r.gap,
      r.staticCensus,
      ...est(r.simulated),
    ]),
  );
}

const functionName = (fn: string): string => FUNCTION_NAMES[fn as BedFunction]?.[currentLang()] ?? fn;

export function fullDaysTable(
  context: TableContext,
  shape: FullDaysShape,
  areaLabel: (area: string) => string = (a) => a,
): DataTable {
  const rows: CsvCell[][] = [];
  for (const row of shape.rows)
    for (const cell of row.cells)
      rows.push([
        row.scope,
        row.scope === REGION_SCOPE ? say('地域全体', 'whole region') : areaLabel(row.scope),
        cell.function,
        functionName(cell.function),
        ...est(cell.days),
        cell.share,
      ]);
  return table(
    context,
    say('95%超の満床日数(二次医療圏 × 病床機能)', 'days over 95 % full by area and function'),
    [
      say(
        `平均稼働率が95%を超えた日数(daysOver95)、反復の平均と95%信頼区間。割合 = 日数 ÷ 期間 ${shape.horizonDays} 日。空欄: その機能の病床なし。`,
        `Days whose mean utilisation exceeded 95% (daysOver95), mean over replications with its 95% CI; share = days ÷ ${shape.horizonDays} horizon days; empty: no beds of the function.`,
      ),
    ],
    [
      ...AREA,
      ...FUNCTION,
      ...EST_COLUMNS('days', { ja: '満床日数', en: 'Days over 95 %' }, 'number', 'days'),
      col('shareOfHorizon', '期間に占める割合', 'Share of the horizon', 'share'),
    ],
    rows,
  );
}

export function distributionTable(
  context: TableContext,
  what: string,
  rows: readonly DistributionRow[],
): DataTable {
  const replications = Math.max(0, ...rows.map((r) => r.values.length));
  return table(
    context,
    what,
    [
      say(
        '単位は分。反復の平均と95%信頼区間。中央値・90パーセンタイルは反復内の値の平均。「反復 i」の列は各反復の平均。',
        'Minutes; mean over replications with its 95% CI; median and 90th percentile within replications, averaged; the "replication i" columns hold each replication’s mean.',
      ),
    ],
    [
      col('measure', '項目ID', 'Measure id', 'id'),
      col('label', '項目', 'Measure', 'text'),
      ...PLAIN_EST('number', 'minutes'),
      col('p50', '中央値', 'Median', 'number', 'minutes'),
      col('p90', '90パーセンタイル', '90th percentile', 'number', 'minutes'),
      col('thresholdMinutes', '目標時間', 'Threshold', 'int', 'minutes'),
      ...EST_COLUMNS('withinThreshold', { ja: '目標時間内の割合', en: 'Within the threshold' }, 'share'),
      ...Array.from({ length: replications }, (_, i) =>
        col(`replication${i}`, `反復 ${i}`, `Replication ${i}`, 'number', 'minutes'),
      ),
    ],
    rows.map((r) => [
      r.key,
      r.label,
      ...est(r.estimate),
      r.p50,
      r.p90,
      r.threshold,
      ...est(r.withinShare),
      ...Array.from({ length: replications }, (_, i) => r.values[i] ?? null),
    ]),
  );
}

export function differenceTable(
  context: TableContext,
  comparison: Comparison,
  label: (kpi: string) => string = (k) => k,
): DataTable {
  const keys = Object.keys(comparison.kpis).sort();
  const method =
    comparison.method === 'paired'
      ? say('対応のある比較(共通乱数)', 'paired (common random numbers)')
      : say('対応のない比較(Welch)', 'unpaired (Welch)');
  return table(
    context,
    say(`指標の差 b − a(${method})`, `differences b − a (${method})`),
    [
      comparison.note,
      say(
        `a: ${comparison.a.scenarioId}(シード ${comparison.a.seed}、${comparison.a.replications} 反復)、b: ${comparison.b.scenarioId}(シード ${comparison.b.seed}、${comparison.b.replications} 反復)。割合の指標の差はパーセントポイント。`,
        `a: ${comparison.a.scenarioId} (seed ${comparison.a.seed}, ${comparison.a.replications} replications); b: ${comparison.b.scenarioId} (seed ${comparison.b.seed}, ${comparison.b.replications} replications); differences of shares in percentage points.`,
      ),
    ],
    [
      col('kpi', '指標ID', 'KPI id', 'id'),
      col('label', '指標', 'KPI', 'text'),
      col('unit', '単位', 'Unit', 'text'),
      col('a', 'a', 'a', 'number'),
      col('b', 'b', 'b', 'number'),
      col('difference', '差 b − a', 'Difference b − a', 'number'),
      col('halfWidth', '95%信頼区間の半幅', '95% CI half-width', 'number'),
      col('lo', '95%信頼区間 下限', '95% CI low', 'number'),
      col('hi', '95%信頼区間 上限', '95% CI high', 'number'),
      col('significant', '信頼区間が0を含まない', 'CI excludes 0', 'text'),
      // 有意 as the page says it: the CI excludes 0 and the practical threshold is reached (issue 16)
      col('threshold', '実務上の閾値', 'Practical threshold', 'number'),
      col('practical', '有意(閾値以上)', 'Significant (≥ threshold)', 'text'),
      col('method', '比較の方法', 'Method', 'text'),
    ],
    keys.map((k) => {
      const d = comparison.kpis[k];
      return [
        k,
        label(k),
        unitText(kpiUnit(k)),
        d.a,
        d.b,
        d.difference,
        d.halfWidth,
        d.lo,
        d.hi,
        d.significant ? say('はい', 'yes') : say('いいえ', 'no'),
        d.threshold ?? practicalThreshold(k, d.a),
        practicallySignificant(k, d) ? say('はい', 'yes') : say('いいえ', 'no'),
        method,
      ];
    }),
    (_row, i) => kindOf(kpiUnit(keys[i])),
  );
}

/** The Now view's census series: one row per day × area × function of the window (a day without reports left out). */
export function censusTable(
  context: TableContext,
  points: ReadonlyArray<{
    date: string;
    area: string;
    function: BedFunction;
    beds: number | null;
    occupied: number | null;
    reported: number;
    expected: number;
  }>,
  areaLabel: (area: string) => string,
): DataTable {
  const lang = currentLang();
  return table(
    context,
    say('報告された病床の稼働(日別)', 'reported bed occupancy (daily)'),
    [
      say(
        '稼働率 = 報告した病院の在院患者数 ÷ その病床数。報告病院 < 対象病院の日は一部の病院のみの値。報告のない日は行がありません(0 ではありません)。',
        'Occupancy = patients in beds ÷ beds of the hospitals that reported; a day with fewer hospitals reported than expected covers those only. A day without reports has no row (not zero).',
      ),
    ],
    [
      col('date', '日付', 'Date', 'id'),
      ...AREA,
      ...FUNCTION,
      col('occupied', '在院患者数', 'Patients in beds', 'int'),
      col('beds', '病床数', 'Beds', 'int', 'beds'),
      col('occupancy', '稼働率', 'Occupancy', 'share'),
      col('reported', '報告病院数', 'Hospitals reported', 'int'),
      col('expected', '対象病院数', 'Hospitals expected', 'int'),
    ],
    [...points]
      .filter((p) => p.reported > 0 && p.beds !== null && p.occupied !== null)
      .sort(
        (a, b) =>
          a.date.localeCompare(b.date) ||
          a.area.localeCompare(b.area) ||
          a.function.localeCompare(b.function),
      )
      .map((p) => [
        p.date,
        p.area,
        areaLabel(p.area),
        p.function,
        FUNCTION_NAMES[p.function][lang],
        p.occupied,
        p.beds,
        p.beds && p.occupied !== null ? p.occupied / p.beds : null,
        p.reported,
        p.expected,
      ]),
  );
}
