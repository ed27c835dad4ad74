import { Category, DEFAULT_CATEGORIES } from '../../../shared/org/category.schema';
import { Person } from '../../../shared/org/person.schema';
import { Unit } from '../../../shared/org/unit.schema';
import { Zone } from '../../../shared/org/zone.schema';
import { CONTRACTOR, ZONE } from '../fixtures';

describe('Unit', () => {
  it('accepts a contractor overseen by a centre under a contract', () => {
    expect(Unit.safeParse(CONTRACTOR).success).toBe(true);
  });

  it('rejects a contractor without a contract reference', () => {
    const { contractRef: _omitted, ...noContract } = CONTRACTOR as Extract<Unit, { kind: 'contractor' }>;
    expect(Unit.safeParse(noContract).success).toBe(false);
  });
});

describe('Zone', () => {
  it.each<[string, object, boolean]>([
    ['accepts a floor under its building', {}, true],
    ['accepts a campus that is its own root', { _id: 'campus-main', kind: 'campus', parentId: null, path: [] }, true],
    ['rejects a floor without a parent', { parentId: null }, false],
    ['rejects a path that does not end at the parent', { path: ['campus-main'] }, false],
    ['rejects a path that does not start at the campus', { path: ['elsewhere', 'zone-b1'] }, false],
    ['rejects a QR scene id with unsafe characters', { sceneId: 'b1/f2?x=1' }, false],
    ['rejects a backup identical to the primary', { responsible: { primary: 'p-staff', backup: 'p-staff' } }, false],
  ])('%s', (_name, override, ok) => {
    expect(Zone.safeParse({ ...ZONE, ...override }).success).toBe(ok);
  });
});

describe('Person', () => {
  const person = { _id: 'p1', openid: 'o1', name: '张三' };
  it.each<[string, unknown[], boolean]>([
    [
      'accepts staff and manager bindings',
      [
        { role: 'staff', unitId: 'u1' },
        { role: 'manager', unitId: 'u1' },
      ],
      true,
    ],
    ['accepts an office-level inspector', [{ role: 'inspector', level: 'office' }], true],
    ['accepts a centre-level inspector with a unit', [{ role: 'inspector', level: 'centre', unitId: 'c1' }], true],
    ['rejects a centre-level inspector without a unit', [{ role: 'inspector', level: 'centre' }], false],
    ['rejects an unknown role', [{ role: 'superuser' }], false],
    ['accepts a reporter with no bindings', [], true],
  ])('%s', (_name, roles, ok) => {
    expect(Person.safeParse({ ...person, roles }).success).toBe(ok);
  });
});

describe('DEFAULT_CATEGORIES', () => {
  it('lists the eleven categories, each valid and with a unique code', () => {
    expect(DEFAULT_CATEGORIES.map((c) => c.code)).toEqual([
      'hygiene',
      'attitude',
      'on_post',
      'discipline',
      'safety',
      'facility',
      'food_safety',
      'standards',
      'work_style',
      'contract',
      'other',
    ]);
    for (const c of DEFAULT_CATEGORIES) expect(Category.parse(c)).toEqual(c);
  });
});
