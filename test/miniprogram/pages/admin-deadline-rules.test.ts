/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * An admin adds a deadline rule set that takes over from the standard one from a day on — the real page, calling
 * the real admin and tickets functions on a local cloud: a problem reported before the day keeps its deadline, one
 * reported from the day gets the new one, and the old set can no longer be edited.
 */
import '../helpers/node-globals';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, report, shiftClock, startWithFixtures, ticketDoc } from '../../cloudfunctions/fixtures';
import { all, invokeAs, settle, textOf } from '../helpers/real-page';
import { setup } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
/** The real time (Date.now is moved by shiftClock). */
const realNow = () => performance.timeOrigin + performance.now();

describe('adding a deadline rule set from the phone, on the real backend', () => {
  let cloud: Cloud;
  // 15 July 2030, 09:00 in Shanghai.
  const start = Date.UTC(2030, 6, 15, 1);

  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
    shiftClock(start - realNow());
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  function open() {
    const sim = setup({ backend: invokeAs(() => cloud, PEOPLE.admin.openid) });
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    const p = sim.render('packages/admin/deadline-rules/index');
    p.instance.onLoad();
    return { sim, p };
  }

  it('lists the standard rules, refuses a form without a name, and adds a set from a later day', async () => {
    // Arrange
    const { sim, p } = open();
    await settle();
    expect(all(p, 'rules__name').map((n: El) => n.textContent.trim())).toEqual(['标准时限']);
    expect(textOf(p, 'rules__standing')).toBe('生效中');
    expect(textOf(p, 'rules__date')).toBe('2030-07-15 起 ▾');

    // Act: no name.
    p.querySelector('.rules__create').dispatchEvent('tap');
    await settle(2);
    expect(textOf(p, 'rules__form-error')).toBe('请填写规则名称');
    expect(sim.calls.some((c) => c.action === 'createDeadlineRuleSet')).toBe(false);

    // Act: 一般问题 within 30 minutes of service time, from 1 August.
    p.instance.onName({ detail: { value: '暑期快速处置' } });
    p.instance.onDate({ detail: { value: '2030-08-01' } });
    p.instance.onRuleMinutes({ currentTarget: { dataset: { row: 0 } }, detail: { value: '30' } });
    p.querySelector('.rules__create').dispatchEvent('tap');
    await settle();

    // Assess
    const sent = sim.calls.filter((c) => c.action === 'createDeadlineRuleSet').map((c) => c.payload);
    expect(sent).toEqual([
      {
        version: 0,
        name: '暑期快速处置',
        replaces: 'standard',
        effectiveFrom: '2030-08-01',
        rules: {
          minor: { kind: 'serviceMinutes', minutes: 30 },
          major: { kind: 'endOfServiceDay' },
          critical: { kind: 'serviceMinutes', minutes: 60 },
        },
      },
    ]);
    expect((sim.wx.showModal as jest.Mock).mock.calls[0][0].content).toContain('已有问题的期限不变');
    expect(all(p, 'rules__name').map((n: El) => n.textContent.trim())).toEqual(['标准时限', '暑期快速处置']);
    expect(all(p, 'rules__standing').map((n: El) => n.textContent.trim())).toEqual([
      '2030-08-01 起由「暑期快速处置」接替',
      '2030-08-01 起接替「标准时限」',
    ]);
  });

  it('gives problems reported from that day the new deadline, and keeps the deadline of those reported before', async () => {
    // Arrange: a problem the day before.
    const before = await report(cloud, { categoryCode: 'hygiene', text: '走廊有垃圾' });

    // Act: 1 August, 09:00 in Shanghai.
    shiftClock(Date.UTC(2030, 7, 1, 1) - realNow());
    clearCaches();
    const after = await report(cloud, { categoryCode: 'attitude', text: '窗口人员态度差' });

    // Assess
    const a = await ticketDoc(after.data.ticketId);
    expect(a.clock.budgetMs).toBe(30 * 60_000);
    const b = await ticketDoc(before.data.ticketId);
    expect(b.deadlineRuleId).toBe('standard');
    expect(a.deadlineRuleId).not.toBe('standard');
  });

  it('says in Chinese that a start day in the past is refused', async () => {
    // Arrange
    const { p } = open();
    await settle();

    // Act
    p.instance.onName({ detail: { value: '补录规则' } });
    p.instance.onDate({ detail: { value: '2030-07-01' } });
    p.querySelector('.rules__create').dispatchEvent('tap');
    await settle(2);

    // Assess
    expect(textOf(p, 'rules__form-error')).toBe('生效日期不能早于今天');
  });
});
