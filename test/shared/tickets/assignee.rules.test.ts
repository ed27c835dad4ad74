import { chooseAssignee, type DutyPerson } from '../../../shared/tickets/assignee.rules';

const zone = { responsible: { primary: 'p-primary' } };
const on = (id: string): DutyPerson => ({ _id: id });
const onFlag = (id: string): DutyPerson => ({ _id: id, onDuty: true });
const off = (id: string): DutyPerson => ({ _id: id, onDuty: false });

describe('chooseAssignee (the duty fallback)', () => {
  it.each([
    ['the primary on duty (no flag)', on('p1'), on('b1'), [on('m1')], 'p1'],
    ['the primary on duty (flag true)', onFlag('p1'), on('b1'), [], 'p1'],
    ['the backup when the primary is off duty', off('p1'), on('b1'), [on('m1')], 'b1'],
    ['the backup when the primary record is gone', null, on('b1'), [on('m1')], 'b1'],
    ['the first manager when both are off duty', off('p1'), off('b1'), [on('m1'), on('m2')], 'm1'],
    ['the first manager when there is no backup', off('p1'), null, [on('m1')], 'm1'],
    ['the first manager even if flagged off duty (managers are not rostered)', off('p1'), off('b1'), [off('m1')], 'm1'],
    ['the zone primary when nobody qualifies', off('p1'), off('b1'), [], 'p-primary'],
    ['nobody (待分派) when no record exists at all', null, null, [], null],
    ['nobody (待分派) when the primary record is gone and the backup is off duty', null, off('b1'), [], null],
  ] as const)('gives %s', (_case, primary, backup, managers, expected) => {
    expect(chooseAssignee(zone, { primary, backup, managers: [...managers] })).toBe(expected);
  });
});
