/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * A leader reads a unit's score lines and sees what each ticket was (place, words, day), not only its number —
 * the real page, calling the real scoring function on a local cloud after the monthly freeze.
 */
import '../helpers/node-globals';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, report, shiftClock, startWithFixtures, zone } from '../../cloudfunctions/fixtures';
import { all, invokeAs, settle } from '../helpers/real-page';
import { setup } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
const realNow = () => performance.timeOrigin + performance.now();

describe('unit-score lines on the real backend', () => {
  let cloud: Cloud;

  beforeAll(async () => {
    cloud = await startWithFixtures([
      zone('campus-main', 'main', { name: '本部校区', kind: 'campus', parentId: null, path: [], campusId: 'campus-main' }),
      zone('zone-b1', 'b1', { name: '第一教学楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
    ]);
    clearCaches();
    shiftClock(Date.UTC(2030, 2, 10, 2) - realNow()); // 10 March 2030, 10:00 in Shanghai
    await report(cloud, { categoryCode: 'hygiene', text: '二楼走廊有垃圾，垃圾桶已满溢出' });
    shiftClock(Date.UTC(2030, 3, 1, 20) - realNow()); // 2 April, 04:00: March is frozen
    expect(await cloud.host.fireTimer('scoring', 'monthly')).toMatchObject({ code: 0 });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  it('shows each deducted ticket with its day, place and the report’s words', async () => {
    // Arrange
    const sim = setup({ backend: invokeAs(() => cloud, PEOPLE.leader.openid) });
    const p = sim.render('packages/leader/unit/index');

    // Act
    p.instance.onLoad({ unitId: 'contractor-clean', period: '2030-03' });
    await settle();

    // Assess
    const problem = all(p, 'unit__group--problem')[0];
    expect(all(problem, 'unit__ticket-where').map((n: El) => n.textContent.trim())).toEqual(['3月10日 · 第一教学楼 · 区域b1f2']);
    expect(all(problem, 'unit__ticket-text').map((n: El) => n.textContent.trim())).toEqual(['二楼走廊有垃圾，垃圾桶已满溢出']);
    expect(all(problem, 'unit__ticket-no')[0].textContent.trim()).toMatch(/^XC-20300310-\d{4}$/);
  });
});
