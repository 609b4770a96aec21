// Source lines per data file. Keys are unique across the region's files because the loader
// merges them into one Region.sources map; provenance.source fields name these keys.
import type { Reference } from './reference';

/** IPSS projections and the 2020 census by sex and band, as demand-inputs.md names them (P1, P2, P4). */
const POPULATION_SOURCES: Record<string, string> = {
  ipss2023:
    'IPSS 日本の地域別将来推計人口(令和5年推計) 結果表1, 2_1–2_3: total, 0–14, 15–64, 65+ per municipality and Sendai ward, 2020 (census, 不詳補完値) to 2050, read in github.com/kkoch5t2/data-platform public/data/municipality-population-projections.json (commit 19d956a7) [Vr]',
  ipss2018Shapes:
    'IPSS 平成30年推計 municipal projections by sex × 5-year band (0–4 … 85–89, 90+), 2015–2045, read in github.com/aiseed-dev/ecitizen data/legacy/App_Data/Population2015 (commit 21a7923e) [Vr]; used for the shape inside each IPSS 2023 group; female half weighted 1.0108 so 2020 Miyagi equals the census by sex (1,122,598 men / 1,179,398 women, P4) [D]',
};

const CONDITION_SOURCES: Record<string, string> = {
  conditions:
    'CareTwin condition defaults (scripts/data/reference/conditions.md): rates, ambulance shares, stays and branch shares tagged [V] verified, [S] one secondary source, [E] estimate',
  hospitalReport: '病院報告 統計表1 (2024 概況): hospital new admissions 15.59 M (2023), 16.18 M (2024)',
  medicalCostTrends:
    '医療費の動向 表II-2-6 (中医協 総-3 参考3): insurance-estimated new admissions 14.95 M (FY2023)',
  dpcSurvey:
    'DPC退院患者調査 2022 (acute mean stay 11.3–11.9 d); DPC national columns in hospital disclosures (condition stays)',
  fireWhitePaper:
    '消防白書 R6 and 救急・救助の現況 R5 (FDMA): 6,641,420 transports in 2023, 61.6 % aged 65+; severity died 1.5 / severe 7.7 / moderate 43.5 / mild 47.3 %',
  shigaStrokeRegistry:
    'Shiga Stroke Registry 2011 (press) and Fukushima registry 2013: stroke onsets and subtype mix; Fujii 2021: winter/summer ratio 1.31',
  strokeDatabank:
    'Japan Stroke Data Bank 2021 via a secondary summary: ambulance 60.8 %, arrival < 4.5 h 36.6 %',
  jAspect: 'J-ASPECT DPC study 2011–14: stroke acute stays (IS 17, ICH 22, SAH 24 d) and in-hospital deaths',
  kaifukukiSurvey:
    '回復期リハビリテーション病棟協会 survey 2022 via hospital pages: 回復期 stroke stay 81.6 d, ≈125 k stroke patients a year',
  jroad:
    'JROAD / JROAD-DPC (NCVC): AMI 73,412 and heart failure 260,157 admissions (2016); HF in-hospital death 10.9 % (Circ J 2023)',
  jamir:
    'JAMIR registry 2011–13: AMI ambulance 78.9 %, door-to-balloon median 80 min, death 8.3 %; Nakai, Ann Epidemiol 2023: seasonality',
  hipFractureSurvey:
    'National hip fracture survey, JBMR Plus 2021 (193,400 cases 2017); Minds guideline rates; Shoda, BMJ Open 2012 (death 3.3 %)',
  hipFracturePathway:
    'MHLW 2024–2025 slides on 2023 DPC data: after-acute destinations, 回復期リハ 71 k (50–55 d) / 地域包括 39 k (29–32 d)',
  pneumonia:
    'Morimoto, PLoS One 2015 (5.3/1000 PY); Suzuki, PLoS One 2021 (aspiration 38 %, Miyagi); NDB 2011–14 (30-day death 11.7 %)',
  heartFailureStay: 'Kodama 2019 (mean stay 18.2 ± 13.7 d); JCS 2017 guideline (ATTEND median 21 d)',
  patientSurvey:
    '患者調査 2020 (112.9 k malignant inpatients; mean stay 17.1 d) and がん検討会 2025 (14.4 d in 2023)',
  vitalStatistics:
    '人口動態統計 2023: 727,288 births; hospital 54.3 %, clinic 45.1 %; caesarean share via MHLW data on a clinic page',
};

export function buildSources(reference: Reference): Record<string, Record<string, string>> {
  const ref = reference.sources;
  return {
    'region.yaml': {
      bedNeedFormula: ref.bedNeedFormula,
      adjacency: 'derived: areas sharing a border on the municipal map (MLIT N03), read by hand',
      // The per-area projection placeholders are no longer used: population comes from IPSS 2023 per unit.
      uncertain: `derived and uncertain in the reference: ${reference.derivedAndUncertain.filter((line) => !/projection/.test(line)).join('; ')}`,
      resourcePoints:
        'MHLW 地域医療構想策定ガイドライン: 医療資源投入量 thresholds C1 3,000 / C2 600 / C3 225 points, 175 for discharge adjustment (miyagi-reference.json resourcePointThresholds; demand-inputs.md I3)',
    },
    'municipalities.yaml': {
      population2020: ref.population2020,
      centroids: ref.centroids,
      sendaiWards:
        '令和2年国勢調査 (確定値) populations of the five wards of Sendai city as reported by 河北新報 (30 Nov 2021), summing to the ' +
        "city's 1,096,704; ward points are approximate population centres read off the map (estimated). The reference gives the city as one point",
      ...POPULATION_SOURCES,
    },
    'hospitals.yaml': {
      beds: ref.beds,
      hospitalsSynthetic:
        'synthetic hospitals built by scripts/data/build-miyagi.ts: per-area and per-function totals equal the 2022 bed table (beds in use, idle excluded, 19,196)',
    },
    'ambulance-bases.yaml': {
      ambulance: ref.ambulance,
      ambulanceBases:
        'estimated: about 6,700 ambulances nationally (消防白書) scaled to Miyagi’s population, at least one per municipality',
    },
    'conditions.yaml': {
      ...CONDITION_SOURCES,
      demandInputs:
        'scripts/data/reference/demand-inputs.md (issue 15): admission rates by sex × 5-year band from the 2005 入院受療率 age curve (患者調査 平成17年 表9) scaled to the condition levels, the 2017 hip fracture counts, the Miyagi AMI registry sex mix, 2023 fertility by age; Miyagi factor 0.975 = observed admissions 2023 ÷ national-rate expectation (childbirth 0.915 = TFR ratio 2018); daily 医療資源投入量 per phase [E] against the 入院料 of 中医協 2023-10-27 / 2024-01-23',
      patientSurveyVisits:
        '患者調査 平成23年 来院時の状況 (inpatients present in October 2011): 通常の受診 79.8 %, 救急の受診 20.2 % (救急車 10.3 %), a stock of all bed types; scheduled (bookable) shares per condition are estimates that reproduce it (demand-inputs.md §3)',
    },
    'arrival-profiles.yaml': {
      arrivalProfiles:
        'estimated: hour-of-day shape of FDMA ambulance transports; weekday pattern of scheduled admissions (bookings and slots) from admission habits',
    },
    'transport.yaml': {
      transport: `estimated to make the ${reference.ambulance.year} national averages plausible: call → scene ${reference.ambulance.callToSceneMinutes} min, call → hospital ${reference.ambulance.callToHospitalMinutes} min (${ref.ambulance})`,
      notAdmitted:
        '宮城県「宮城県における救急について」(2024-07-24, 2021 data): 31.3 % of transported patients 軽症 (入院不要), 29,827 of 95,348; call → hospital 44.9 min',
      inquiryCounts:
        'FDMA 令和5年中の救急搬送における医療機関の受入れ状況等実態調査 (救急業務のあり方に関する検討会 2025-02-21, 参考資料3) p.7: Miyagi 重症以上 by inquiries 1…15: 6,529; 1,391; 627; 332; 158; 105; 53; 33; 35; 12; 13; 11; 1; 3; 4 (Σ 9,307; the ≥ 16 page not found): first inquiry ≤ 70.2 %, 4 or more ≥ 8.2 % (scripts/data/reference/miyagi-observed.md §3c); the refusal rates are calibrated to these',
      refusalReasons:
        'reasons for not accepting 重症以上 patients, 2008: Nagasaki prefecture 処置困難 241, ベッド満床 121, 手術中・患者対応中 101, 専門外 74, 医師不在 67 (長崎新聞 2009-03-25); nationally 処置困難 about a fifth, the most common (FDMA via 日経 2009-03-23); 救命救急センター accept 重篤 patients at all times (救急医療対策事業実施要綱, MHLW); factors by size, capability, hour and load are estimates',
      dispatch:
        'estimated: call handling and turn-out (出場) 2–3 min; FDMA national call → scene 10.0 min (2023) includes the drive. Miyagi: 119 → hospital 44.9 min (2021), 106,767 dispatches for 95,348 transported (宮城県「宮城県における救急について」)',
    },
    'eligibility.yaml': {
      eligibility:
        'neutral default (failure rates 0): オンライン資格確認 failure rates are not published per check or per region; a failed check is settled with 資格確認書 / 被保険者資格申立書 (usual copay) or 10割 upfront with a refund (償還払い); the other figures are estimates used once a scenario sets a failure rate',
      hodanren:
        '全国保険医団体連合会 surveys (hodanren.doc-net.or.jp 2023-07-03, 2024-10-17; hokeni.org 2025-05-12; press 2025-10/11): facilities with trouble 59.8–70.1 %; of those 無効・該当資格なし 66.3 % (2023), 資格情報が無効 37.9 % (2025-03) and 50.9–51.1 % (2025-10), リーダー接続・認証エラー 43.6–48.2 %; 一旦10割負担 at 12.3 % of facilities (2025-03), ≈3,400 cases since 2025-08',
      onlineChecks:
        'MHLW 医療保険部会 2023-02 (wic-net 7870/15): ≈800 M online checks 2021-10 → 2023-01; マイナンバー情報総点検本部 第5回: 1,142 health-insurance linking errors in 15.71 M checked (0.007 %, registration errors, not failed checks)',
      outpatientRate:
        '患者調査 2020 (MHLW, 表5): 外来受療率 5,658 per 100k per day; Miyagi ≈ 12,100 admissions per 100k per year (病院報告 2023, derived in scripts/data/reference/miyagi-observed.md §2)',
    },
  };
}
