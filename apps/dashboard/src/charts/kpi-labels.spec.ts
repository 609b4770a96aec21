import { describe, expect, it } from 'vitest';
import { JAPANESE, kpiLabelProblems, LATIN, plannedKpiKeys } from '../testing/kpi-label-check';
import { HEADLINE_KPI_KEYS } from './kpi-catalogue';
import { describeKpi, kpiLabel, kpiNamesOf, kpiUnit, NO_NAMES } from './kpi-labels';

const region = {
  areas: [
    { id: 'sendai', name: { ja: '仙台', en: 'Sendai' } },
    { id: 'osaki-kurihara', name: { ja: '大崎・栗原', en: 'Osaki-Kurihara' } },
  ],
  conditions: [{ id: 'stroke', name: { ja: '脳卒中', en: 'Stroke' } }],
};
const names = kpiNamesOf(region);
const properNames = [...region.areas, ...region.conditions].flatMap((x) => [x.name.ja, x.name.en]);

describe('KPI labels', () => {
  it('label every planned key of issue 15 with a unit, each language in its own script', () => {
    expect(kpiLabelProblems(plannedKpiKeys(['sendai', 'osaki-kurihara']), names, properNames)).toEqual([]);
  });

  it('label every headline key', () => {
    expect(kpiLabelProblems(HEADLINE_KPI_KEYS, NO_NAMES)).toEqual([]);
  });

  it('say what was refused, redirected and waited for, in plain words', () => {
    expect(describeKpi('inquiries.refusedShare')).toMatchObject({
      unit: 'percent',
      label: { ja: '受入照会のうち断られた割合', en: 'Inquiries refused (share of inquiries)' },
    });
    expect(describeKpi('inquiries.perAcceptedPatient.mean')).toMatchObject({
      unit: 'inquiries',
      label: { ja: '受入までの照会回数(1人あたり)', en: 'Inquiries per accepted patient' },
    });
    expect(describeKpi('walkIns.redirected')).toMatchObject({
      unit: 'patients',
      label: { ja: '満床で他院へ回った直接来院患者', en: 'Walk-ins redirected (first choice full)' },
    });
    expect(kpiLabel('inquiries.refused.busy', 'ja')).toBe('断られた受入照会: 手術中・患者対応中');
    expect(kpiLabel('inquiries.refused.outOfSpecialty', 'en')).toBe('Inquiries refused: outside specialty');
    expect(kpiLabel('ambulance.callWait.p90', 'ja')).toBe('救急車の出動待ち時間(90パーセンタイル)');
    expect(kpiLabel('admissions.scheduled', 'ja')).toBe('予定入院');
    expect(kpiLabel('admissions.emergency', 'ja')).toBe('緊急入院');
    expect(kpiLabel('eligibility.fullPayUpfront', 'ja')).toBe('10割負担で立て替えた患者');
  });

  it('give each key family its unit: counts, minutes, shares, days, vehicles', () => {
    expect(kpiUnit('difficultTransports')).toBe('cases');
    expect(kpiUnit('ambulance.inquiries.mean')).toBe('inquiries');
    expect(kpiUnit('ambulance.vehiclesBusy.mean')).toBe('vehicles');
    expect(kpiUnit('ambulance.callWait.mean')).toBe('minutes');
    expect(kpiUnit('ambulance.utilisation.sendai')).toBe('percent');
    expect(kpiUnit('daysOver95.sendai.recovery')).toBe('days');
    expect(kpiUnit('bedBlocking.days.recovery')).toBe('patientDays');
    expect(kpiUnit('eligibility.staffMinutes')).toBe('minutes');
    expect(kpiUnit('admissions.perYearPer100k')).toBe('perYearPer100k');
  });

  it('name the area, function and condition a key is about from the region', () => {
    expect(kpiLabel('daysOver95.sendai.recovery', 'ja', names)).toBe('仙台: 回復期が95%超の満床日数');
    expect(kpiLabel('daysOver95.sendai.recovery', 'en', names)).toBe(
      'Sendai: days recovery beds were over 95 % full',
    );
    expect(kpiLabel('occupancy.prefecture.highAcute', 'en', names)).toBe('High acute bed occupancy');
    expect(kpiLabel('occupancy.osaki-kurihara.acute', 'ja', names)).toBe('大崎・栗原: 急性期の病床稼働率');
    expect(kpiLabel('timeToCare.stroke.withinThreshold', 'ja', names)).toBe(
      '脳卒中: 目標時間内に治療を始めた割合',
    );
    expect(kpiLabel('area.sendai.callWait.mean', 'en', names)).toBe(
      'Sendai: wait for a free ambulance (mean)',
    );
    // an id the region does not name stands for itself
    expect(kpiLabel('selfSufficiency.elsewhere', 'en', names)).toBe('elsewhere: self-sufficiency');
  });

  it('tell a bed function from an area, and a route from a condition', () => {
    expect(kpiLabel('bedBlocking.days.recovery', 'ja', names)).toBe(
      '回復期の病床待ちの延べ日数(ベッドブロッキング)',
    );
    expect(kpiLabel('bedBlocking.days.sendai', 'ja', names)).toBe(
      '仙台: ベッドブロッキング(病院所在地別の延べ日数)',
    );
    expect(kpiLabel('admissions.ambulance', 'ja', names)).toBe('救急搬送による入院');
    expect(kpiLabel('admissions.stroke', 'ja', names)).toBe('脳卒中: 入院');
  });

  it('keep the keys issue 15 removed readable in older results, marked as such', () => {
    expect(describeKpi('refusals')?.legacy).toBe(true);
    expect(describeKpi('refusals')?.label.en).not.toBe('Refusals (no bed)');
    expect(describeKpi('ambulance.vehicleWait.mean')).toMatchObject({ unit: 'minutes', legacy: true });
    expect(describeKpi('inquiries.refusedShare')?.legacy).toBe(false);
  });

  it('know no label for a key outside every family', () => {
    expect(describeKpi('nothing.like.this')).toBeNull();
    expect(kpiLabel('nothing.like.this', 'ja')).toBe('nothing.like.this');
    expect(kpiLabelProblems(['nothing.like.this'], NO_NAMES)).toEqual(['nothing.like.this: no label']);
  });

  it('catch a label in the wrong script', () => {
    expect(LATIN.test('受入照会 share')).toBe(true);
    expect(JAPANESE.test('Inquiries refused 受入')).toBe(true);
    expect(JAPANESE.test('Call → scene (mean): 95 % – ok')).toBe(false);
    const latinNames = kpiNamesOf({ areas: [{ id: 'x', name: { ja: 'North', en: '北' } }] });
    expect(kpiLabelProblems(['selfSufficiency.x'], latinNames)).toEqual([
      'selfSufficiency.x: Japanese label "North: 自己完結率" has Latin letters',
      'selfSufficiency.x: English label "北: self-sufficiency" has Japanese',
    ]);
    expect(kpiLabelProblems(['selfSufficiency.x'], latinNames, ['North', '北'])).toEqual([]);
  });
});
