import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { CLEANING_CONTRACT, invoke, type Loose, rate, setClock, THRESHOLD_RULE } from './contracts.fixtures';
import { type Cloud, PEOPLE, REPORTER, startWithFixtures, zone } from './fixtures';

/**
 * The recipient score of a contract from QR ratings and survey answers together, weighted as the contract says,
 * with one counted rating per person, zone and day across both sources.
 */
describe('recipient satisfaction in the contract assessment', () => {
  let cloud: Cloud;
  let contractId: string;
  const ADMIN = PEOPLE.admin.openid;
  const survey = async (over: Record<string, unknown>) => {
    const created = await invoke(cloud, 'surveys', ADMIN, 'create', {
      title: '三月保洁满意度调查',
      unitId: 'contractor-clean',
      zoneId: 'zone-b1-f2',
      from: '2030-03-01',
      to: '2030-03-31',
      questions: [{ kind: 'rating', title: '总体满意度' }],
      ...over,
    });
    expect(created.code).toBe(0);
    expect((await invoke(cloud, 'surveys', ADMIN, 'open', { surveyId: created.data._id })).code).toBe(0);
    return created.data._id as string;
  };
  const answer = async (openid: string, surveyId: string, stars: number) =>
    expect((await invoke(cloud, 'surveys', openid, 'respond', { surveyId, requestId: randomUUID(), answers: { q1: stars } })).code).toBe(0);

  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-canteen', 'cant', { unitId: 'contractor-other', responsible: { primary: 'p-other' } })]);
    clearCaches();
    setClock(Date.UTC(2030, 1, 20, 2));
    const saved = await invoke(cloud, 'contracts', ADMIN, 'save', {
      fields: { ...CLEANING_CONTRACT, recipientMix: { ratings: 40, surveys: 60 } },
      paymentRule: THRESHOLD_RULE,
    });
    expect(saved.code).toBe(0);
    contractId = saved.data.contractId;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('refuses a recipient mix that does not add up to 100', async () => {
    const res = await invoke(cloud, 'contracts', ADMIN, 'save', {
      fields: { ...CLEANING_CONTRACT, no: 'HT-2030-009', recipientMix: { ratings: 40, surveys: 40 } },
      paymentRule: THRESHOLD_RULE,
    });
    expect(res).toMatchObject({ code: 'CONTRACT.SHEET_INVALID', details: { issues: [{ path: 'recipientMix' }] } });
  });

  it('mixes QR ratings and survey answers of the contract’s zones and the contractor’s unit-wide surveys, one per person, zone and day', async () => {
    // Prepare, 10 March 2030:
    //  - QR ratings at floor B1-2: the reporter 2★, student 2 4★;
    //  - the floor's survey: student 3 5★, and the reporter 5★, which replaces the reporter's 2★ of the same day;
    //  - a unit-wide survey of the cleaning contractor: student 4 4★;
    //  - a survey of another contractor's canteen: student 5 1★ (not this contract's).
    setClock(Date.UTC(2030, 2, 10, 2));
    const floor = await survey({});
    const unitWide = await survey({ title: '保洁公司服务评价', zoneId: null });
    const canteen = await survey({ title: '食堂调查', unitId: 'contractor-other', zoneId: 'zone-canteen' });
    expect((await rate(cloud, 2, REPORTER)).code).toBe(0);
    expect((await rate(cloud, 4, 'o-student-2')).code).toBe(0);
    await answer('o-student-3', floor, 5);
    await answer(REPORTER, floor, 5);
    await answer('o-student-4', unitWide, 4);
    await answer('o-student-5', canteen, 1);
    // Act
    setClock(Date.UTC(2030, 3, 1, 2));
    expect((await invoke(cloud, 'contracts', ADMIN, 'assess', { month: '2030-03' })).code).toBe(0);
    const res = await invoke(cloud, 'contracts', PEOPLE.leader.openid, 'assessment', { month: '2030-03', contractId });
    // Assess: QR 1 rating, 4★; surveys 3 answers, (5 + 5 + 4) / 3 = 4.67★; 4 × 40 % + 4.67 × 60 % = 4.4★ = 88 points;
    // no findings: 100 × 80 % + 88 × 20 % = 97.6 → 优秀.
    const a = res.data.assessment;
    expect(a).toMatchObject({ supervisorScore: 100, recipientScore: 88, score: 97.6, grade: 'excellent' });
    const line = a.lines.find((l: Loose) => l.kind === 'recipient');
    expect(line).toMatchObject({ count: 4 });
    expect(line.note).toBe('扫码评价1条（平均4星），问卷3份（平均4.7星）；按扫码40%、问卷60%加权，平均4.4星，折合88分');
  });

  it('drops the mix when an admin saves the contract without it (every rating then weighs the same)', async () => {
    const before = await invoke(cloud, 'contracts', ADMIN, 'get', { contractId });
    expect(before.data.recipientMix).toEqual({ ratings: 40, surveys: 60 });
    const saved = await invoke(cloud, 'contracts', ADMIN, 'save', {
      contractId,
      version: before.data.version,
      fields: CLEANING_CONTRACT,
      paymentRule: THRESHOLD_RULE,
    });
    expect(saved.code).toBe(0);
    const after = await invoke(cloud, 'contracts', ADMIN, 'get', { contractId });
    expect(after.data.recipientMix).toBeUndefined();
  });
});
