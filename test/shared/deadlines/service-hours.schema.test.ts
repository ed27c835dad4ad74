import { ALWAYS_OPEN, ServiceDay, ServiceHours } from '../../../shared/deadlines/service-hours.schema';
import { CANTEEN_HOURS } from '../fixtures';

describe('ServiceDay', () => {
  it.each<[string, unknown, boolean]>([
    ['accepts a closed day', [], true],
    ['accepts a whole day ending at 24:00', [{ open: '00:00', close: '24:00' }], true],
    ['accepts lunch and dinner', CANTEEN_HOURS[1], true],
    ['rejects close before open', [{ open: '17:00', close: '08:00' }], false],
    ['rejects close equal to open', [{ open: '08:00', close: '08:00' }], false],
    ['rejects an interval crossing midnight', [{ open: '22:00', close: '02:00' }], false],
    ['rejects opening at 24:00', [{ open: '24:00', close: '24:00' }], false],
    [
      'rejects overlapping intervals',
      [
        { open: '08:00', close: '12:00' },
        { open: '11:00', close: '13:00' },
      ],
      false,
    ],
    [
      'rejects intervals out of order',
      [
        { open: '17:00', close: '19:00' },
        { open: '11:00', close: '13:00' },
      ],
      false,
    ],
    ['rejects a time without padding', [{ open: '8:00', close: '17:00' }], false],
  ])('%s', (_name, input, ok) => {
    expect(ServiceDay.safeParse(input).success).toBe(ok);
  });
});

describe('ServiceHours', () => {
  it('accepts an always-open zone', () => {
    expect(ServiceHours.safeParse(ALWAYS_OPEN).success).toBe(true);
  });

  it('rejects a week without any opening', () => {
    expect(ServiceHours.safeParse({ 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] }).success).toBe(false);
  });
});
