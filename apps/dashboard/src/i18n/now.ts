// Messages of the Now view (issue 18): today's census by area × function, alerts, missing
// reports and the forecast. Spread into ja.ts and en.ts (same keys, checked by the type).

export const jaNow = {
  'nav.now': '現在の病床',
  'now.title': '現在の病床: {region}',
  'now.intro':
    '各病院が毎日報告する病床の稼働(在院患者数 ÷ 病床数)を二次医療圏 × 病床機能で集計し、過去60日と今後14日の予測を示します。報告のない病院は 0 ではなく「報告なし」として扱います。',
  'now.asOf': '報告日 {date}',
  'now.updated': '最終更新 {time}',
  'now.live': 'リアルタイム更新中',
  'now.offline': 'リアルタイム接続なし(再接続を待っています)',
  'now.synthetic':
    '合成データ: 最新の報告は実際の病院からではなく、シミュレーションで作った合成データです。実際の病床の状況ではありません。',
  'now.empty.title': 'まだ報告がありません',
  'now.empty.body':
    '病床の報告が一件もありません。病院の日次報告(CSV または FHIR)を送信するか、次のコマンドで合成データの報告を流してください(標準の起動では、報告がなければ合成の履歴が自動で送られます)。',
  'now.map': '二次医療圏の一般病床の稼働率(本日)',
  'now.mapValue': '一般病床の稼働率',
  'now.alerts': '警報',
  'now.alerts.none': '警報はありません。',
  'now.alert.full': '満床警報',
  'now.alert.high': '高稼働',
  'now.alert.forecast': '予測',
  'now.alert.fullText': '{area}・{function}: {occupancy}({dates} の {days} 日連続で {threshold} 超)',
  'now.alert.highText': '{area}・{function}: 本日 {occupancy}({threshold} 超)',
  'now.alert.forecastText':
    '{area}・{function}: {date} に平均 {occupancy} の見込み(7 日以内に {threshold} 超)',
  'now.alert.partial': '一部の病院のみの報告による値',
  'now.rules':
    '基準: 満床警報 = 稼働率が {full} を {days} 日連続で超える / 高稼働 = 本日 {high} 超 / 予測 = 予測の平均が {forecastDays} 日以内に {full} 超。稼働率 = 報告した病院の在院患者数 ÷ その病床数。',
  'now.missing': '報告なし',
  'now.missing.none': '{date} の報告はすべて届いています。',
  'now.missing.intro': '{date} の報告が届いていない病院({count} 件)。値は 0 ではなく欠測として扱います。',
  'now.missing.last': '最終報告 {date}',
  'now.missing.never': '報告歴なし',
  'now.table': '本日の稼働(医療圏 × 病床機能)',
  'now.col.area': '二次医療圏',
  'now.col.function': '病床機能',
  'now.col.occupied': '在院患者数',
  'now.col.beds': '病床数',
  'now.col.occupancy': '稼働率',
  'now.col.reported': '報告病院',
  'now.col.forecast7': '7日後の予測(80%予測区間)',
  'now.history': '過去60日の稼働率と14日先までの予測',
  'now.forecast.method': '予測: {date} の報告から, {replications} 反復, 作成 {created}。',
  'now.forecast.request': '{date} の報告から今すぐ予測',
  'now.forecast.queued': '{date} の報告からの予測を開始しました。終わると扇形の図が更新されます。',
  'now.forecast.running': '{date} の報告からの予測はすでに実行中です。終わると扇形の図が更新されます。',
  'now.forecast.none':
    '予測はまだありません(報告のそろった日ごとに、また毎日の締め時刻には届いた報告から、自動で作成されます)。',
  'now.forecast.stale':
    'この予測は {date} の報告からのもので、最新の報告日 {asOf} より前です(新しい予測は作成中か、その日の報告がまだそろわず締め時刻前です)。',
  'now.downloads': 'ダウンロード',
  'now.download.forecastCsv': '予測 (CSV)',
  'now.download.forecastFhir': '予測 (FHIR)',
  'now.csv.title': '報告された病床の稼働(日別, 医療圏 × 病床機能)',
};

export const enNow: Record<keyof typeof jaNow, string> = {
  'nav.now': 'Now',
  'now.title': 'Beds now: {region}',
  'now.intro':
    "Each hospital's daily bed report (patients in beds ÷ beds) summed by secondary medical area × bed function: the last 60 days and a forecast of the next 14. A hospital that did not report is shown as missing, never as zero.",
  'now.asOf': 'Reports of {date}',
  'now.updated': 'updated {time}',
  'now.live': 'live updates on',
  'now.offline': 'no live connection (waiting to reconnect)',
  'now.synthetic':
    'Synthetic data: the latest reports were made by a simulation (e.g. caretwin feed), not sent by real hospitals. They are not the real state of the beds.',
  'now.empty.title': 'No reports yet',
  'now.empty.body':
    "No bed report has arrived. Post hospitals' daily reports (CSV or FHIR MeasureReport) to POST /api/census, or start a synthetic feed with the command below (npm start sends a synthetic history by itself when there are no reports).",
  'now.map': "Occupancy of each area's general beds today",
  'now.mapValue': 'General-bed occupancy',
  'now.alerts': 'Alerts',
  'now.alerts.none': 'No alerts.',
  'now.alert.full': 'Full',
  'now.alert.high': 'High',
  'now.alert.forecast': 'Forecast',
  'now.alert.fullText':
    '{area} · {function}: {occupancy} (above {threshold} for {days} days running: {dates})',
  'now.alert.highText': '{area} · {function}: {occupancy} today (above {threshold})',
  'now.alert.forecastText':
    '{area} · {function}: mean {occupancy} expected on {date} (above {threshold} within 7 days)',
  'now.alert.partial': 'from the hospitals that reported only',
  'now.rules':
    'Rules: full = occupancy above {full} for {days} days running; high = above {high} today; forecast = the forecast mean above {full} within {forecastDays} days. Occupancy = patients in beds ÷ beds of the hospitals that reported.',
  'now.missing': 'Missing reports',
  'now.missing.none': 'Every report of {date} has arrived.',
  'now.missing.intro':
    'Hospitals whose report of {date} has not arrived ({count}). Shown as missing, never as zero.',
  'now.missing.last': 'last report {date}',
  'now.missing.never': 'never reported',
  'now.table': 'Today by area × bed function',
  'now.col.area': 'Secondary medical area',
  'now.col.function': 'Bed function',
  'now.col.occupied': 'Patients in beds',
  'now.col.beds': 'Beds',
  'now.col.occupancy': 'Occupancy',
  'now.col.reported': 'Hospitals reported',
  'now.col.forecast7': 'Forecast in 7 days (80% PI)',
  'now.history': 'Occupancy over the last 60 days and the forecast 14 days ahead',
  'now.forecast.method':
    'Forecast from the reports of {date}, {replications} replications, made {created}. {method}',
  'now.forecast.request': 'Forecast now from the reports of {date}',
  'now.forecast.queued':
    'The forecast from the reports of {date} has started; the fan updates when it is done.',
  'now.forecast.running':
    'The forecast from the reports of {date} is already running; the fan updates when it is done.',
  'now.forecast.none':
    'No forecast yet (one is made after each day whose reports are complete, and each day at the cutoff from the reports that arrived).',
  'now.forecast.stale':
    'This forecast starts from the reports of {date}, before the latest reports ({asOf}): a newer one is running, or that day is not complete and its cutoff has not passed.',
  'now.downloads': 'Downloads',
  'now.download.forecastCsv': 'forecast (CSV)',
  'now.download.forecastFhir': 'forecast (FHIR MeasureReport)',
  'now.csv.title': 'Reported bed occupancy (daily, area × bed function)',
};
