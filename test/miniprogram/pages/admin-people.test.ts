import { type Backend, flush, ok, setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((n: Comp) => (n.dom.textContent ?? '').trim());
const state = (p: Comp, selector: string) => text(p.querySelector('.list__state'), selector);
const tap = async (p: Comp, selector: string, i = 0) => {
  p.querySelectorAll(selector)[i].dispatchEvent('tap');
  await flush();
};

const UNITS = ok({
  items: [
    { _id: 'unit-office', kind: 'office', name: '总务部', parentId: null },
    { _id: 'unit-dining', kind: 'centre', name: '饮食服务中心', parentId: 'unit-office' },
    { _id: 'unit-canteen-co', kind: 'contractor', name: '鑫源餐饮', parentId: 'unit-dining' },
  ],
});

function person(i: number, over: Record<string, unknown> = {}) {
  return {
    _id: `p-${i}`,
    name: `员工${i}`,
    phone: '13800000000',
    roles: [{ role: 'staff', unitId: 'unit-dining' }],
    onDuty: true,
    active: true,
    version: 1,
    self: false,
    ...over,
  };
}
const PEOPLE = [
  person(1, {
    name: '谢春燕',
    roles: [
      { role: 'staff', unitId: 'unit-dining' },
      { role: 'manager', unitId: 'unit-canteen-co' },
    ],
  }),
  person(2, { name: '宋卫东', onDuty: false, phone: null }),
  person(3, { name: '徐敏', roles: [{ role: 'admin' }, { role: 'inspector', level: 'office' }], self: true }),
  person(4, { name: '离职员工', active: false, onDuty: false }),
];
function invite(code: string, over: Record<string, unknown> = {}) {
  return {
    code,
    roles: ['staff'],
    unitId: 'unit-dining',
    unitName: '饮食服务中心',
    expiresAt: '2026-03-11T06:00:00.000Z',
    maxUses: 5,
    uses: 1,
    status: 'active',
    note: '新员工',
    createdAt: '2026-03-04T06:00:00.000Z',
    createdByName: '徐敏',
    revokedAt: null,
    ...over,
  };
}

async function open(backend: Backend) {
  const sim = setup({ backend });
  Object.assign(sim.wx, { setClipboardData: jest.fn() });
  const p = sim.render('packages/admin/people/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}
const base =
  (over: Record<string, (payload: Record<string, unknown>) => unknown> = {}): Backend =>
  (_n, action, payload) => {
    if (over[action]) return over[action](payload);
    if (action === 'units') return UNITS;
    if (action === 'people') return ok({ items: PEOPLE, nextCursor: null });
    if (action === 'invites')
      return ok({ items: [invite('ABCDEFGH'), invite('JKLMNPQR', { status: 'used_up', uses: 5 })], nextCursor: null });
    return ok({});
  };

describe('admin people', () => {
  it('lists people with role chips naming their units and their duty status', async () => {
    const { sim, p } = await open(base());

    expect(sim.calls.map((c) => [c.action, c.payload])).toEqual([
      ['people', {}],
      ['units', {}],
    ]);
    expect(texts(p, '.people__name')).toEqual(['谢春燕', '宋卫东', '徐敏', '离职员工']);
    expect(texts(p, '.people__chip').slice(0, 2)).toEqual(['员工 · 饮食服务中心', '单位负责人 · 鑫源餐饮']);
    expect(texts(p, '.people__chip')).toContain('巡查员 · 全校');
    expect(texts(p, '.people__duty')).toEqual(['在岗', '休息', '在岗', '已停用']);
    expect(texts(p, '.people__self')).toEqual(['（我）']);
  });

  it('filters by role, unit and text, sending the exact filters, and pages by 20', async () => {
    const { sim, p } = await open(base({ people: (pl) => ok({ items: PEOPLE.slice(0, 1), nextCursor: pl.cursor ? null : 'next' }) }));

    await tap(p, '.people__role', 1);
    p.instance.onUnitFilter({ detail: { value: 2 } });
    await flush();
    p.instance.onQuery({ detail: { value: '谢' } });
    await tap(p, '.people__go');
    p.instance.onReachBottom();
    await flush();

    expect(sim.calls.filter((c) => c.action === 'people').map((c) => c.payload)).toEqual([
      {},
      { role: 'staff' },
      { role: 'staff', unitId: 'unit-dining' },
      { q: '谢', role: 'staff', unitId: 'unit-dining' },
      { q: '谢', role: 'staff', unitId: 'unit-dining', cursor: 'next' },
    ]);
    expect(state(p, '.list-state__end')).toContain('没有更多了');
  });

  it('edits a person: removes a role, adds one with its unit, goes off duty, and sends exactly that', async () => {
    // Prepare
    const saved = person(1, {
      name: '谢春燕',
      roles: [
        { role: 'staff', unitId: 'unit-dining' },
        { role: 'inspector', level: 'centre', unitId: 'unit-dining' },
      ],
      onDuty: false,
      version: 2,
    });
    const { sim, p } = await open(base({ savePerson: () => ok(saved) }));
    // Act
    await tap(p, '.people__item', 0);
    await tap(p, '.people__remove-role', 1);
    p.instance.onAddRolePick({ detail: { value: 2 } });
    p.instance.onAddUnitPick({ detail: { value: 1 } });
    await tap(p, '.people__add-btn');
    p.instance.onEditSwitch({ currentTarget: { dataset: { field: 'onDuty' } }, detail: { value: false } });
    p.instance.onEditField({ currentTarget: { dataset: { field: 'phone' } }, detail: { value: '' } });
    await tap(p, '.people__save');
    // Assess
    expect(sim.calls.find((c) => c.action === 'savePerson')?.payload).toEqual({
      id: 'p-1',
      version: 1,
      name: '谢春燕',
      phone: null,
      roles: [
        { role: 'staff', unitId: 'unit-dining' },
        { role: 'inspector', level: 'centre', unitId: 'unit-dining' },
      ],
      onDuty: false,
      active: true,
    });
    expect(p.instance.data.editing).toBe(false);
    expect(texts(p, '.people__duty')[0]).toBe('休息');
    expect(texts(p, '.people__chip')[1]).toBe('巡查员 · 饮食服务中心');
  });

  it('does not offer to remove the admin role from oneself', async () => {
    const { p } = await open(base());

    await tap(p, '.people__item', 2);

    expect(texts(p, '.people__locked')).toEqual(['不可取消']);
    expect(p.querySelectorAll('.people__remove-role')).toHaveLength(1);
  });

  it('refuses an inspector of a contractor before sending', async () => {
    const { sim, p } = await open(base());

    await tap(p, '.people__item', 1);
    p.instance.onAddRolePick({ detail: { value: 2 } });
    p.instance.onAddUnitPick({ detail: { value: 2 } });
    await tap(p, '.people__add-btn');

    expect(text(p, '.people__edit-error')).toBe('巡查员只能属于总务部或服务中心');
    expect(sim.calls.some((c) => c.action === 'savePerson')).toBe(false);
  });

  it.each([
    ['ADMIN.LAST_ADMIN', '系统至少需要保留一名管理员'],
    ['ADMIN.NOT_UNIT_STAFF', '此人仍是该单位场所的负责人，请先在「场所与二维码」中交接'],
    ['ADMIN.STALE', '该记录刚被其他管理员修改，请刷新后重新编辑'],
  ])('shows %s as a sentence and keeps the sheet open', async (code, message) => {
    const { p } = await open(base({ savePerson: () => ({ code, message: 'x' }) }));

    await tap(p, '.people__item', 0);
    await tap(p, '.people__save');

    expect(text(p, '.people__edit-error')).toBe(message);
    expect(p.instance.data.editing).toBe(true);
  });

  it('shows an empty list and an error with retry', async () => {
    let reply: unknown = ok({ items: [], nextCursor: null });
    const { sim, p } = await open(base({ people: () => reply }));
    expect(state(p, '.list-state__empty')).toContain('没有符合条件的人员');

    reply = { code: 'CLIENT.NETWORK', message: 'x' };
    p.instance.onPullDownRefresh();
    await flush();
    expect(state(p, '.list-state__error')).toContain('网络不太好');
    expect(sim.wx.stopPullDownRefresh).toHaveBeenCalled();
  });
});

describe('admin invites', () => {
  async function openInvites(over: Record<string, (payload: Record<string, unknown>) => unknown> = {}) {
    const opened = await open(base(over));
    await tap(opened.p, '.people__tab-invites');
    return opened;
  }

  it('lists invites with their uses and status, only active ones revocable', async () => {
    const { sim, p } = await openInvites();

    expect(sim.calls.at(-1)).toEqual({ name: 'admin', action: 'invites', payload: {} });
    expect(texts(p, '.people__invite-code')).toEqual(['ABCD EFGH', 'JKLM NPQR']);
    expect(texts(p, '.people__invite-status')).toEqual(['可使用', '已用完']);
    expect(texts(p, '.people__invite-what')[0]).toBe('员工 · 饮食服务中心');
    expect(p.querySelectorAll('.people__revoke')).toHaveLength(1);
  });

  it('creates an invite with the exact choices and shows the code big and copyable', async () => {
    // Prepare
    const { sim, p } = await openInvites({
      createInvite: () => ok(invite('XYZW2345', { roles: ['staff', 'inspector'], maxUses: 10, uses: 0 })),
    });
    // Act
    await tap(p, '.people__invite-role', 2);
    p.instance.onInviteUnit({ detail: { value: 1 } });
    p.instance.onDays({ detail: { value: 3 } });
    p.instance.onUses({ detail: { value: 2 } });
    p.instance.onNote({ detail: { value: ' 新来的巡查员 ' } });
    await tap(p, '.people__create');
    await tap(p, '.people__copy');
    // Assess
    expect(sim.calls.find((c) => c.action === 'createInvite')?.payload).toEqual({
      roles: ['staff', 'inspector'],
      unitId: 'unit-dining',
      expiresInDays: 30,
      maxUses: 10,
      note: '新来的巡查员',
    });
    expect(text(p, '.people__code')).toBe('XYZW 2345');
    expect(sim.wx.setClipboardData).toHaveBeenCalledWith({ data: 'XYZW2345' });
    expect(sim.calls.filter((c) => c.action === 'invites')).toHaveLength(2);
    // 发给对方: a chat card that opens the invite page with the code filled in.
    expect(p.querySelector('.people__share')).toBeTruthy();
    expect(p.instance.onShareAppMessage({ from: 'button', target: { dataset: { code: 'XYZW2345' } } })).toEqual({
      title: expect.stringContaining('加入'),
      path: '/pages/invite/index?code=XYZW2345',
    });
    expect(p.instance.onShareAppMessage({ from: 'menu' })).toEqual({ title: '巡查', path: '/pages/home/index' });
  });

  it('asks for a unit before creating', async () => {
    const { sim, p } = await openInvites();

    await tap(p, '.people__create');

    expect(text(p, '.people__invite-error')).toBe('请选择单位');
    expect(sim.calls.some((c) => c.action === 'createInvite')).toBe(false);
  });

  it('revokes an active invite after confirming, and marks its row', async () => {
    const { sim, p } = await openInvites({
      revokeInvite: () => ok(invite('ABCDEFGH', { status: 'revoked', revokedAt: '2026-03-05T00:00:00Z' })),
    });
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ confirm: true }));

    await tap(p, '.people__revoke');
    await flush();

    expect(sim.calls.find((c) => c.action === 'revokeInvite')?.payload).toEqual({ code: 'ABCDEFGH' });
    expect(texts(p, '.people__invite-status')).toEqual(['已作废', '已用完']);
    expect(p.querySelectorAll('.people__revoke')).toHaveLength(0);
  });

  it('sends nothing when revoking is cancelled', async () => {
    const { sim, p } = await openInvites();
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ confirm: false }));

    await tap(p, '.people__revoke');

    expect(sim.calls.some((c) => c.action === 'revokeInvite')).toBe(false);
  });

  it('says when no invite was given yet', async () => {
    const { p } = await openInvites({ invites: () => ok({ items: [], nextCursor: null }) });

    expect(state(p, '.list-state__empty')).toContain('还没有发放邀请码');
  });
});
