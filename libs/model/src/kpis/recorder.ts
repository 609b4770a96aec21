// Counters and tallies of one replication. Everything here counts only after warm-up
// (`measuring`); the conservation counters live apart (replication/state.ts) and cover the
// whole run.
import { QuantileSketch, Tally } from '@caretwin/engine';
import { FUNCTIONS } from '../region/region-index';

export const Route = { AMBULANCE: 0, WALK_IN: 1, SCHEDULED: 2 } as const;

/** Why a hospital refused an ambulance inquiry (照会): no bed, 処置困難, 手術中・患者対応中, 専門外, 医師不在. */
export const RefusalReason = {
  NO_BED: 0,
  TREATMENT_DIFFICULT: 1,
  BUSY: 2,
  OUT_OF_SPECIALTY: 3,
  NO_DOCTOR: 4,
} as const;
/** KPI names of the reasons, by RefusalReason (`inquiries.refused.<name>`). */
export const REFUSAL_REASONS = ['noBed', 'treatmentDifficult', 'busy', 'outOfSpecialty', 'noDoctor'] as const;

export class Recorder {
  measuring = false;

  readonly admissions: Float64Array;
  readonly admissionsByRoute = new Float64Array(3);
  /** ambulance inquiries made (照会), and those refused by reason (RefusalReason) */
  inquiries = 0;
  readonly inquiriesRefused = new Float64Array(REFUSAL_REASONS.length);
  /** accepted patients asked once, and four times or more */
  firstAccepted = 0;
  fourPlusInquiries = 0;
  /** accepted patients entering a high-acute or acute bed, by inquiries (last bin: 16 or more) */
  readonly inquiryHistogram = new Float64Array(17);
  /** accepted patients 30 minutes or more on scene */
  onScene30 = 0;
  /** emergency walk-ins at a hospital door, and those sent on from a full first choice */
  walkIns = 0;
  walkInsRedirected = 0;
  /** calls that waited for a vehicle; dispatches from a base outside the responsible area */
  callsQueued = 0;
  mutualAid = 0;
  overflow = 0;
  leftRegion = 0;
  difficultTransports = 0;
  calls = 0;
  transportedNotAdmitted = 0;
  /** オンライン資格確認 (replication/eligibility.ts) */
  eligibilityFailures = 0;
  eligibilityFailuresOutage = 0;
  eligibilityFailuresIndividual = 0;
  eligibilityStaffMinutes = 0;
  eligibilityDelayMinutes = 0;
  eligibilityProof = 0;
  eligibilityFullPay = 0;
  /** expected deferred outpatient visits (outpatients are not simulated) */
  eligibilityDeferredOutpatient = 0;
  eligibilityLaterAdmissions = 0;
  discharges = 0;
  deaths = 0;
  transfers = 0;
  /** drive minutes of those transfers (hospital to hospital) */
  transferMinutes = 0;
  /** acute-phase tails moved to a recovery bed (転棟 of recovery-level care) */
  tailStepDowns = 0;
  borrowings = 0;
  /** MHLW 平均在院日数 inputs per ward group (0 general = highAcute+acute+recovery, 1 chronic) */
  readonly groupIn = new Float64Array(2);
  readonly groupOut = new Float64Array(2);

  readonly response = new Tally();
  readonly responseSketch = new QuantileSketch();
  readonly callToHospital = new Tally();
  readonly callToHospitalSketch = new QuantileSketch();
  /** inquiries per accepted patient (the accepting one included) */
  readonly inquiriesPerAccepted = new Tally();
  readonly onScene = new Tally();
  /** call → vehicle assigned, per dispatch */
  readonly callWait = new Tally();
  readonly callWaitSketch = new QuantileSketch();
  /** days from booking to admission of scheduled patients (予定入院) */
  readonly scheduledWaitDays = new Tally();

  /** time to care (minutes) of patients who got a bed, per condition */
  readonly timeToCare: Tally[];
  /** patients reaching a hospital (bed or overflow) per condition */
  readonly timeToCareTotal: Float64Array;
  /** of those, in a bed within the condition's threshold */
  readonly withinThreshold: Float64Array;
  /** days in a bed per completed bed stay, by the function of the phase */
  readonly lengthOfStay: Tally[];

  /** home area × treating area */
  readonly flow: Float64Array;
  readonly flowLeftRegion: Float64Array;

  readonly hospitalAdmissions: Float64Array;
  /** ambulance inquiries the hospital refused, every reason */
  readonly hospitalRefusals: Float64Array;
  readonly hospitalOverflow: Float64Array;

  /** by home area: sums and counts of the ambulance times, inquiries, difficult transports, redirects */
  readonly areaResponse: Float64Array;
  readonly areaResponseCount: Float64Array;
  readonly areaCallToHospital: Float64Array;
  readonly areaCallToHospitalCount: Float64Array;
  readonly areaCallWait: Float64Array;
  readonly areaCallWaitCount: Float64Array;
  readonly areaInquiries: Float64Array;
  readonly areaInquiriesRefused: Float64Array;
  readonly areaDifficultTransports: Float64Array;
  readonly areaWalkInsRedirected: Float64Array;

  constructor(conditions: number, areas: number, hospitals: number) {
    this.admissions = new Float64Array(conditions);
    this.timeToCare = Array.from({ length: conditions }, () => new Tally());
    this.timeToCareTotal = new Float64Array(conditions);
    this.withinThreshold = new Float64Array(conditions);
    this.lengthOfStay = Array.from({ length: FUNCTIONS }, () => new Tally());
    this.flow = new Float64Array(areas * areas);
    this.flowLeftRegion = new Float64Array(areas);
    this.hospitalAdmissions = new Float64Array(hospitals);
    this.hospitalRefusals = new Float64Array(hospitals);
    this.hospitalOverflow = new Float64Array(hospitals);
    this.areaResponse = new Float64Array(areas);
    this.areaResponseCount = new Float64Array(areas);
    this.areaCallToHospital = new Float64Array(areas);
    this.areaCallToHospitalCount = new Float64Array(areas);
    this.areaCallWait = new Float64Array(areas);
    this.areaCallWaitCount = new Float64Array(areas);
    this.areaInquiries = new Float64Array(areas);
    this.areaInquiriesRefused = new Float64Array(areas);
    this.areaDifficultTransports = new Float64Array(areas);
    this.areaWalkInsRedirected = new Float64Array(areas);
  }
}
