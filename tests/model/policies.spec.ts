import { describe, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import {
  expectPairedFigureMove,
  expectPairedMove,
  expectPairedUnchanged,
  miyagi,
  replications,
} from './support';

// Every lever on a short Miyagi run against its baseline, paired on common random numbers:
// the KPI it should move moves that way, and the paired 95 % CI excludes 0. Where a lever only
// binds under pressure (ambulances, borrowing, recovery beds) the baseline is a Miyagi variant
// with that pressure, and the what-if adds the lever to it.
const N = 4;
const runs = (id: string, policies: Policy[] = [], changes: Record<string, unknown> = {}) =>
  replications(miyagi(id, policies, changes), N);
const baseline = runs('policy-baseline');

const admissionsAt = (ids: string[]) => (r: ReplicationResult) =>
  r.hospitals.filter((h) => ids.includes(h.hospital)).reduce((s, h) => s + h.admissions, 0);

describe('policies on Miyagi, paired against their baseline', () => {
  it('setBeds: more high-acute beds where they are full mean fewer inquiries refused for want of a bed', () => {
    // The three areas whose high-acute beds are 96–99 % full (docs/calibration.md).
    const more = runs('more-beds', [
      { kind: 'setBeds', area: 'ishinomaki-tome-kesennuma', beds: { highAcute: 150 } },
      { kind: 'setBeds', area: 'osaki-kurihara', beds: { highAcute: 150 } },
      { kind: 'setBeds', area: 'sennan', beds: { highAcute: 60 } },
    ]);
    expectPairedMove(baseline, more, 'inquiries.refused.noBed', 'down');
    // Overflow is rare in the calibrated baseline (Sendai as five wards); inquiries per patient bind.
    expectPairedMove(baseline, more, 'inquiries.perAcceptedPatient.mean', 'down');
  });

  it('convertBeds: acute → recovery where recovery is short means fewer bed-blocking days', () => {
    const short: Policy[] = [{ kind: 'setBeds', area: 'sendai', beds: { recovery: 700 } }];
    const a = runs('short-recovery', short);
    const b = runs('converted', [
      ...short,
      { kind: 'convertBeds', area: 'sendai', from: 'acute', to: 'recovery', count: 700 },
    ]);
    expectPairedMove(a, b, 'bedBlocking.days', 'down');
  });

  it('closeHospital: its neighbours take more patients and ambulances drive further', () => {
    const closed = runs('closed', [{ kind: 'closeHospital', hospital: 'sendai-general' }]);
    const neighbours = [
      'sendai-university',
      'sendai-medical-centre',
      'sendai-north-general',
      'sendai-rosai',
      'sendai-heart-stroke',
      'miyagi-childrens',
      'miyagi-cancer-centre',
    ];
    expectPairedFigureMove(baseline, closed, admissionsAt(neighbours), 'up', 'admissions at the neighbours');
    expectPairedFigureMove(
      baseline,
      closed,
      admissionsAt(['sendai-general']),
      'down',
      'admissions at the closed hospital',
    );
    expectPairedMove(baseline, closed, 'ambulance.callToHospital.mean', 'up');
    expectPairedMove(baseline, closed, 'inquiries.refused', 'up');
  });

  it('mergeHospitals: the hospital merged into takes the other one’s patients', () => {
    const merged = runs('merged', [
      { kind: 'mergeHospitals', hospitals: ['sendai-south-general'], into: 'miyagi-cancer-centre' },
    ]);
    expectPairedFigureMove(
      baseline,
      merged,
      admissionsAt(['miyagi-cancer-centre']),
      'up',
      'admissions at the merged hospital',
    );
  });

  it('addHospital: a new hospital with high-acute beds where they are short takes patients and cuts inquiries refused for want of a bed', () => {
    const added = runs('added', [
      {
        kind: 'addHospital',
        hospital: {
          id: 'ishinomaki-new',
          name: { ja: '石巻新病院', en: 'Ishinomaki New Hospital' },
          area: 'ishinomaki-tome-kesennuma',
          municipality: '04202',
          lat: 38.43,
          lng: 141.3,
          beds: { highAcute: 80, acute: 200, recovery: 0, chronic: 0 },
          capabilities: ['stroke', 'pci', 'trauma', 'orthopaedics', 'emergency2', 'emergency3'],
        },
      },
    ]);
    expectPairedFigureMove(
      baseline,
      added,
      admissionsAt(['ishinomaki-new']),
      'up',
      'admissions at the new hospital',
    );
    expectPairedMove(baseline, added, 'inquiries.refused.noBed', 'down');
  });

  it('setAmbulances: more vehicles mean a shorter call → scene and a shorter wait for a vehicle', () => {
    const scarce: Policy[] = [{ kind: 'setAmbulances', area: 'sendai', vehicles: 8 }];
    const a = runs('scarce-ambulances', scarce);
    const b = runs('more-ambulances', [...scarce, { kind: 'setAmbulances', area: 'sendai', vehicles: 40 }]);
    expectPairedMove(a, b, 'ambulance.response.mean', 'down');
    expectPairedMove(a, b, 'ambulance.callWait.mean', 'down');
  });

  it('lengthOfStay: shorter stays mean lower occupancy', () => {
    const shorter = runs('shorter-stays', [{ kind: 'lengthOfStay', multiplier: 0.8 }]);
    expectPairedMove(baseline, shorter, 'occupancy.prefecture.total', 'down');
  });

  it('eligibility: more failed checks mean more staff time and more 10割 patients, and no fewer urgent admissions', () => {
    const failing = runs('eligibility', [
      { kind: 'eligibility', failureRate: 0.1, hospitalOutagesPerDay: 0.05, regionOutagesPerYear: 4 },
    ]);
    expectPairedMove(baseline, failing, 'eligibility.staffMinutes', 'up');
    expectPairedMove(baseline, failing, 'eligibility.fullPayUpfront', 'up');
    expectPairedMove(baseline, failing, 'eligibility.failures.outage', 'up');
    // A failed check never turns an emergency away or holds it back.
    for (const key of [
      'admissions.stroke',
      'admissions.ami',
      'timeToCare.stroke.mean',
      'timeToCare.ami.mean',
    ])
      expectPairedUnchanged(baseline, failing, key);
  });

  it('travel: slower roads mean a longer call → hospital', () => {
    const slow = runs('slow-roads', [{ kind: 'travel', speedFactor: 0.6 }]);
    expectPairedMove(baseline, slow, 'ambulance.callToHospital.mean', 'up');
    expectPairedMove(baseline, slow, 'ambulance.response.mean', 'up');
  });

  it('bedBorrowing: a full function borrowing free beds of a more acute one means fewer inquiries refused for want of a bed', () => {
    const tight: Policy[] = [{ kind: 'setBeds', area: 'sendai', beds: { acute: 4500 } }];
    const a = runs('tight-acute', tight);
    const b = runs('borrowing', [...tight, { kind: 'bedBorrowing', enabled: true }]);
    expectPairedMove(a, b, 'inquiries.refused.noBed', 'down');
    expectPairedMove(a, b, 'borrowing.admissions', 'up');
  });

  it('year: the 2040 population brings more admissions per year than 2025', () => {
    const later = runs('year-2040', [], { year: 2040 });
    expectPairedMove(baseline, later, 'admissions.perYearPer100k', 'up');
  });
});
