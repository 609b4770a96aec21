// The workshop handout's words (配布資料), Japanese and English side by side. The handout is
// printed in the language its link asks for (`?lang=ja|en`), whatever the dashboard's own
// language is, so it does not go through i18n's `t` (which follows the page's language).
import type { Lang, Localized } from '../charts/labels';

export const HANDOUT_WORDS = {
  kind: { ja: 'ワークショップ配布資料', en: 'Workshop handout' },
  question: { ja: '問い', en: 'Question' },
  baseline: { ja: '基準', en: 'Baseline' },
  settings: {
    ja: '反復 {replications} 回 · 期間 {horizon} 日 · 乱数シード {seed}(全案が同じ乱数で基準と対応比較)',
    en: '{replications} replications · {horizon} days · seed {seed} (every variant paired with the baseline on common random numbers)',
  },
  participants: { ja: '参加者 {n} 人', en: '{n} participants' },
  state: { ja: '状態', en: 'State' },
  open: { ja: '開催中', en: 'open' },
  closed: { ja: '終了 {at}', en: 'closed {at}' },
  printed: { ja: '作成 {at}', en: 'Printed {at}' },
  levers: { ja: '参加者が動かせるレバー(上限)', en: 'Levers participants may move (bounds)' },
  variants: { ja: '検討した案', en: 'Variants' },
  noVariants: { ja: 'まだ実行された案はありません。', en: 'No variant has been run yet.' },
  rationale: { ja: '理由', en: 'Rationale' },
  proposedBy: { ja: '提案: {name}', en: 'Proposed by {name}' },
  mergedFrom: { ja: '統合した重複提案 {n} 件', en: '{n} duplicate proposals merged in' },
  leverWords: { ja: '変更内容', en: 'Changes' },
  otherProposals: { ja: 'その他の提案', en: 'Other proposals' },
  board: { ja: 'ボード: 基準との差', en: 'Board: differences from the baseline' },
  boardNote: {
    ja: '差は 案 − 基準(共通乱数による対応のある比較)、括弧内は 95% 信頼区間。★ は信頼区間が 0 を含まず、指標ごとの実質的な大きさ(閾値)にも達する差(有意、比較画面・レポートと同じ基準)。',
    en: 'Differences are variant − baseline (paired on common random numbers); brackets give the 95 % CI. ★ marks a difference whose CI excludes 0 and that reaches the KPI’s practical threshold (significant, as in the compare view and reports).',
  },
  kpi: { ja: '指標', en: 'KPI' },
  baselineValue: { ja: '基準の値', en: 'Baseline' },
  significant: { ja: '有意', en: 'significant' },
  sentences: { ja: '各案の要約', en: 'Each variant in one sentence' },
  notComplete: { ja: '実行中 {percent}%', en: 'running {percent}%' },
  runState: {
    ja: { queued: '待機中', running: '実行中', completed: '完了', failed: '失敗', cancelled: '中止' },
    en: {
      queued: 'queued',
      running: 'running',
      completed: 'completed',
      failed: 'failed',
      cancelled: 'cancelled',
    },
  },
  vote: { ja: '投票結果', en: 'Vote' },
  voteNote: {
    ja: '各参加者が最大3案に順位を付け、1位3点・2位2点・3位1点で集計(投票者 {voters} 人)。',
    en: 'Each participant ranks up to three variants: 3 points for a first place, 2 for a second, 1 for a third ({voters} voters).',
  },
  noVotes: { ja: 'まだ投票はありません。', en: 'No votes yet.' },
  rank: { ja: '順位', en: 'Rank' },
  variant: { ja: '案', en: 'Variant' },
  points: { ja: '点', en: 'Points' },
  firstPlaces: { ja: '1位の数', en: 'First places' },
  charts: { ja: '主な図: 案ごとの基準との差', en: 'Key charts: each variant against the baseline' },
  paired: { ja: '対応のある比較(共通乱数)', en: 'paired (common random numbers)' },
  unpaired: { ja: '対応のない比較(Welch)', en: 'unpaired (Welch)' },
  caveats: { ja: '入力データと結果の読み方の注意', en: 'About the inputs and how to read the results' },
  caveatPatients: {
    ja: '患者は実在しません。人口と入院率から模擬した合成の患者で、個人の情報は一切使っていません。',
    en: 'The patients are not real people: they are synthetic patients simulated from population and admission rates; no personal data is used.',
  },
  caveatModel: {
    ja: '数値はシミュレーションモデルによる推計で、予測や実績ではありません。案どうしの差と向きを読むためのものです。',
    en: 'The figures are estimates from a simulation model, not forecasts or observed values: read them for the differences between variants and their direction.',
  },
  caveatInputs: {
    ja: '合成データ: {synthetic} / 推定値: {estimated}',
    en: 'Synthetic: {synthetic} / estimated: {estimated}',
  },
  caveatCi: {
    ja: '信頼区間は反復間のばらつきだけを表し、入力データの不確かさは含みません。反復が少ないと区間は広くなります。',
    en: 'The CIs show the spread over replications only, not the uncertainty of the inputs; few replications give wide intervals.',
  },
  caveatMore: {
    ja: '詳しくはダッシュボードの「前提と限界」を参照してください。',
    en: 'See “Assumptions and limits” in the dashboard for more.',
  },
  none: { ja: 'なし', en: 'none' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  failed: { ja: '配布資料を作れませんでした: {message}', en: 'The handout could not be made: {message}' },
  footer: {
    ja: 'CareTwin ワークショップ {id} · 基準の実行 {run}',
    en: 'CareTwin workshop {id} · baseline run {run}',
  },
} as const;

/** The names of the input families the result documents label (InputLabel.input). */
export const INPUT_NAMES: Record<string, Localized> = {
  region: { ja: '地域', en: 'region' },
  municipalities: { ja: '市町村', en: 'municipalities' },
  hospitals: { ja: '病院', en: 'hospitals' },
  ambulanceBases: { ja: '救急隊', en: 'ambulance bases' },
  conditions: { ja: '疾患・経路', en: 'conditions and pathways' },
  arrivalProfiles: { ja: '到着パターン', en: 'arrival profiles' },
  transport: { ja: '搬送時間', en: 'transport times' },
  eligibility: { ja: 'オンライン資格確認', en: 'online eligibility checks' },
};

type Simple = {
  [K in keyof typeof HANDOUT_WORDS]: (typeof HANDOUT_WORDS)[K] extends Localized ? K : never;
}[keyof typeof HANDOUT_WORDS];

/** A handout word in `lang`, `{placeholders}` filled (an unknown one stays visible, so a typo shows). */
export function hw(key: Simple, lang: Lang, vars: Readonly<Record<string, string | number>> = {}): string {
  const template = (HANDOUT_WORDS[key] as Localized)[lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
