// The model's version, recorded in every run's provenance beside the software and data versions.
// Bump it with any change that alters a result for the same scenario, region, seed and
// replication indices (the golden and calibration tests say when), so a stored result names the
// model that produced it. 0.2.0: calibration of issue 5 (adjacent-area transfers, spilled census).
export const MODEL_VERSION = '0.2.0';
