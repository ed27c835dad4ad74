/** The admin back office (zones and QR codes, people and invites, categories and deadline rules) and the invite page. */
import QRCode from 'qrcode';
import { flush, ok, type Shot } from './shot';

/** A real QR code of `text` as an SVG data URL, built synchronously from qrcode's module matrix. */
function qrSvg(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cells: string[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) cells.push(`M${x + 2} ${y + 2}h1v1h-1z`);
  const size = n + 4;
  return `data:image/svg+xml;utf8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${cells.join('')}" fill="#1f2328"/></svg>`,
  )}`;
}

const UNITS = [
  { _id: 'unit-office', kind: 'office', name: '总务部', parentId: null },
  { _id: 'unit-property', kind: 'centre', name: '物业服务中心', parentId: 'unit-office' },
  { _id: 'unit-dining', kind: 'centre', name: '饮食服务中心', parentId: 'unit-office' },
  { _id: 'unit-energy', kind: 'centre', name: '能源服务中心', parentId: 'unit-office' },
  { _id: 'unit-property-co', kind: 'contractor', name: '华安物业管理有限公司', parentId: 'unit-property' },
  { _id: 'unit-canteen-co', kind: 'contractor', name: '鑫源餐饮管理有限公司', parentId: 'unit-dining' },
];

const ref = (id: string, name: string) => ({ _id: id, name });
type Row = Record<string, unknown>;
const zone = (
  id: string,
  name: string,
  kind: string,
  pathNames: string[],
  unit: [string, string],
  duty: [Row, Row | null],
  over: Row = {},
): Row => ({
  _id: id,
  name,
  kind,
  sceneId: id.replace(/^zone-/, ''),
  parentId: 'x',
  campusId: 'zone-c1',
  unitId: unit[0],
  unitName: unit[1],
  pathNames,
  responsible: { primary: duty[0], backup: duty[1] },
  active: true,
  version: 2,
  ...over,
});
const DINING: [string, string] = ['unit-dining', '饮食服务中心'];
const DORM: [string, string] = ['unit-property-co', '华安物业管理有限公司'];
const XIE = ref('person-staff-canteen-1', '谢春燕');
const SONG = ref('person-staff-canteen-2', '宋卫东');
const TANG = ref('person-staff-canteen-3', '唐丽娟');
const HE = ref('person-staff-property-co-1', '何秀英');
const GAO = ref('person-staff-property-co-2', '高建华');

const ZONES: Row[] = [
  zone('zone-c1-ct1', '第一食堂', 'canteen', ['本部校区'], DINING, [XIE, SONG]),
  zone('zone-c1-ct1-w01', '第一食堂1号窗口（包子面点）', 'window', ['本部校区', '第一食堂'], DINING, [XIE, SONG]),
  zone('zone-c1-ct1-w02', '第一食堂2号窗口（粥品豆浆）', 'window', ['本部校区', '第一食堂'], DINING, [SONG, TANG]),
  zone('zone-c1-ct1-w03', '第一食堂3号窗口（米饭套餐）', 'window', ['本部校区', '第一食堂'], DINING, [TANG, null]),
  zone('zone-c1-ct1-w07', '第一食堂7号窗口（特色小炒）', 'window', ['本部校区', '第一食堂'], DINING, [TANG, XIE], { active: false }),
  zone('zone-c1-d1', '学生公寓1号楼', 'dormitory', ['本部校区'], DORM, [HE, GAO]),
];

const DETAIL = { ...ZONES[3], children: 0, serviceHours: {} };
const STAFF = [
  { _id: XIE._id, name: XIE.name, onDuty: true },
  { _id: SONG._id, name: SONG.name, onDuty: false },
  { _id: TANG._id, name: TANG.name, onDuty: true },
  { _id: 'person-staff-canteen-4', name: '许大海', onDuty: true },
];

const person = (id: string, name: string, roles: Row[], over: Row = {}): Row => ({
  _id: id,
  name,
  phone: '13800000121',
  roles,
  onDuty: true,
  active: true,
  version: 1,
  self: false,
  ...over,
});
const PEOPLE: Row[] = [
  person('person-admin', '徐敏', [{ role: 'admin' }], { self: true, phone: null }),
  person('person-manager-dining', '李红梅', [{ role: 'manager', unitId: 'unit-dining' }], { phone: '13800000202' }),
  person('person-staff-canteen-2', '宋卫东', [{ role: 'staff', unitId: 'unit-dining' }], { onDuty: false, phone: '13800000122' }),
  person('person-staff-canteen-3', '唐丽娟', [{ role: 'staff', unitId: 'unit-dining' }], { phone: '13800000123' }),
  person('person-staff-canteen-1', '谢春燕', [
    { role: 'staff', unitId: 'unit-dining' },
    { role: 'inspector', level: 'centre', unitId: 'unit-dining' },
  ]),
  person('person-inspector-office-1', '周明远', [{ role: 'inspector', level: 'office' }], { phone: null }),
  person('person-staff-old', '钱建平', [{ role: 'staff', unitId: 'unit-canteen-co' }], {
    active: false,
    onDuty: false,
    phone: '13800000199',
  }),
];

const INVITES: Row[] = [
  {
    code: 'K7MX3QPD',
    roles: ['staff'],
    unitId: 'unit-dining',
    unitName: '饮食服务中心',
    expiresAt: '2026-03-11T06:00:00Z',
    maxUses: 10,
    uses: 3,
    status: 'active',
    note: '第一食堂新入职员工',
    createdAt: '2026-03-04T06:00:00Z',
    createdByName: '徐敏',
    revokedAt: null,
  },
  {
    code: 'R4TNW8HE',
    roles: ['inspector'],
    unitId: 'unit-office',
    unitName: '总务部',
    expiresAt: '2026-02-20T06:00:00Z',
    maxUses: 1,
    uses: 1,
    status: 'used_up',
    note: null,
    createdAt: '2026-02-13T06:00:00Z',
    createdByName: '徐敏',
    revokedAt: null,
  },
];

const CATEGORIES = [
  {
    code: 'hygiene',
    name: '环境卫生',
    defaultSeverity: 'minor',
    deadlineRuleId: 'standard',
    checklist: ['地面、桌面干净无油污', '餐具、托盘清洁消毒', '垃圾及时清运'],
    version: 2,
  },
  { code: 'attitude', name: '服务态度', defaultSeverity: 'minor', deadlineRuleId: 'standard', version: 1 },
  {
    code: 'food_safety',
    name: '食品安全',
    defaultSeverity: 'critical',
    deadlineRuleId: 'standard',
    checklist: ['生熟分开存放', '留样规范（48小时）'],
    version: 1,
  },
  { code: 'facility', name: '设施损坏', defaultSeverity: 'major', deadlineRuleId: 'standard', version: 1 },
  { code: 'safety', name: '安全隐患', defaultSeverity: 'critical', deadlineRuleId: 'standard', version: 1 },
  { code: 'noise', name: '噪音扰民', defaultSeverity: 'minor', deadlineRuleId: 'standard', icon: '🔊', version: 1 },
];
const SETTINGS = {
  settings: {
    deadlineRules: {
      standard: {
        minor: { kind: 'serviceMinutes', minutes: 60 },
        major: { kind: 'endOfServiceDay' },
        critical: { kind: 'clockMinutes', minutes: 30 },
      },
    },
    escalationLevels: [
      { id: 'remind', atFraction: 0.5, notify: 'assignee' },
      { id: 'overdue', atFraction: 1, notify: 'unitManager' },
      { id: 'office', atFraction: 2, notify: 'office' },
    ],
  },
  version: 3,
  updatedAt: '2026-03-01T02:00:00.000Z',
  updatedByName: '徐敏',
  ruleUse: { standard: CATEGORIES.map((c) => c.code) },
};

export const SHOTS: Shot[] = [
  { name: 'admin-home', page: 'packages/admin/index/index', title: '系统管理', backend: () => ok({}) },
  {
    name: 'admin-zones',
    page: 'packages/admin/zones/index',
    title: '场所与二维码',
    backend: (_n, action, payload) =>
      action === 'units'
        ? ok({ items: UNITS })
        : payload.kind === 'campus'
          ? ok({ items: [{ _id: 'zone-c1', name: '本部校区' }], nextCursor: null })
          : ok({ items: ZONES, nextCursor: null }),
  },
  {
    name: 'admin-zone',
    page: 'packages/admin/zone/index',
    title: '场所',
    options: { id: 'zone-c1-ct1-w03' },
    backend: (_n, action) => {
      if (action === 'units') return ok({ items: UNITS });
      if (action === 'zone') return ok(DETAIL);
      if (action === 'staffOf') return ok({ items: STAFF });
      return ok({
        sceneId: 'c1-ct1-w03',
        page: 'pages/report/index',
        fileID: 'cloud://demo/zone-codes/c1-ct1-w03.png',
        url: qrSvg('https://local.xuncha/pages/report/index?scene=c1-ct1-w03'),
      });
    },
  },
  {
    name: 'admin-people',
    page: 'packages/admin/people/index',
    title: '人员与邀请码',
    backend: (_n, action) => (action === 'units' ? ok({ items: UNITS }) : ok({ items: PEOPLE, nextCursor: null })),
  },
  {
    name: 'admin-invites',
    page: 'packages/admin/people/index',
    title: '人员与邀请码',
    backend: (_n, action) => {
      if (action === 'units') return ok({ items: UNITS });
      if (action === 'createInvite') return ok(INVITES[0]);
      return action === 'invites' ? ok({ items: INVITES, nextCursor: null }) : ok({ items: PEOPLE, nextCursor: null });
    },
    after: async (p) => {
      p.querySelector('.people__tab-invites').dispatchEvent('tap');
      await flush();
      p.instance.onInviteUnit({ detail: { value: 2 } });
      p.instance.onUses({ detail: { value: 2 } });
      p.instance.onNote({ detail: { value: '第一食堂新入职员工' } });
      await p.instance.onCreateInvite();
      await flush();
    },
  },
  {
    name: 'admin-audit',
    page: 'packages/admin/audit/index',
    title: '操作记录',
    backend: () =>
      ok({
        items: [
          {
            _id: 'a-1',
            at: '2026-03-02T02:10:00.000Z',
            by: 'p-admin',
            byName: '徐敏',
            action: 'zone.update',
            target: { kind: 'zone', id: 'zone-c1-ct1-w03', name: '第一食堂3号窗口（米饭套餐）' },
            before: { name: '第一食堂3号窗口', active: true },
            after: { name: '第一食堂3号窗口（米饭套餐）', active: false },
            note: 'active,name',
          },
        ],
        nextCursor: null,
      }),
  },
  {
    name: 'admin-deadline-rules',
    page: 'packages/admin/deadline-rules/index',
    title: '期限规则版本',
    backend: () => ok({ ...SETTINGS, settings: { ...SETTINGS.settings, deadlineRuleVersions: [] } }),
  },
  {
    name: 'admin-categories',
    page: 'packages/admin/categories/index',
    title: '类别与期限',
    backend: (_n, action) => (action === 'categories' ? ok({ items: CATEGORIES, ruleIds: ['standard'], stored: true }) : ok(SETTINGS)),
  },
  {
    name: 'invite',
    page: 'pages/invite/index',
    title: '输入邀请码',
    backend: () => ok({ roles: ['reporter'], registered: false, name: null, bindings: [] }),
    after: async (p) => {
      p.instance.onCode({ detail: { value: 'K7MX 3QPD' } });
      p.instance.onName({ detail: { value: '陈晓' } });
      await flush();
    },
  },
  {
    name: 'invite-done',
    page: 'pages/invite/index',
    title: '输入邀请码',
    backend: (_n, action) =>
      action === 'me'
        ? ok({ roles: ['reporter'], registered: false, name: null, bindings: [] })
        : ok({ roles: ['reporter', 'staff'], bindings: [{ role: 'staff', unitId: 'unit-dining' }], name: '陈晓', redeemed: true }),
    after: async (p) => {
      p.instance.onCode({ detail: { value: 'K7MX 3QPD' } });
      p.instance.onName({ detail: { value: '陈晓' } });
      await p.instance.onSubmit();
      await flush();
    },
  },
];
