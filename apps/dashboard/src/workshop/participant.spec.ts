// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { heldToken } from '../api/session';
import { joinedWorkshop, participantTab, takePrintKey } from './participant';

describe('a print link in the address', () => {
  afterEach(() => sessionStorage.clear());

  it('holds its key as the tab’s token, remembers the workshop, and leaves the address without it', () => {
    const key = 'ctv_w-1.1796300000.' + 'a'.repeat(43);
    expect(takePrintKey(`#/workshops/w-1/handout?lang=en&key=${key}`)).toBe(
      '#/workshops/w-1/handout?lang=en',
    );
    expect(heldToken()).toBe(key);
    expect(joinedWorkshop()).toBe('w-1');
    // the handout then reads through the workshop's routes, as a participant's tab does
    expect(participantTab()).toBe(true);
  });

  it('leaves any other address and key alone', () => {
    expect(takePrintKey('#/workshops/w-1/handout?lang=en')).toBeNull();
    expect(takePrintKey('#/workshops/w-1?key=ctv_x')).toBeNull();
    expect(takePrintKey('#/workshops/w-1/handout?key=ct_planner-token')).toBeNull();
    expect(heldToken()).toBeNull();
  });
});
