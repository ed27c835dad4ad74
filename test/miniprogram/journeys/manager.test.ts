/**
 * The manager's job through the real pages on the real backend: a report the content check held lands on
 * the board under 待审核; the manager opens it, releases it (the zone's rota assigns it), then reassigns it
 * with the searchable staff picker to a colleague, who gets the message.
 */
import { type Campus, journey, largestSetData, startCampus, WHO } from './harness';

describe('journey: the manager reviews a held report and reassigns it', () => {
  let campus: Campus;
  beforeAll(async () => {
    campus = await startCampus();
  }, 90_000);
  afterAll(async () => {
    process.stdout.write(`FIGURE largest setData: ${largestSetData()} bytes\n`);
    await campus?.stop();
  });

  it('releases a held report from the board and reassigns it with the staff picker', async () => {
    // Prepare: a student's report with words the content check holds for review.
    const j = journey(campus, WHO.student);
    const report = await j.open('pages/report/index?scene=c2-ct2-w03');
    await j.tap(report, '.report__cat', 0);
    report.instance.onText({ detail: { value: '窗口贴了小广告，还有积水' } });
    await j.tap(report, '.report__submit');
    expect(report.instance.data.outcomeText).toBe('已提交，内容审核后处理');

    // The manager's board says one is waiting for review.
    j.as(WHO.canteenManager);
    const board = await j.open('packages/manager/board/index');
    const held = board.instance.data.filters.find((f: { key: string }) => f.key === 'held');
    expect(held.count).toBe(1);
    await j.tap(board, '.board__filter', board.instance.data.filters.indexOf(held));
    expect(board.instance.data.items).toHaveLength(1);
    expect(board.instance.data.items[0].stateLabel).toBe('内容待审核');
    await j.tap(board.querySelectorAll('.list__card')[0], '.ticket-card__body');

    // The ticket page: release it; the rota assigns it.
    const ticket = await j.open(j.lastNavigation());
    expect(ticket.instance.data.buttons.map((b: { id: string }) => b.id)).toEqual(['releaseHeld', 'cancel']);
    await j.tap(ticket, '.ticket__btn--releaseHeld');
    expect(ticket.instance.data.t.stateLabel).toBe('待接单');
    const first = ticket.instance.data.t.holder;

    // Reassign: search the unit's staff by name, pick someone else, say why.
    await j.tap(ticket, '.ticket__btn--reassign');
    expect(ticket.instance.data.staffShown.length).toBeGreaterThanOrEqual(3);
    const other = ticket.instance.data.staffShown.find((s: { name: string }) => s.name !== first);
    ticket.instance.onStaffQuery({ detail: { value: other.name.slice(0, 1) } });
    await j.settle();
    const k = ticket.instance.data.staffShown.findIndex((s: { _id: string }) => s._id === other._id);
    await j.tap(ticket, '.ticket__staff-item', k);
    ticket.instance.onText({ detail: { value: '原责任人今天调休' } });
    await j.tap(ticket, '.ticket__submit');

    // Assess
    expect(ticket.instance.data.t.holder).toBe(other.name);
    const newHolder = `demo-${String(other._id).replace(/^person-/, '')}`;
    const told = (await j.outbox()).find((m) => m.page?.endsWith(String(report.instance.data.ticketId)) && m.touser === newHolder);
    expect(told?.templateId).toBe('xuncha-tpl-ticket-assigned');
  });
});
