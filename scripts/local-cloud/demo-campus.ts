/**
 * The demo campus `npm start` seeds into a fresh local cloud: the general-affairs office, three service
 * centres and two contractors; two campuses with canteens (and their windows), dormitories, teaching
 * buildings, a library and energy sites; the people who work there; and a few students and faculty who
 * only report. Every name and number here is invented.
 *
 * Plain data: seed.ts validates it against the shared schemas and the references between documents.
 */
import { TEMPLATES } from '../../shared/contract/templates';
import type { ServiceHours, ServiceInterval } from '../../shared/deadlines/service-hours.schema';
import type { Person, RoleBinding } from '../../shared/org/person.schema';
import type { Unit } from '../../shared/org/unit.schema';
import type { Zone } from '../../shared/org/zone.schema';

/** How an identity is listed at start: `openid name（label）`. */
export type DemoIdentity = { openid: string; name: string; label: string };

/** A registered demo person, with the zh-CN role label printed at start. */
export type DemoPerson = Person & { label: string };

/**
 * Subscription-message templates granted to every registered demo person: the ids the functions send
 * (shared/contract/templates.ts, the one definition). Each person starts with `DEMO_REMINDERS` of each, as
 * someone who accepted the prompt a few times would: the demo shows the real behaviour, where reminders run
 * out and the app asks again. Reporters get none, so the 43101 path stays exercised.
 */
export const DEMO_TEMPLATE_IDS = Object.values(TEMPLATES);
export const DEMO_REMINDERS = 3;

// ---- units ---------------------------------------------------------------------------------------

export const DEMO_UNITS: readonly Unit[] = [
  { _id: 'unit-office', kind: 'office', name: '总务部', parentId: null },
  { _id: 'unit-property', kind: 'centre', name: '物业服务中心', parentId: 'unit-office' },
  { _id: 'unit-dining', kind: 'centre', name: '饮食服务中心', parentId: 'unit-office' },
  { _id: 'unit-energy', kind: 'centre', name: '能源服务中心', parentId: 'unit-office' },
  {
    _id: 'unit-property-co',
    kind: 'contractor',
    name: '华安物业管理有限公司',
    parentId: 'unit-property',
    contractRef: 'ZWB-WY-2025-012 学生公寓物业服务合同',
  },
  {
    _id: 'unit-canteen-co',
    kind: 'contractor',
    name: '鑫源餐饮管理有限公司',
    parentId: 'unit-dining',
    contractRef: 'ZWB-YS-2025-003 第二食堂委托经营合同',
  },
];

// ---- people --------------------------------------------------------------------------------------

const person = (key: string, name: string, label: string, roles: RoleBinding[], phone?: string): DemoPerson => ({
  _id: `person-${key}`,
  openid: `demo-${key}`,
  name,
  label,
  roles,
  ...(phone === undefined ? {} : { phone }),
});
const staff = (unitId: string) => [{ role: 'staff' as const, unitId }];
const manager = (unitId: string) => [{ role: 'manager' as const, unitId }];
const centreInspector = (unitId: string) => [{ role: 'inspector' as const, level: 'centre' as const, unitId }];

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  // Staff: the zones' responsible people.
  person('staff-property-1', '孙丽', '物业中心员工', staff('unit-property'), '13800000101'),
  person('staff-property-2', '马强', '物业中心员工', staff('unit-property'), '13800000102'),
  person('staff-property-3', '胡静', '物业中心员工', staff('unit-property'), '13800000103'),
  person('staff-property-co-1', '何秀英', '物业公司宿管员', staff('unit-property-co'), '13800000111'),
  person('staff-property-co-2', '高建华', '物业公司宿管员', staff('unit-property-co'), '13800000112'),
  person('staff-property-co-3', '林小燕', '物业公司宿管员', staff('unit-property-co'), '13800000113'),
  person('staff-property-co-4', '罗志明', '物业公司宿管员', staff('unit-property-co'), '13800000114'),
  person('staff-property-co-5', '梁桂芳', '物业公司宿管员', staff('unit-property-co'), '13800000115'),
  person('staff-canteen-1', '谢春燕', '食堂员工', staff('unit-dining'), '13800000121'),
  person('staff-canteen-2', '宋卫东', '食堂员工', staff('unit-dining'), '13800000122'),
  person('staff-canteen-3', '唐丽娟', '食堂员工', staff('unit-dining'), '13800000123'),
  person('staff-canteen-4', '许大海', '食堂员工', staff('unit-dining'), '13800000124'),
  person('staff-canteen-co-1', '韩冬梅', '餐饮公司员工', staff('unit-canteen-co'), '13800000131'),
  person('staff-canteen-co-2', '邓建军', '餐饮公司员工', staff('unit-canteen-co'), '13800000132'),
  person('staff-canteen-co-3', '曹玉兰', '餐饮公司员工', staff('unit-canteen-co'), '13800000133'),
  person('staff-energy-1', '彭志刚', '能源中心员工', staff('unit-energy'), '13800000141'),
  person('staff-energy-2', '曾伟', '能源中心员工', staff('unit-energy'), '13800000142'),
  // Managers: one per centre and contractor, and the office's (the 200 % escalation level reaches them).
  person('manager-office', '钱志远', '总务部副部长', manager('unit-office'), '13800000200'),
  person('manager-property', '王立新', '物业中心经理', manager('unit-property'), '13800000201'),
  person('manager-dining', '李红梅', '饮食中心经理', manager('unit-dining'), '13800000202'),
  person('manager-energy', '张国栋', '能源中心经理', manager('unit-energy'), '13800000203'),
  person('manager-property-co', '刘海涛', '物业公司项目经理', manager('unit-property-co'), '13800000204'),
  person('manager-canteen-co', '赵文斌', '餐饮公司经理', manager('unit-canteen-co'), '13800000205'),
  // Inspectors: two for the office, one per centre.
  person('inspector-office-1', '周明远', '总务部巡查员', [{ role: 'inspector', level: 'office' }]),
  person('inspector-office-2', '陈晓琳', '总务部巡查员', [{ role: 'inspector', level: 'office' }]),
  person('inspector-property', '吴建国', '物业中心巡查员', centreInspector('unit-property')),
  person('inspector-dining', '郑丽华', '饮食中心巡查员', centreInspector('unit-dining')),
  person('inspector-energy', '冯志强', '能源中心巡查员', centreInspector('unit-energy')),
  person('leader', '黄振华', '分管校领导', [{ role: 'leader' }]),
  person('admin', '徐敏', '系统管理员', [{ role: 'admin' }]),
];

/**
 * Students and faculty: anyone with an openid may report, so they have no `people` document and the
 * functions meet them as unregistered callers.
 */
export const DEMO_REPORTERS: readonly DemoIdentity[] = [
  { openid: 'demo-student-1', name: '张子涵', label: '学生' },
  { openid: 'demo-student-2', name: '王思远', label: '学生' },
  { openid: 'demo-faculty-1', name: '刘文静', label: '教师' },
];

// ---- service hours (Asia/Shanghai wall clock; 1 = Monday … 7 = Sunday) -----------------------------

const at = (open: string, close: string): ServiceInterval => ({ open, close });
const week = (weekday: ServiceInterval[], weekend: ServiceInterval[]): ServiceHours => ({
  1: weekday,
  2: weekday,
  3: weekday,
  4: weekday,
  5: weekday,
  6: weekend,
  7: weekend,
});
const daily = (day: ServiceInterval[]): ServiceHours => week(day, day);

const H = {
  allDay: daily([at('00:00', '24:00')]),
  campus: daily([at('06:00', '22:00')]),
  dorm: daily([at('07:00', '23:00')]),
  classroom: week([at('07:00', '22:00')], [at('08:00', '18:00')]),
  library: daily([at('07:30', '22:30')]),
  boilingWater: daily([at('06:30', '08:30'), at('11:00', '13:30'), at('17:00', '23:00')]),
  /** Breakfast, lunch and dinner; weekends start later and close earlier. */
  threeMeals: week(
    [at('06:30', '09:00'), at('11:00', '13:30'), at('17:00', '19:30')],
    [at('07:00', '09:30'), at('11:00', '13:00'), at('17:00', '19:00')],
  ),
  /** Lunch and dinner only. */
  twoMeals: week([at('11:00', '13:30'), at('17:00', '19:30')], [at('11:00', '13:00'), at('17:00', '19:00')]),
  /** Cooked-to-order: weekdays only. */
  weekdayMeals: week([at('11:00', '13:30'), at('17:00', '19:30')], []),
  /** Lunch, dinner and a late-night window. */
  lateNight: daily([at('11:00', '13:30'), at('17:00', '19:30'), at('20:30', '23:00')]),
  /** A canteen with a late-night window is open for breakfast, lunch, dinner and the late shift. */
  canteenWithNight: week(
    [at('06:30', '09:00'), at('11:00', '13:30'), at('17:00', '19:30'), at('20:30', '23:00')],
    [at('07:00', '09:30'), at('11:00', '13:30'), at('17:00', '19:30'), at('20:30', '23:00')],
  ),
} satisfies Record<string, ServiceHours>;

// ---- zones ---------------------------------------------------------------------------------------

type Duty = [primary: string, backup: string];
type Place = { slug: string; code: string; name: string; kind: Zone['kind']; unitId: string; duty: Duty; hours: ServiceHours };

const p = (key: string) => `person-${key}`;
const duty = (primary: string, backup: string): Duty => [p(primary), p(backup)];

/** A campus: the root of its hierarchy; its own campus, with no ancestors. */
function campus(n: number, name: string, unitId: string, d: Duty): Zone {
  const id = `zone-c${n}`;
  return {
    _id: id,
    name,
    kind: 'campus',
    parentId: null,
    path: [],
    campusId: id,
    unitId,
    responsible: { primary: d[0], backup: d[1] },
    serviceHours: H.campus,
    sceneId: `c${n}`,
  };
}

/** A place under `parent`: id, QR scene and ancestry follow from the parent. */
function under(parent: Zone, place: Place): Zone {
  return {
    _id: `${parent._id}-${place.slug}`,
    name: place.name,
    kind: place.kind,
    parentId: parent._id,
    path: [...parent.path, parent._id],
    campusId: parent.campusId,
    unitId: place.unitId,
    responsible: { primary: place.duty[0], backup: place.duty[1] },
    serviceHours: place.hours,
    sceneId: `${parent.sceneId}-${place.code}`,
  };
}

/** A building and its floors 1..floors, all under the same unit and people. */
function building(parent: Zone, place: Place, floors: number): Zone[] {
  const b = under(parent, place);
  const fs = Array.from({ length: floors }, (_, i) =>
    under(b, { ...place, slug: `f${i + 1}`, code: `f${i + 1}`, name: `${place.name}${i + 1}层`, kind: 'floor' }),
  );
  return [b, ...fs];
}

type Window = { dish: string; hours: ServiceHours };

/** A canteen, its dining hall and its numbered windows; window duty rotates through `crew`. */
function canteen(parent: Zone, n: number, name: string, unitId: string, crew: string[], hours: ServiceHours, windows: Window[]): Zone[] {
  const c = under(parent, { slug: `canteen-${n}`, code: `ct${n}`, name, kind: 'canteen', unitId, duty: duty(crew[0], crew[1]), hours });
  const hall = under(c, { slug: 'hall', code: 'hall', name: `${name}用餐大厅`, kind: 'area', unitId, duty: duty(crew[1], crew[0]), hours });
  const ws = windows.map((w, i) => {
    const nn = String(i + 1).padStart(2, '0');
    const d = duty(crew[i % crew.length], crew[(i + 1) % crew.length]);
    return under(c, {
      slug: `w${nn}`,
      code: `w${nn}`,
      name: `${name}${i + 1}号窗口（${w.dish}）`,
      kind: 'window',
      unitId,
      duty: d,
      hours: w.hours,
    });
  });
  return [c, hall, ...ws];
}

const c1 = campus(1, '本部校区', 'unit-property', duty('staff-property-1', 'staff-property-2'));
const c2 = campus(2, '东校区', 'unit-property', duty('staff-property-3', 'staff-property-2'));

const dorm = (parent: Zone, n: number, name: string, d: Duty, floors: number) =>
  building(
    parent,
    { slug: `dorm-${n}`, code: `d${n}`, name, kind: 'dormitory', unitId: 'unit-property-co', duty: d, hours: H.dorm },
    floors,
  );
const teaching = (parent: Zone, n: number, name: string, d: Duty, floors: number) =>
  building(
    parent,
    { slug: `teach-${n}`, code: `t${n}`, name, kind: 'building', unitId: 'unit-property', duty: d, hours: H.classroom },
    floors,
  );
const waterRoom = (dormitory: Zone, name: string, d: Duty) =>
  under(dormitory, { slug: 'water', code: 'ws', name, kind: 'area', unitId: 'unit-energy', duty: d, hours: H.boilingWater });

const c1Dorms = [
  dorm(c1, 1, '学生公寓1号楼', duty('staff-property-co-1', 'staff-property-co-2'), 6),
  dorm(c1, 2, '学生公寓2号楼', duty('staff-property-co-2', 'staff-property-co-1'), 6),
  dorm(c1, 3, '学生公寓3号楼', duty('staff-property-co-3', 'staff-property-co-1'), 6),
  dorm(c1, 4, '学生公寓4号楼', duty('staff-property-co-3', 'staff-property-co-2'), 6),
];
const c2Dorms = [
  dorm(c2, 1, '东区公寓1号楼', duty('staff-property-co-4', 'staff-property-co-5'), 5),
  dorm(c2, 2, '东区公寓2号楼', duty('staff-property-co-5', 'staff-property-co-4'), 5),
  dorm(c2, 3, '东区公寓3号楼', duty('staff-property-co-4', 'staff-property-co-5'), 5),
];

export const DEMO_ZONES: readonly Zone[] = [
  c1,
  ...canteen(
    c1,
    1,
    '第一食堂',
    'unit-dining',
    ['staff-canteen-1', 'staff-canteen-2', 'staff-canteen-3', 'staff-canteen-4'],
    H.canteenWithNight,
    [
      { dish: '包子面点', hours: H.threeMeals },
      { dish: '粥品豆浆', hours: H.threeMeals },
      { dish: '米饭套餐', hours: H.twoMeals },
      { dish: '自选快餐', hours: H.twoMeals },
      { dish: '清真风味', hours: H.threeMeals },
      { dish: '麻辣烫', hours: H.twoMeals },
      { dish: '特色小炒', hours: H.weekdayMeals },
      { dish: '夜宵', hours: H.lateNight },
    ],
  ),
  ...c1Dorms.flat(),
  waterRoom(c1Dorms[0][0], '学生公寓1号楼开水房', duty('staff-energy-1', 'staff-energy-2')),
  ...teaching(c1, 1, '第一教学楼', duty('staff-property-1', 'staff-property-2'), 5),
  ...teaching(c1, 2, '第二教学楼', duty('staff-property-2', 'staff-property-1'), 4),
  ...building(
    c1,
    {
      slug: 'library',
      code: 'lib',
      name: '图书馆',
      kind: 'building',
      unitId: 'unit-property',
      duty: duty('staff-property-1', 'staff-property-3'),
      hours: H.library,
    },
    4,
  ),
  under(c1, {
    slug: 'power',
    code: 'pwr',
    name: '本部配电中心',
    kind: 'building',
    unitId: 'unit-energy',
    duty: duty('staff-energy-1', 'staff-energy-2'),
    hours: H.allDay,
  }),

  c2,
  ...canteen(c2, 2, '第二食堂', 'unit-canteen-co', ['staff-canteen-co-1', 'staff-canteen-co-2', 'staff-canteen-co-3'], H.threeMeals, [
    { dish: '早点', hours: H.threeMeals },
    { dish: '米饭套餐', hours: H.twoMeals },
    { dish: '面食', hours: H.threeMeals },
    { dish: '自选快餐', hours: H.twoMeals },
    { dish: '风味小吃', hours: H.twoMeals },
    { dish: '特色小炒', hours: H.weekdayMeals },
  ]),
  ...c2Dorms.flat(),
  waterRoom(c2Dorms[0][0], '东区公寓1号楼开水房', duty('staff-energy-2', 'staff-energy-1')),
  ...teaching(c2, 1, '东区教学楼', duty('staff-property-3', 'staff-property-2'), 4),
  under(c2, {
    slug: 'boiler',
    code: 'blr',
    name: '东区锅炉房',
    kind: 'building',
    unitId: 'unit-energy',
    duty: duty('staff-energy-2', 'staff-energy-1'),
    hours: H.allDay,
  }),
];
