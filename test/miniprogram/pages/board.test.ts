import { page } from '../helpers/fixtures';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const STAFF = ok({
  items: [
    { _id: 'person-staff-canteen-1', name: '谢春燕' },
    { _id: 'person-staff-canteen-2', name: '宋卫东' },
  ],
});

async function open(backend: Backend) {
  const sim = setup({ backend });
  const p = sim.render('packages/manager/board/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

describe('manager board', () => {
  it('loads the unit board and filters by state', async () => {
    const { sim, p } = await open(() => ok(page(1, 2, null)));
    p.querySelectorAll('.board__filter')[2].dispatchEvent('tap');
    await flush();
    expect(sim.calls.map((c) => [c.action, c.payload])).toEqual([
      ['unitBoard', {}],
      ['unitBoard', { state: 'accepted' }],
    ]);
  });

  it('reassigns to a colleague with a reason', async () => {
    // Prepare
    const { sim, p } = await open((name, action) =>
      name === 'org'
        ? STAFF
        : action === 'reassign'
          ? ok({ ticketId: 't-1', state: 'assigned', version: 3, dueAt: null })
          : ok(page(1, 1, null)),
    );
    (sim.wx.showActionSheet as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ tapIndex: 0 }));
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ confirm: true, content: '原责任人休假' }),
    );
    // Act
    p.querySelector('.board__action--reassign').dispatchEvent('tap');
    await flush(10);
    // Assess
    expect(sim.calls.find((c) => c.name === 'org')).toEqual({ name: 'org', action: 'unitStaff', payload: { unitId: 'unit-dining' } });
    expect(sim.calls.find((c) => c.action === 'reassign')?.payload).toEqual({
      ticketId: 't-1',
      assigneeId: 'person-staff-canteen-2', // the current assignee is not offered
      reason: '原责任人休假',
    });
  });

  it('cancels as a duplicate with a note', async () => {
    const { sim, p } = await open((_n, action) =>
      action === 'cancel' ? ok({ ticketId: 't-1', state: 'cancelled', version: 3, dueAt: null }) : ok(page(1, 1, null)),
    );
    (sim.wx.showActionSheet as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ tapIndex: 0 }));
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ confirm: true, content: '与 XC-20250304-0001 重复' }),
    );
    p.querySelector('.board__action--cancel').dispatchEvent('tap');
    await flush(10);
    expect(sim.calls.find((c) => c.action === 'cancel')?.payload).toEqual({
      ticketId: 't-1',
      reason: 'duplicate',
      note: '与 XC-20250304-0001 重复',
    });
    expect(text(p.querySelector('.list__card'), '.ticket-card__state')).toBe('已作废');
  });

  it('says so when the staff list cannot be read, and sends nothing', async () => {
    const { sim, p } = await open((name) =>
      name === 'org' ? { code: 'FUNCTIONS_FUNCTION_NOT_FOUND', message: 'x' } : ok(page(1, 1, null)),
    );
    p.querySelector('.board__action--reassign').dispatchEvent('tap');
    await flush(10);
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '无法获取人员名单', icon: 'none' });
    expect(sim.calls.some((c) => c.action === 'reassign')).toBe(false);
  });

  it('shows a forbidden board as an error', async () => {
    const { p } = await open(() => ({ code: 'AUTH.FORBIDDEN', message: 'x' }));
    expect(text(p.querySelector('.list__state'), '.list-state__error')).toContain('没有权限');
  });
});
