import type { RoleBinding } from '../../../shared/org/person.schema';
import { relationsTo } from '../../../shared/tickets/ticket.roles';
import { CENTRE, CONTRACTOR } from '../fixtures';

const ticket = { assigneeId: 'p-staff', unitId: CONTRACTOR._id, reporterOpenid: 'o-reporter' };

describe('relationsTo', () => {
  it.each<[string, string, string, RoleBinding[], string[]]>([
    ['anyone with no bindings is nobody on the ticket', 'p-x', 'o-x', [], []],
    ['the reporter is recognised by openid', 'o-reporter', 'o-reporter', [], ['reporter']],
    ['the assignee is recognised by person id', 'p-staff', 'o-staff', [{ role: 'staff', unitId: CONTRACTOR._id }], ['assignee']],
    ['the contractor manager manages its tickets', 'p-m', 'o-m', [{ role: 'manager', unitId: CONTRACTOR._id }], ['unitManager']],
    ['the overseeing centre manager manages contractor tickets', 'p-m', 'o-m', [{ role: 'manager', unitId: CENTRE._id }], ['unitManager']],
    ['a manager of another unit does not', 'p-m', 'o-m', [{ role: 'manager', unitId: 'centre-food' }], []],
    [
      'a centre inspector is in scope for its contractors',
      'p-i',
      'o-i',
      [{ role: 'inspector', level: 'centre', unitId: CENTRE._id }],
      ['inspectorInScope'],
    ],
    ['an inspector of another centre is out of scope', 'p-i', 'o-i', [{ role: 'inspector', level: 'centre', unitId: 'centre-food' }], []],
    [
      'an office inspector is in scope everywhere',
      'p-i',
      'o-i',
      [{ role: 'inspector', level: 'office' }],
      ['officeInspector', 'inspectorInScope'],
    ],
    ['a leader has no role in the loop', 'p-l', 'o-l', [{ role: 'leader' }], []],
  ])('%s', (_name, id, openid, roles, expected) => {
    expect(relationsTo(ticket, { id, openid, roles }, CONTRACTOR).sort()).toEqual([...expected].sort());
  });
});
