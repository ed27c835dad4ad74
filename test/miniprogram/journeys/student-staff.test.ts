/**
 * A student at a canteen window, and the staff member who fixes what she reports, through the real pages on
 * the real backend (harness.ts): the student rates in two taps and reports in a few; the staff member gets
 * the message, opens it on the ticket page, accepts and rectifies with photos; the student sends it back; the
 * staff member reworks it; the student confirms. Taps and seconds from scan to submitted rating and report
 * are printed as the figures README quotes.
 */
import { type Campus, journey, largestSetData, startCampus, WHO } from './harness';

const WINDOW = 'c2-ct2-w02'; // 第二食堂2号窗口（米饭套餐）, 鑫源餐饮
const STUDENT_2 = 'demo-student-2';

describe('journey: a student reports at a canteen window; staff fix it', () => {
  let campus: Campus;
  beforeAll(async () => {
    campus = await startCampus();
  }, 90_000);
  afterAll(async () => {
    process.stdout.write(`FIGURE largest setData: ${largestSetData()} bytes\n`);
    await campus?.stop();
  });

  it('rates a window in two taps from the scan', async () => {
    const j = journey(campus, STUDENT_2);
    // Act: the scan opens the page with the window's scene.
    j.startLeg();
    const p = await j.open(`pages/report/index?scene=${WINDOW}`);
    await j.tapIn(p, '.report__rating', '.star-rating__star', 3);
    await j.tap(p, '.report__submit');
    const leg = j.leg();
    // Assess
    expect(p.instance.data.done).toBe(true);
    expect(p.instance.data.outcomeText).toBe('感谢你的评价');
    expect(leg.taps).toBe(2);
    process.stdout.write(`FIGURE scan→rating: ${leg.taps} taps, ${(leg.ms / 1000).toFixed(2)} s\n`);
  });

  it('takes a report from the scan to a closed ticket, through a rejection and rework', async () => {
    const j = journey(campus, WHO.student);

    // The student scans the window and reports: a star, a category, a quick phrase, a photo, submit.
    j.startLeg();
    const report = await j.open(`pages/report/index?scene=${WINDOW}`);
    expect(report.instance.data.zoneName).toBe('第二食堂2号窗口（米饭套餐）');
    await j.tapIn(report, '.report__rating', '.star-rating__star', 1);
    const names = report.instance.data.categories.map((c: { name: string }) => c.name);
    await j.tap(report, '.report__cat', names.indexOf('环境卫生'));
    await j.tap(report, '.report__phrase', 0);
    await j.tapIn(report, '.report__photos', '.photo-picker__add');
    await j.tap(report, '.report__submit');
    const reported = j.leg();
    expect(report.instance.data.done).toBe(true);
    expect(reported.taps).toBe(5);
    expect(report.instance.data.ticketNo).toMatch(/^XC-\d{8}-\d{4}$/);
    process.stdout.write(`FIGURE scan→report: ${reported.taps} taps, ${(reported.ms / 1000).toFixed(2)} s\n`);
    const ticketId: string = report.instance.data.ticketId;

    // The staff member on duty at the window gets the message: what, where, by when; it opens the ticket.
    const message = (await j.outbox()).find(
      (m) => m.page === `pages/ticket/index?id=${ticketId}` && m.templateId === 'xuncha-tpl-ticket-assigned',
    );
    expect(message).toBeDefined();
    const said = Object.fromEntries(Object.entries(message?.data ?? {}).map(([k, v]) => [k, v.value]));
    expect(said).toMatchObject({
      thing2: '环境卫生：餐桌没擦干净',
      thing3: '第二食堂2号窗口（米饭套餐）',
      thing5: '新任务，请打开接单处理',
    });
    expect(said.time4).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$|^无期限$/);
    const staff = String(message?.touser);
    j.as(staff);
    const ticket = await j.open(`/${message?.page}`);
    expect(ticket.instance.data.buttons.map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining(['accept', 'requestCoordination']),
    );
    expect(ticket.instance.data.photos).toHaveLength(2);

    // Accept (the next reminders are asked for in the same tap), then rectify with photos beside the before-photos.
    await j.tap(ticket, '.ticket__btn--accept');
    expect(ticket.instance.data.t.stateLabel).toBe('整改中');
    expect(j.wx.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['xuncha-tpl-ticket-assigned', 'xuncha-tpl-ticket-escalation'] }),
    );
    await j.tap(ticket, '.ticket__btn--rectify');
    await j.tapIn(ticket, '.ticket__photos-picker', '.photo-picker__add');
    ticket.instance.onText({ detail: { value: '已重新擦桌消毒' } });
    ticket.instance.onCause({ detail: { value: '午高峰人手不足' } });
    await j.tap(ticket, '.ticket__submit');
    expect(ticket.instance.data.t.stateLabel).toBe('待确认');
    expect(ticket.instance.data.after).toHaveLength(2);

    // The student finds it under 我的报告 and sends it back.
    j.as(WHO.student);
    const mine = await j.open('pages/my-reports/index');
    const i = mine.instance.data.items.findIndex((c: { id: string }) => c.id === ticketId);
    expect(i).toBeGreaterThanOrEqual(0);
    mine.querySelectorAll('.list__card')[i].querySelector('.ticket-card__body').dispatchEvent('tap');
    await j.settle();
    const back = await j.open(j.lastNavigation());
    await j.tap(back, '.ticket__btn--reject');
    back.instance.onText({ detail: { value: '桌面还是油的' } });
    await j.tap(back, '.ticket__submit');
    expect(back.instance.data.t.stateLabel).toBe('返工中');

    // The staff member is told it failed verification, and reworks it.
    const rework = (await j.outbox()).find((m) => m.touser === staff && m.page === `pages/ticket/index?id=${ticketId}`);
    expect(rework?.data?.thing5?.value).toBe('验收未通过');
    j.as(staff);
    const again = await j.open(`/${rework?.page}`);
    await j.tap(again, '.ticket__btn--rectify');
    await j.tapIn(again, '.ticket__photos-picker', '.photo-picker__add');
    await j.tap(again, '.ticket__submit');
    expect(again.instance.data.t.stateLabel).toBe('待确认');

    // The student confirms with five stars.
    j.as(WHO.student);
    const done = await j.open(`pages/ticket/index?id=${ticketId}`);
    await j.tap(done, '.ticket__btn--approve');
    await j.tapIn(done, '.ticket__rating', '.star-rating__star', 4);
    await j.tap(done, '.ticket__submit');
    expect(done.instance.data.t.stateLabel).toBe('已办结');
    expect(done.instance.data.buttons).toEqual([]);
  });
});
