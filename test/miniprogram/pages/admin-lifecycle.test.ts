/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * An admin deletes a zone that was never used, is told a used one can only be deactivated, moves a building to
 * another campus and reads the audit log — the real zone and audit pages, calling the real admin and tickets
 * functions on a local cloud.
 */
import '../helpers/node-globals';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { DELETE_GRACE_MS } from '../../../cloudfunctions/admin/lifecycle.service';
import { type Cloud, PEOPLE, report, shiftClock, startWithFixtures, zone } from '../../cloudfunctions/fixtures';
import { wxCloud } from '../../helpers/local-cloud';
import { all, compactText, invokeAs, settle, textOf } from '../helpers/real-page';
import { setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
const confirmModals = (sim: El) =>
  (sim.wx.showModal as jest.Mock).mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));

describe('deleting, moving and the audit log, on the real backend', () => {
  let cloud: Cloud;
  const asAdmin = () => invokeAs(() => cloud, PEOPLE.admin.openid);
  const zoneDoc = async (id: string) =>
    ((await cloud.host.invoke('admin', { action: 'zone', payload: { id } }, { source: 'wx_client', openid: PEOPLE.admin.openid })) as El)
      .data;

  beforeAll(async () => {
    cloud = await startWithFixtures([
      zone('campus-main', 'main', { name: '本部校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-main' }),
      zone('campus-east', 'east', { name: '东校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-east' }),
      zone('zone-b1', 'b1', { name: '第一教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
      zone('zone-b3', 'b3', { name: '第三教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
      zone('zone-b3-f1', 'b3f1', { name: '三楼一层', parentId: 'zone-b3', path: ['campus-main', 'zone-b3'] }),
      zone('zone-spare', 'spare', { name: '备用储藏室', kind: 'area' }),
    ]);
    clearCaches();
    expect((await report(cloud, { sceneId: 'b1f2', text: '走廊有垃圾' })).code).toBe(0);
    await wxCloud()
      .database()
      .collection('people')
      .add({
        data: { _id: 'p-newbie', openid: 'o-newbie', name: '钱新人', roles: [{ role: 'staff', unitId: 'contractor-clean' }] } as never,
      });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  async function openZone(id: string) {
    const sim = setup({ backend: asAdmin() });
    confirmModals(sim);
    Object.assign(sim.wx, { navigateBack: jest.fn(), downloadFile: jest.fn() });
    const p = sim.render('packages/admin/zone/index');
    p.instance.onLoad({ id });
    await settle();
    return { sim, p };
  }

  it('deletes a zone never used: deactivated first, then deleted once the grace has passed', async () => {
    // Arrange
    const { sim, p } = await openZone('zone-spare');
    expect(textOf(p, 'zone__place')).toBe('本部校区 · 第一教学楼');

    // Act: the first step.
    p.querySelector('.zone__delete').dispatchEvent('tap');
    await settle();

    // Assess: deactivated, and told when it can be completed.
    expect(textOf(p, 'zone__delete-pending')).toMatch(
      /^已停用，未发现使用记录。为确保没有正在进行的扫码反馈，请在 \d\d:\d\d 之后点击“完成删除”。$/,
    );
    expect((await zoneDoc('zone-spare')).active).toBe(false);

    // Act: the second step after the grace.
    const spy = shiftClock(DELETE_GRACE_MS + 1_000);
    p.querySelector('.zone__delete-confirm').dispatchEvent('tap');
    await settle();
    spy.mockRestore();

    // Assess
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已删除', icon: 'success' });
    expect(sim.wx.navigateBack).toHaveBeenCalled();
    expect(
      await cloud.host.invoke(
        'admin',
        { action: 'zone', payload: { id: 'zone-spare' } },
        { source: 'wx_client', openid: PEOPLE.admin.openid },
      ),
    ).toMatchObject({ code: 'ADMIN.NOT_FOUND' });
  });

  it('says a zone with a problem on record is in use, and deactivates it instead when asked', async () => {
    // Arrange
    const { p } = await openZone('zone-b1-f2');

    // Act
    p.querySelector('.zone__delete').dispatchEvent('tap');
    await settle();

    // Assess: the zh-CN sentence, the zone still active, and the offer.
    expect(textOf(p, 'zone__delete-error')).toBe('该记录已有使用记录（问题、评价、巡查、资产或下级场所等），不能删除，可改为停用');
    expect((await zoneDoc('zone-b1-f2')).active).toBe(true);

    // Act: deactivate instead.
    p.querySelector('.zone__deactivate').dispatchEvent('tap');
    await settle();

    // Assess
    expect((await zoneDoc('zone-b1-f2')).active).toBe(false);
    expect(all(p, 'zone__deactivate')).toHaveLength(0);
  });

  it('moves a building with its floor to another campus after a confirmation', async () => {
    // Arrange
    const { sim, p } = await openZone('zone-b3');

    // Act
    p.querySelector('.zone__move-toggle').dispatchEvent('tap');
    await settle(5);
    p.instance.onMoveQuery({ detail: { value: '东校区' } });
    p.querySelector('.zone__move-go').dispatchEvent('tap');
    await settle();
    expect(all(p, 'zone__move-name').map((n: El) => n.textContent.trim())).toEqual(['东校区']);
    p.querySelectorAll('.zone__move-result')[0].dispatchEvent('tap');
    await settle();

    // Assess
    expect((sim.wx.showModal as jest.Mock).mock.calls.at(-1)[0].content).toContain('将「第三教学楼」及其下级场所移到「东校区」之下？');
    expect(textOf(p, 'zone__place')).toBe('东校区');
    expect((await zoneDoc('zone-b3-f1')).pathNames).toEqual(['东校区', '第三教学楼']);
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已移动 2 个场所', icon: 'success' });
  });

  it('deletes a person who never did anything from the person sheet, and refuses one responsible for a zone', async () => {
    // Arrange
    const sim = setup({ backend: asAdmin() });
    confirmModals(sim);
    const p = sim.render('packages/admin/people/index');
    p.instance.onLoad();
    await settle();

    // Act: someone responsible for a zone.
    p.instance.onOpenPerson({ currentTarget: { dataset: { id: 'p-staff-2' } } });
    await settle(2);
    p.querySelector('.people__delete').dispatchEvent('tap');
    await settle();

    // Assess
    expect(textOf(p, 'people__delete-error')).toBe('该记录已有使用记录（问题、评价、巡查、资产或下级场所等），不能删除，可改为停用');

    // Act: the newcomer, both steps.
    p.instance.onOpenPerson({ currentTarget: { dataset: { id: 'p-newbie' } } });
    await settle(2);
    p.querySelector('.people__delete').dispatchEvent('tap');
    await settle();
    expect(textOf(p, 'people__delete-pending')).toMatch(/^已停用，未发现使用记录。请在 \d\d:\d\d 之后点击“完成删除”。$/);
    const spy = shiftClock(DELETE_GRACE_MS + 1_000);
    p.querySelector('.people__delete-confirm').dispatchEvent('tap');
    await settle();
    spy.mockRestore();

    // Assess
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已删除', icon: 'success' });
    expect(p.data.editing).toBe(false);
    expect(all(p, 'people__name').map((n: El) => n.textContent.trim())).not.toContain('钱新人');
  });

  it('shows the audit log: who did what and when, with before and after', async () => {
    // Arrange
    const sim = setup({ backend: asAdmin() });
    const p = sim.render('packages/admin/audit/index');

    // Act
    p.instance.onLoad();
    await settle();

    // Assess: newest first (the deletes were confirmed on a clock moved past the grace, so they are the latest).
    const rows = all(p, 'audit__item').map((item: El) => ({
      what: textOf(item, 'audit__what'),
      target: textOf(item, 'audit__target'),
      meta: compactText(item, 'audit__meta'),
      changes: all(item, 'audit__change').map((n: El) => n.textContent.replace(/\s+/g, '')),
    }));
    expect(rows.slice(0, 2).map((r: El) => [r.what, r.target])).toEqual([
      ['删除人员', '钱新人'],
      ['删除场所', '备用储藏室'],
    ]);
    const moved = rows.find((r: El) => r.what === '移动场所');
    expect(moved).toEqual({
      what: '移动场所',
      target: '第三教学楼',
      meta: expect.stringMatching(/^郑管理·\d\d-\d\d\d\d:\d\d$/),
      changes: ['上级场所本部校区→东校区', '随同移动的下级场所1个'],
    });
    // The used zone: deactivated for the delete, restored when the use was found, then deactivated by the admin.
    expect(rows.filter((r: El) => r.target === '区域b1f2').map((r: El) => r.changes)).toEqual([
      ['状态启用→停用'],
      ['状态停用→启用', '待删除是→否'],
      ['状态启用→停用', '待删除否→是'],
    ]);

    // Act: only invites.
    p.querySelectorAll('.audit__filter')[3].dispatchEvent('tap');
    await settle();

    // Assess
    expect(sim.calls.at(-1)).toEqual({ name: 'admin', action: 'audit', payload: { kind: 'invite' } });
    expect(text(p.querySelector('.list__state'), '.list-state__empty')).toContain('还没有操作记录');
  });

  it('opens one record’s changes from the zone page', async () => {
    const { sim, p } = await openZone('zone-b3');

    p.querySelector('.zone__history').dispatchEvent('tap');
    await settle(2);

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/audit/index?targetId=zone-b3' });
  });
});
