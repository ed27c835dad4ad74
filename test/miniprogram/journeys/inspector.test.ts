/**
 * The inspector's job and a coordination request, through the real pages on the real backend: the inspector
 * scans a window's poster (which opens patrol, not the student form), files a finding with a photo; staff fix
 * it on the ticket page; the inspector finds it under 待我验收 and verifies it with the photos side by side. Then a staff member
 * asks for coordination on another task, and the office decides it on the ticket page.
 */
import { type Campus, journey, largestSetData, startCampus, WHO } from './harness';

const POSTER = 'c1-ct1-w05'; // 第一食堂5号窗口（清真风味）, 饮食服务中心

describe('journey: the inspector on patrol, and a coordination request decided by the office', () => {
  let campus: Campus;
  beforeAll(async () => {
    campus = await startCampus();
  }, 90_000);
  afterAll(async () => {
    process.stdout.write(`FIGURE largest setData: ${largestSetData()} bytes\n`);
    await campus?.stop();
  });

  it('files a finding from a poster scan and verifies the rectification with the photos side by side', async () => {
    const j = journey(campus, WHO.diningInspector);
    // The inspector's home remembers the roles; the poster's code then opens patrol.
    await j.open('pages/home/index');
    await j.open(`pages/report/index?scene=${POSTER}`);
    expect(j.lastNavigation()).toBe(`/packages/inspector/patrol/index?scene=${POSTER}`);
    const patrol = await j.open(j.lastNavigation());
    expect(patrol.instance.data.zone.name).toBe('第一食堂5号窗口（清真风味）');

    const names = patrol.instance.data.categories.map((c: { name: string }) => c.name);
    await j.tap(patrol, '.patrol__cat', names.indexOf('环境卫生'));
    await j.tap(patrol, '.patrol__problem', 1);
    await j.tap(patrol, '.patrol__sev', 1);
    patrol.instance.onDescription({ detail: { value: '餐具消毒柜未通电，托盘有水渍' } });
    await j.tapIn(patrol, '.patrol__photos', '.photo-picker__add');
    await j.tap(patrol, '.patrol__submit');
    expect(patrol.instance.data.logged).toBe(1);

    // The staff member on duty fixes it on the ticket page.
    const mine = await j.call(WHO.diningInspector, 'tickets', 'myFindings', {});
    const finding = (mine.data as { items: Array<{ _id: string; assigneeId: string; severity: string }> }).items[0];
    expect(finding.severity).toBe('major');
    j.as(`demo-${finding.assigneeId.replace(/^person-/, '')}`);
    const task = await j.open(`pages/ticket/index?id=${finding._id}`);
    await j.tap(task, '.ticket__btn--accept');
    await j.tap(task, '.ticket__btn--rectify');
    await j.tapIn(task, '.ticket__photos-picker', '.photo-picker__add');
    task.instance.onText({ detail: { value: '已通电消毒，托盘擦干' } });
    await j.tap(task, '.ticket__submit');
    expect(task.instance.data.t.stateLabel).toBe('待确认');
    j.as(WHO.diningInspector);
    // The inspector is told at once (已整改，请验收), worded like every message, and it opens the ticket.
    const told = (await j.outbox()).find((m) => m.touser === WHO.diningInspector && m.page === `pages/ticket/index?id=${finding._id}`);
    expect(told?.templateId).toBe('xuncha-tpl-ticket-rectified');
    expect(told?.data?.thing5?.value).toBe('已整改，请验收');
    expect(told?.data?.thing3?.value).toBe('第一食堂5号窗口（清真风味）');

    // 待我验收 → the ticket page, before and after side by side → 确认已整改.
    const lists = await j.open('packages/inspector/findings/index?tab=awaiting');
    const k = lists.instance.data.items.findIndex((c: { id: string }) => c.id === finding._id);
    await j.tap(lists, '.findings__verify', k);
    const ticket = await j.open(j.lastNavigation());
    expect(ticket.instance.data.photos).toHaveLength(2);
    expect(ticket.instance.data.after).toHaveLength(2);
    expect(ticket.querySelectorAll('.ticket__side')).toHaveLength(2);
    await j.tap(ticket, '.ticket__btn--approve');
    await j.tap(ticket, '.ticket__submit');
    expect(ticket.instance.data.t.stateLabel).toBe('已办结');
  });

  it('lets staff ask for coordination and the office decide it on the ticket page', async () => {
    // Prepare: a report at the window, assigned by the rota.
    const j = journey(campus, WHO.student);
    const report = await j.open(`pages/report/index?scene=${POSTER}&as=reporter`);
    const names = report.instance.data.categories.map((c: { name: string }) => c.name);
    await j.tap(report, '.report__cat', names.indexOf('设施损坏'));
    await j.tap(report, '.report__phrase', 1);
    await j.tap(report, '.report__submit');
    const ticketId: string = report.instance.data.ticketId;
    const detail = await j.call('demo-admin', 'tickets', 'detail', { ticketId });
    const staff = `demo-${String((detail.data as { ticket: { assigneeId: string } }).ticket.assigneeId).replace(/^person-/, '')}`;

    // The staff member needs another unit: 申请协调.
    j.as(staff);
    const asking = await j.open(`pages/ticket/index?id=${ticketId}`);
    await j.tap(asking, '.ticket__btn--requestCoordination');
    asking.instance.onText({ detail: { value: '水龙头需能源中心停水后更换' } });
    await j.tap(asking, '.ticket__submit');
    expect(asking.instance.data.t.stateLabel).toBe('协调中');
    expect(asking.instance.data.buttons).toEqual([]);

    // The office inspector decides: continue.
    j.as(WHO.officeInspector);
    const office = await j.open(`pages/ticket/index?id=${ticketId}`);
    expect(office.instance.data.buttons.map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining(['coordinationProceed', 'coordinationCancel', 'reassign', 'changeSeverity']),
    );
    await j.tap(office, '.ticket__btn--coordinationProceed');
    office.instance.onText({ detail: { value: '已联系能源中心明早停水，继续办理' } });
    await j.tap(office, '.ticket__submit');
    expect(office.instance.data.t.stateLabel).toBe('整改中');
    expect(office.instance.data.timeline[0].note).toBe('已联系能源中心明早停水，继续办理');
  });
});
