// The model's version, recorded in every run's provenance beside the software and data versions.
// Bump it with any change that alters a result for the same scenario, region, seed and
// replication indices (the golden and calibration tests say when), so a stored result names the
// model that produced it. 0.2.0: calibration of issue 5 (adjacent-area transfers, spilled census).
// 0.3.0: issue 15 — demand from population × rates by sex and 5-year band, wards from
// 医療資源投入量, booked admissions, refusals with reasons, vehicle queues and mutual aid, nearest
// step-down, the eligibility lever as the system works, calibration to observed figures.
// 0.4.0: the recovery-level tail of an acute stay steps down to a recovery bed (転棟); case
// difficulty CV refitted.
export const MODEL_VERSION = '0.4.0';
