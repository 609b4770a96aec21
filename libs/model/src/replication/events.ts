// Event codes (the engine's `kind`); payload `a` is a patient id unless noted.
export const Ev = {
  /** a = arrival process index */
  ARRIVAL: 1,
  /** b = candidate index being asked (the first one when the crew is ready on scene) */
  INQUIRE: 3,
  AT_HOSPITAL: 4,
  /** a = ambulance base */
  VEHICLE_BACK: 5,
  PHASE_END: 6,
  /**
   * deferred outpatient care returns as an emergency admission: a = the new patient's key,
   * b = condition × municipality count + home municipality
   */
  LATER_ADMISSION: 7,
  /** a = policy index */
  POLICY: 9,
  /** a = day of the run: the hospitals' scheduled-admission slots of the day open (bookings.ts) */
  SLOTS: 10,
} as const;

/** Policies fire before anything else scheduled at the same minute. */
export const POLICY_PRIORITY = -10;

/** Per-level slots of the replication's miscellaneous time integrals. */
export const Misc = {
  /** + function waited for */
  BLOCKED: 0,
  OVERFLOW: 4,
  BORROWED: 5,
  /** patients on booking lists */
  BOOKED: 6,
  VEHICLES_BUSY: 7,
  WAITING_VEHICLE: 8,
  /** recovery-level tails of acute phases waiting in their acute bed for the hospital's recovery ward */
  TAIL_WAITING: 9,
  SIZE: 10,
} as const;
