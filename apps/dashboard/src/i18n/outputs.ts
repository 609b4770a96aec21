// Messages of the outputs a planner takes to the mayors (issue 16): the heading and caveat of an
// exported chart, CSV column names with their units, the live view's warm-up wording, and the
// scenario settings shown as words. Spread into ja.ts and en.ts (same keys, checked by the type).

export const jaOutputs = {
  'export.period': '{first} 〜 {last}({days} 日、ウォームアップ {warmup} 日の後)',
  'export.versus': 'a「{a}」と b「{b}」',
  'export.replicationsAB': 'a {a} 反復 · b {b} 反復',
  'export.made': '作成 {date}',
  'export.caveat':
    'シミュレーションの結果です。入力の一部は合成データ・推定値(図中の注記)で、計画を検討するための目安であり、将来の予測値ではありません。',
  'export.liveSoFar': '実行中の途中経過(シミュレーション日 {day} / {total}、ウォームアップを含む)',
  'live.latestMean': '平均(ウォームアップ後)',
  'live.warmupNote':
    '帯と線はウォームアップ中の日も含めて描いています。網掛けがウォームアップで、右下の平均と結果のページの稼働率はウォームアップ後の日だけの平均です。',
  'csv.kpi': '指標ID',
  'csv.label': '指標',
  'csv.unit': '単位',
  'csv.n': '反復数',
  'csv.mean': '平均',
  'csv.lo': '95%信頼区間 下限',
  'csv.hi': '95%信頼区間 上限',
  'csv.area': '医療圏ID',
  'csv.areaName': '二次医療圏',
  'csv.function': '病床機能ID',
  'csv.functionName': '病床機能',
  'csv.day': 'シミュレーション日',
  'csv.dayAfterWarmup': 'ウォームアップ後の日',
  'csv.week': '週',
  'csv.utilisationMean': '稼働率 平均(%)',
  'csv.utilisationLo': '稼働率 下限(%)',
  'csv.utilisationHi': '稼働率 上限(%)',
  'csv.replications': '到達した反復数',
  'csv.band.ci': '帯は反復間の95%信頼区間',
  'csv.band.minmax': '帯は到達した反復の最小〜最大',
  'csv.percentNote': '%の列は百分率(小数1桁)。件数・人数は反復の平均(小数1桁)。',
} as const;

export type OutputsKey = keyof typeof jaOutputs;

export const enOutputs: Record<OutputsKey, string> = {
  'export.period': '{first} to {last} ({days} days after {warmup} warm-up days)',
  'export.versus': 'a “{a}” vs b “{b}”',
  'export.replicationsAB': 'a {a} · b {b} replications',
  'export.made': 'made {date}',
  'export.caveat':
    'Simulation results. Some inputs are synthetic or estimated (see the note in the chart): a guide for planning, not a forecast.',
  'export.liveSoFar': 'Run in progress (simulated day {day} of {total}, warm-up included)',
  'live.latestMean': 'mean after warm-up',
  'live.warmupNote':
    'Bands and lines include the warm-up days (shaded); the mean in each corner, like the utilisation on the results page, averages only the days after the warm-up.',
  'csv.kpi': 'KPI id',
  'csv.label': 'KPI',
  'csv.unit': 'Unit',
  'csv.n': 'Replications',
  'csv.mean': 'Mean',
  'csv.lo': '95% CI low',
  'csv.hi': '95% CI high',
  'csv.area': 'Area id',
  'csv.areaName': 'Secondary medical area',
  'csv.function': 'Function id',
  'csv.functionName': 'Bed function',
  'csv.day': 'Simulated day',
  'csv.dayAfterWarmup': 'Day after warm-up',
  'csv.week': 'Week',
  'csv.utilisationMean': 'Utilisation mean (%)',
  'csv.utilisationLo': 'Utilisation low (%)',
  'csv.utilisationHi': 'Utilisation high (%)',
  'csv.replications': 'Replications reaching the day',
  'csv.band.ci': 'band: 95% CI over replications',
  'csv.band.minmax': 'band: min–max of the replications that reached the day',
  'csv.percentNote':
    'Percent columns are percentages (one decimal). Counts are means over replications (one decimal).',
};
