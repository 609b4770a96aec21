import { describe, expect, it } from 'vitest';
import { loadRunSettings, saveRunSettings } from './run-settings';

const memory = (): Pick<Storage, 'getItem' | 'setItem'> => {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
};

describe('remembered run settings', () => {
  it('come back as they were saved', () => {
    const store = memory();
    saveRunSettings({ replications: 3, horizonDays: 30, seed: 0 }, store);
    expect(loadRunSettings(store)).toEqual({ replications: 3, horizonDays: 30, seed: 0 });
  });

  it('leave out what was never set or is stored wrong', () => {
    const store = memory();
    expect(loadRunSettings(store)).toEqual({});
    store.setItem('caretwin.runSettings', '{"replications":0,"horizonDays":"30","seed":5}');
    expect(loadRunSettings(store)).toEqual({ seed: 5 });
    store.setItem('caretwin.runSettings', 'not json');
    expect(loadRunSettings(store)).toEqual({});
  });
});
