// Small fixed inputs for chart tests: three areas, eight municipalities, four hospitals, and
// results shaped like the service's (two replications, five days).
import type { AggregateResult, Estimate, ReplicationResult, StaticNeed } from '@caretwin/contracts';
import type { PrefectureMapData } from '../charts/prefecture-map';

export const MAP_DATA: PrefectureMapData = {
  boundaries: null,
  areas: [
    { id: 'north', name: '北部' },
    { id: 'centre', name: '中央' },
    { id: 'south', name: '南部' },
  ],
  municipalities: [
    { id: '01001', name: 'A町', area: 'north', lat: 38.9, lng: 141.0 },
    { id: '01002', name: 'B町', area: 'north', lat: 38.8, lng: 141.3 },
    { id: '01003', name: 'C市', area: 'centre', lat: 38.4, lng: 140.9 },
    { id: '01004', name: 'D市', area: 'centre', lat: 38.3, lng: 141.1 },
    { id: '01005', name: 'E村', area: 'centre', lat: 38.5, lng: 141.2 },
    { id: '01006', name: 'F町', area: 'south', lat: 38.0, lng: 140.7 },
    { id: '01007', name: 'G町', area: 'south', lat: 37.9, lng: 140.9 },
    { id: '01008', name: 'H町', area: 'south', lat: 38.1, lng: 140.6 },
  ],
  hospitals: [
    {
      id: 'h-north',
      name: '北病院',
      area: 'north',
      lat: 38.85,
      lng: 141.1,
      beds: 200,
      utilisation: 0.8,
      synthetic: true,
    },
    {
      id: 'h-centre',
      name: '中央病院',
      area: 'centre',
      lat: 38.35,
      lng: 141.0,
      beds: 800,
      utilisation: 0.97,
      synthetic: true,
    },
    {
      id: 'h-centre-2',
      name: '中央第二病院',
      area: 'centre',
      lat: 38.45,
      lng: 141.15,
      beds: 50,
      utilisation: 0.55,
      synthetic: true,
    },
    {
      id: 'h-south',
      name: '南病院',
      area: 'south',
      lat: 38.0,
      lng: 140.8,
      beds: 120,
      utilisation: null,
      synthetic: true,
    },
  ],
};

export const est = (mean: number, halfWidth: number, n = 2): Estimate => ({
  n,
  mean,
  sd: halfWidth / 2,
  halfWidth,
  lo: mean - halfWidth,
  hi: mean + halfWidth,
});

export const STATIC_NEED: StaticNeed = {
  year: 2025,
  targets: { highAcute: 0.75, acute: 0.78, recovery: 0.9, chronic: 0.92 },
  treatingAreaMethod: 'expected shares',
  byHomeArea: [
    { area: 'north', function: 'acute', bedDaysPerYear: 36500, census: 100, need: 128.2, beds: 150 },
    { area: 'north', function: 'recovery', bedDaysPerYear: 18250, census: 50, need: 55.6, beds: 40 },
    { area: 'south', function: 'acute', bedDaysPerYear: 73000, census: 200, need: 256.4, beds: 220 },
    { area: 'south', function: 'recovery', bedDaysPerYear: 9125, census: 25, need: 27.8, beds: 30 },
  ],
  byTreatingArea: [
    { area: 'north', function: 'acute', bedDaysPerYear: 32850, census: 90, need: 115.4, beds: 150 },
    { area: 'north', function: 'recovery', bedDaysPerYear: 18250, census: 50, need: 55.6, beds: 40 },
    { area: 'south', function: 'acute', bedDaysPerYear: 76650, census: 210, need: 269.2, beds: 220 },
    { area: 'south', function: 'recovery', bedDaysPerYear: 9125, census: 25, need: 27.8, beds: 30 },
  ],
  prefecture: [],
};

export const AGGREGATE_OCCUPANCY: AggregateResult['dailyOccupancy'] = [
  {
    area: 'north',
    function: 'acute',
    inUse: { mean: [100, 110, 120], lo: [95, 104, 118], hi: [105, 116, 122] },
    capacity: [150, 150, 150],
  },
  {
    area: 'north',
    function: 'recovery',
    inUse: { mean: [30, 32, 40], lo: [28, 30, 39], hi: [32, 34, 40] },
    capacity: [40, 40, 40],
  },
  {
    area: 'south',
    function: 'acute',
    inUse: { mean: [200, 210, 215], lo: [190, 205, 212], hi: [210, 215, 218] },
    capacity: [220, 220, 220],
  },
  {
    area: 'south',
    function: 'recovery',
    inUse: { mean: [0, 0, 0], lo: [0, 0, 0], hi: [0, 0, 0] },
    capacity: [0, 0, 0],
  },
];

export const FLOW: AggregateResult['flow'] = {
  areas: ['north', 'centre', 'south'],
  admissions: [
    [800, 150, 0],
    [20, 3000, 30],
    [0, 400, 600],
  ],
  leftRegion: [50, 0, 0],
  selfSufficiency: [est(0.8, 0.02), est(0.98, 0.005), est(0.6, 0.03)],
};

export function replication(index: number, kpis: Record<string, number>): ReplicationResult {
  return {
    schemaVersion: 1,
    scenarioId: 'fixture',
    regionId: 'fixture',
    seed: 1,
    replication: index,
    startDate: '2025-04-01',
    warmupDays: 0,
    horizonDays: 3,
    daysSimulated: 3,
    stoppedEarly: false,
    kpis,
    dailyOccupancy: [],
    weeklyHospitalOccupancy: [],
    hospitals: [],
    flow: { areas: [], admissions: [], leftRegion: [], selfSufficiency: [] },
    census: {
      generated: { arrivals: 0, calls: 0, initial: 0, total: 0 },
      byState: {
        discharged: 0,
        died: 0,
        transportedNotAdmitted: 0,
        leftRegion: 0,
        inSystem: 0,
      },
      inSystem: {
        inBed: 0,
        blocked: 0,
        overflow: 0,
        transport: 0,
        waitingVehicle: 0,
        bookingList: 0,
        atDoor: 0,
      },
      consistent: true,
    },
    staticNeed: STATIC_NEED,
  };
}
