// Arrival profiles, transport and eligibility parameters: estimates, each with its reasoning
// (docs/data.md). The profiles are normalised here so each has mean exactly 1.
import type {
  ArrivalProfiles,
  EligibilityParameters,
  RefusalParameters,
  TransportParameters,
} from '../../../libs/scenario/src/types';

/** Rescale to mean 1 with 3 decimals; the last entry absorbs the rounding so the sum is exact. */
export function meanOne(values: readonly number[]): number[] {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const scaled = values.map((v) => Math.round((v / mean) * 1000) / 1000);
  const sum = scaled.slice(0, -1).reduce((s, v) => s + v, 0);
  scaled[scaled.length - 1] = Math.round((values.length - sum) * 1000) / 1000;
  return scaled;
}

/**
 * Emergency arrivals by hour: the FDMA hourly pattern of ambulance transports is lowest at
 * 3–5 h (about a third of the mean), rises steeply from 7 h, peaks at 9–11 h and stays high
 * until the evening; walk-in emergencies follow clinic hours, which only sharpens the day peak.
 */
const HOUR_OF_DAY = [
  0.55, 0.48, 0.42, 0.38, 0.36, 0.4, 0.6, 0.9, 1.25, 1.45, 1.5, 1.42, 1.3, 1.3, 1.28, 1.25, 1.25, 1.25, 1.22,
  1.15, 1.05, 0.95, 0.8, 0.65,
];
/** Monday first: Mondays carry the weekend's deferred admissions; Sundays are lowest. */
const DAY_OF_WEEK = [1.1, 1.02, 1.0, 0.99, 1.02, 0.95, 0.92];
/** Scheduled admissions on weekdays only, front-loaded to the start of the week. */
const SCHEDULED_DAY_OF_WEEK = [1.5, 1.4, 1.4, 1.35, 1.35, 0, 0];

export function buildArrivalProfiles(): ArrivalProfiles {
  return {
    hourOfDay: meanOne(HOUR_OF_DAY),
    dayOfWeek: meanOne(DAY_OF_WEEK),
    scheduledDayOfWeek: meanOne(SCHEDULED_DAY_OF_WEEK),
    provenance: {
      estimated: true,
      source: 'arrivalProfiles',
      note: 'shapes estimated from the FDMA hourly transport pattern and weekday admission habits; each profile has mean 1',
    },
  };
}

/**
 * Travel, time on task and why hospitals refuse inquiries (照会). Travel and times are chosen so
 * the national 2023 averages (call → scene 10.0 min, call → hospital 45.6 min) are plausible for
 * Miyagi (arithmetic in docs/data.md, printed by scripts/data/check-miyagi.ts). The refusal
 * rates are calibrated, within their ranges, to FDMA's count of inquiries per severe (重症以上)
 * patient in Miyagi 2023 (docs/data.md "Transport"); the factors are estimates.
 */
export function buildTransport(): TransportParameters {
  return {
    roadFactor: 1.3,
    speedKmh: 40,
    // Call handling and turn-out only (estimate, 2–3 min): a crew not yet free is the queue's
    // business now (vehicles wait in the model), not a delay.
    dispatchMinutes: 2.5,
    sceneMinutes: 22,
    inquiryMinutes: 5,
    handoverMinutes: 15,
    // Miyagi's own 軽症 (入院不要) share of transported patients, 31.3 % in 2021 (宮城県「宮城県における救急について」);
    // was 0.5 from the national 47.3 % (issue-15 calibration, docs/calibration.md).
    notAdmittedShare: 0.313,
    candidateCount: 6,
    localDistanceKm: 3.5,
    // FDMA's tables count up to 15 inquiries and beyond; a crew keeps asking within an hour's drive.
    maxInquiries: 15,
    vehicleReachMinutes: 60,
    refusal: buildRefusal(),
    provenance: {
      estimated: true,
      source: 'transport, notAdmitted, dispatch',
      note:
        'road factor 1.3 and 40 km/h for emergency driving; 2.5 min call handling and turn-out (range 2–3); 3.5 km ' +
        'from the station to the scene (dispersion around the centroid, 5.3 min); 22 min on scene before the accepting inquiry, 5 min per ' +
        'refused inquiry; 15 min handover; 31.3 % of transported patients not admitted (Miyagi 軽症 2021 [V], not estimated); K = 6, then further ' +
        'capable hospitals up to 15 inquiries; any base within 60 min may answer a call (mutual aid, range 30–90)',
    },
  };
}

/**
 * Refusals for reasons other than a bed, per inquiry. The four base rates (and the spread of
 * case difficulty) are calibrated to the Miyagi 2023 inquiry counts of severe cases: 1 inquiry
 * ≤ 70.2 %, 4 or more ≥ 8.2 % (docs/data.md); the factors are estimates.
 */
export function buildRefusal(): RefusalParameters {
  return {
    treatmentDifficult: 0.18,
    busy: 0.01,
    outOfSpecialty: 0.072,
    noDoctor: 0.005,
    referenceBeds: 300,
    sizeExponent: 0.5,
    noMatchFactor: 3,
    tertiaryFactor: 0.5,
    offHoursFactor: 2.5,
    offHoursBusyFactor: 0.6,
    busyAtFullLoad: 3,
    caseDifficultyCv: 3.3,
    provenance: {
      estimated: true,
      source: 'inquiryCounts, refusalReasons',
      note:
        'calibrated within their ranges to the FDMA Miyagi 2023 count of inquiries per 重症以上 patient (first inquiry ≤ 70.2 %, 4 or more ≥ 8.2 %): ' +
        '処置困難 0.18 (0.02–0.25), 専門外 0.072 (0.4 × 処置困難 as in the Nagasaki 2008 mix, 0.01–0.10) per daytime inquiry at a 300-bed hospital holding the capability for a case of average difficulty, ' +
        'case difficulty gamma CV 3.3 (0–5); 手術中・患者対応中 0.01 at empty acute beds, 3 × at full (0.005–0.05), 医師不在 0.005 (0.002–0.02); estimates: ' +
        'size (300 ÷ acute beds)^0.5 within 1/3–3 (exponent 0–1), 3 × 処置困難/専門外 without the capability or 救急告示 (2–5), 0.5 × at a 救命救急センター (0.3–0.8), ' +
        '2.5 × 医師不在/処置困難 outside 8–18 h and at weekends (1.5–4), 0.6 × 手術中・患者対応中 then (0.4–1)',
    },
  };
}

/**
 * オンライン資格確認 as the system works. Neutral default: no check fails (no per-check failure
 * rate is published; scenarios set one). The other figures take effect once a scenario does;
 * each is an estimate with a plausible range, or derived from a published figure (docs/data.md).
 */
export function buildEligibility(): EligibilityParameters {
  return {
    failureRate: 0,
    hospitalOutagesPerDay: 0,
    hospitalOutageHours: 2,
    regionOutagesPerYear: 0,
    regionOutageHours: 4,
    proofShare: 0.95,
    staffMinutes: 10,
    delayMinutes: 15,
    // 外来受療率 5,658 per 100k a day × ≈ 300 consultation days ÷ ≈ 12,100 admissions per 100k a year.
    outpatientVisitsPerAdmission: 140,
    deferShare: 0.2,
    returnShare: 0.005,
    returnDays: 30,
    returnStayFactor: 1.3,
    returnConditions: { 'heart-failure': 0.6, pneumonia: 0.4 },
    provenance: {
      estimated: true,
      source: 'eligibility, hodanren, onlineChecks, outpatientRate',
      note:
        'failure rates neutral (0): a per-check failure rate is not published [?]; plausible per person 0.1–3 % (資格情報が無効/有効期限切れ reported by 38–51 % of facilities, hodanren 2025), ' +
        'hospital outages 0.005–0.05 per hospital per day (reader/authentication errors at 44–48 % of facilities over a few months), 0.5–8 h, mean 2; ' +
        'region-wide 0–4 a year, 1–12 h, mean 4. proofShare 0.95 (0.85–0.99): 一旦10割負担 at 12.3 % of facilities against 64 % with ● and 38 % with 無効 (2025-03), ≈3,400 cases (2025-08→11). ' +
        'staffMinutes 10 (5–20) per failed check; delayMinutes 15 (5–30) at the desk for scheduled patients only. ' +
        'outpatientVisitsPerAdmission 140 (100–180) derived: 外来受療率 5,658/100k/day (患者調査 2020) × ≈300 days ÷ ≈12,100 admissions/100k/year (Miyagi 2023). ' +
        'Estimates: deferShare 0.2 (0.05–0.5) of 10割 outpatient visits deferred; returnShare 0.005 (0.001–0.02) of those return admitted after 30 days (7–90) ' +
        'as heart failure 0.6 / pneumonia 0.4, every stay ×1.3 (1.1–1.5)',
    },
  };
}
