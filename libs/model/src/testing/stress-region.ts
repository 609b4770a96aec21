// Test support: a small two-area region that exercises every path of the model at once —
// scarce ambulances, full wards, step-down transfers across areas, booked patients on waiting
// lists, failed eligibility checks (per person and in outages) with 10割 patients whose
// deferred outpatient care returns as later admissions, deaths, and a hospital that closes.
import type { Policy, Region } from '@caretwin/scenario';
import { buildRegion, condition } from './region-builder';

export function stressRegion(): Region {
  return buildRegion({
    id: 'stress',
    areas: [
      { id: 'north', adjacent: ['south'] },
      { id: 'south', adjacent: ['north'] },
    ],
    municipalities: [
      { id: 'n1', area: 'north', lat: 38.5, lng: 141.0, population: 60_000 },
      { id: 'n2', area: 'north', lat: 38.6, lng: 141.2, population: 30_000 },
      { id: 's1', area: 'south', lat: 38.1, lng: 140.9, population: 80_000 },
    ],
    hospitals: [
      {
        id: 'n-core',
        area: 'north',
        municipality: 'n1',
        lat: 38.51,
        lng: 141.01,
        beds: { highAcute: 4, acute: 30 },
        capabilities: ['stroke', 'emergency3'],
      },
      {
        id: 'n-rehab',
        area: 'north',
        municipality: 'n2',
        lat: 38.6,
        lng: 141.19,
        beds: { recovery: 12, chronic: 15 },
      },
      {
        id: 's-core',
        area: 'south',
        municipality: 's1',
        lat: 38.1,
        lng: 140.91,
        beds: { highAcute: 3, acute: 25, recovery: 6 },
        capabilities: ['stroke'],
      },
      {
        id: 's-small',
        area: 'south',
        municipality: 's1',
        lat: 38.12,
        lng: 140.88,
        beds: { acute: 10, chronic: 8 },
      },
    ],
    bases: [
      { id: 'b-north', area: 'north', municipality: 'n1', lat: 38.5, lng: 141.0, vehicles: 1 },
      { id: 'b-south', area: 'south', municipality: 's1', lat: 38.1, lng: 140.9, vehicles: 1 },
    ],
    transport: { notAdmittedShare: 0.4, inquiryMinutes: 8, sceneMinutes: 18 },
    eligibility: {
      failureRate: 0.25,
      hospitalOutagesPerDay: 0.1,
      hospitalOutageHours: 3,
      regionOutagesPerYear: 6,
      proofShare: 0.6,
      delayMinutes: 45,
      outpatientVisitsPerAdmission: 100,
      deferShare: 0.5,
      returnShare: 0.02,
      returnDays: 10,
      returnConditions: { pneumonia: 2, stroke: 1 },
    },
    conditions: [
      condition({
        id: 'stroke',
        ratePer100k: 350,
        ambulanceShare: 0.8,
        capability: 'stroke',
        timeCriticalMinutes: 270,
        seasonalAmplitude: 0.2,
        entry: [
          ['icu', 0.3],
          ['ward', 0.7],
        ],
        phases: [
          { id: 'icu', function: 'highAcute', meanDays: 3, cv: 0.6, next: [['ward', 1]] },
          {
            id: 'ward',
            function: 'acute',
            meanDays: 12,
            cv: 0.7,
            distribution: 'lognormal',
            next: [
              ['rehab', 0.5],
              ['home', 0.4],
              ['death', 0.1],
            ],
          },
          {
            id: 'rehab',
            function: 'recovery',
            meanDays: 40,
            cv: 0.5,
            next: [
              ['long', 0.2],
              ['home', 0.8],
            ],
          },
          {
            id: 'long',
            function: 'chronic',
            meanDays: 60,
            cv: 1,
            next: [
              ['home', 0.7],
              ['death', 0.3],
            ],
          },
        ],
      }),
      condition({
        id: 'pneumonia',
        ratePer100k: 900,
        ambulanceShare: 0.4,
        phases: [
          {
            id: 'ward',
            function: 'acute',
            meanDays: 9,
            cv: 0.8,
            next: [
              ['home', 0.9],
              ['death', 0.1],
            ],
          },
        ],
      }),
      condition({
        id: 'surgery',
        ratePer100k: 800,
        scheduledShare: 0.95,
        ambulanceShare: 0.05,
        phases: [{ id: 'ward', function: 'acute', meanDays: 5, cv: 0.5, distribution: 'exponential' }],
      }),
    ],
  });
}

/** Levers that keep the stress region busy mid-run (days after the start, warm-up included). */
export const STRESS_POLICIES: Policy[] = [
  { kind: 'bedBorrowing', enabled: true, fromDay: 20 },
  { kind: 'closeHospital', hospital: 's-small', fromDay: 40 },
  { kind: 'setAmbulances', area: 'north', vehicles: 2, fromDay: 50 },
];
