// Counters and tallies of one replication. Everything here counts only after warm-up
// (`measuring`); the conservation counters live apart (replication/state.ts) and cover the
// whole run.
import { QuantileSketch, Tally } from '@caretwin/engine';
import { FUNCTIONS } from '../region/region-index';

export const Route = { AMBULANCE: 0, WALK_IN: 1, SCHEDULED: 2 } as const;

export class Recorder {
  measuring = false;

  readonly admissions: Float64Array;
  readonly admissionsByRoute = new Float64Array(3);
  refusalsAmbulance = 0;
  refusalsWalkIn = 0;
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
  borrowings = 0;
  /** MHLW 平均在院日数 inputs per ward group (0 general = highAcute+acute+recovery, 1 chronic) */
  readonly groupIn = new Float64Array(2);
  readonly groupOut = new Float64Array(2);

  readonly response = new Tally();
  readonly responseSketch = new QuantileSketch();
  readonly callToHospital = new Tally();
  readonly callToHospitalSketch = new QuantileSketch();
  readonly inquiries = new Tally();
  readonly onScene = new Tally();
  readonly vehicleWait = new Tally();
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
  readonly hospitalRefusals: Float64Array;
  readonly hospitalOverflow: Float64Array;

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
  }
}
