import {
  type AssessmentInput,
  assessContract,
  CONTRACT_ERRORS,
  ContractFields,
  checkSheet,
  contractForClause,
  DEFAULT_GRADE_BANDS,
  gradeOf,
  nextSignoff,
  recipientScore,
} from '../../../shared/contracts';

const at = (d: number) => new Date(Date.UTC(2030, 2, d, 2));
const CONTRACT: AssessmentInput['contract'] = {
  _id: 'c1',
  no: 'HT-2030-001',
  name: '保洁',
  clauses: [
    { code: 'BJ-01', what: '地面保洁', how: '目测', points: 20, deductPoints: 2, deductYuan: 0 },
    { code: 'BJ-02', what: '垃圾清运', how: '目测', points: 10, deductPoints: 2, deductYuan: 500 },
    { code: 'BJ-03', what: '卫生间', how: '目测', points: 3, deductPoints: 2, deductYuan: 0 },
  ],
  weights: { supervisor: 80, recipient: 20 },
  gradeBands: [...DEFAULT_GRADE_BANDS],
  passScore: 80,
  zeroAfter: 3,
  lateFix: { points: 2, yuan: 1000 },
  paymentRule: { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 },
  monthlyFee: 100000,
};
const f = (id: string, clauseCode: string, d: number) => ({ _id: id, no: `XC-${id}`, zoneId: 'z1', clauseCode, createdAt: at(d) });

describe('the monthly contract assessment', () => {
  const input: AssessmentInput = {
    contract: CONTRACT,
    month: '2030-03',
    findings: [f('a', 'BJ-01', 3), f('b', 'BJ-01', 9), f('c', 'BJ-01', 20), f('d', 'BJ-02', 5), f('e', 'BJ-03', 6), f('g', 'BJ-03', 7)],
    notices: [
      { _id: 'n1', no: 'ZG-1', ticketId: 'd', ticketNo: 'XC-d', dueAt: at(15), rectifiedAt: at(20) },
      { _id: 'n2', no: 'ZG-2', ticketId: 'e', ticketNo: 'XC-e', dueAt: at(15), rectifiedAt: at(14) },
    ],
    events: [],
    satisfaction: { n: 2, sum: 9 },
    previousBelowPass: true,
  };

  it('traces every line to its tickets: three times zeroes the item, a capped item, a late fix after a notice', () => {
    // Act
    const r = assessContract(input);
    // Assess: 100 − 20 (BJ-01 ×3) − 2 (BJ-02) − 3 (BJ-03 ×2, capped at its 3 points) − 2 (late) = 73;
    // 73 × .8 + 90 × .2 = 76.4
    expect(r.lines.map((l) => [l.kind, l.clauseCode, l.points, l.fen, l.ticketIds])).toEqual([
      ['clause', 'BJ-01', -20, 0, ['a', 'b', 'c']],
      ['clause', 'BJ-02', -2, -50000, ['d']],
      ['clause', 'BJ-03', -3, 0, ['e', 'g']],
      ['lateFix', null, -2, -100000, ['d']],
      ['recipient', null, 0, 0, []],
      ['weighting', null, 0, 0, []],
    ]);
    expect(r).toMatchObject({ supervisorScore: 73, recipientScore: 90, score: 76.4, grade: 'pass', belowPass: true, belowPassTwice: true });
    expect(r.payment.payableFen).toBe(9_140_000 - 150_000);
  });

  it('counts the supervisor score in full when nobody rated the month, and never goes below 0', () => {
    const r = assessContract({
      ...input,
      satisfaction: { n: 0, sum: 0 },
      events: [{ _id: 'e1', what: '重大事故', points: -100, yuan: 0, ticketIds: [] }],
      previousBelowPass: null,
    });
    expect(r).toMatchObject({
      supervisorScore: 0,
      recipientScore: null,
      weights: { supervisor: 100, recipient: 0 },
      score: 0,
      grade: 'fail',
      belowPassTwice: false,
    });
  });

  it.each([
    [90, 'excellent'],
    [89.9, 'good'],
    [80, 'good'],
    [79.9, 'pass'],
    [70, 'pass'],
    [69.9, 'fail'],
    [0, 'fail'],
  ])('grades %d as %s', (score, grade) => expect(gradeOf(score, DEFAULT_GRADE_BANDS)).toBe(grade));
});

describe('contract sheet, clause coverage and sign-off', () => {
  const fields = ContractFields.parse({
    no: 'HT-1',
    name: '保洁',
    contractorUnitId: 'u1',
    serviceKind: 'cleaning',
    supervisingUnitId: 'u2',
    zoneIds: ['b1'],
    startDate: '2030-01-01',
    endDate: '2030-12-31',
    monthlyFee: 1000,
    clauses: [{ code: 'BJ-01', what: '地面', how: '目测', points: 20, deductPoints: 2 }],
    weights: { supervisor: 80, recipient: 20 },
  });

  it.each([
    ['weights', { weights: { supervisor: 50, recipient: 20 } }],
    ['endDate', { endDate: '2029-12-31' }],
    [
      'gradeBands',
      {
        gradeBands: [
          { grade: 'excellent', min: 90 },
          { grade: 'fail', min: 10 },
        ],
      },
    ],
    ['clauses.1.code', { clauses: [...fields.clauses, ...fields.clauses] }],
  ])('refuses a sheet with a bad %s', (path, over) => {
    expect(() => checkSheet({ ...fields, ...over } as typeof fields)).toThrow(
      expect.objectContaining({
        code: CONTRACT_ERRORS.SHEET_INVALID,
        details: { issues: expect.arrayContaining([expect.objectContaining({ path })]) },
      }),
    );
  });

  it('finds the contract of a clause for a zone under a covered building, and refuses one outside or out of term', () => {
    const c = { _id: 'c1', ...fields };
    expect(contractForClause('BJ-01', { _id: 'f2', path: ['campus', 'b1'] }, [c], new Date('2030-03-01T00:00:00Z'))._id).toBe('c1');
    for (const [zone, when, code] of [
      [{ _id: 'x', path: ['campus', 'b2'] }, '2030-03-01T00:00:00Z', 'BJ-01'],
      [{ _id: 'f2', path: ['campus', 'b1'] }, '2031-01-01T00:00:00Z', 'BJ-01'],
      [{ _id: 'f2', path: ['campus', 'b1'] }, '2030-03-01T00:00:00Z', 'BJ-09'],
    ] as const) {
      expect(() => contractForClause(code, zone, [c], new Date(when))).toThrow(
        expect.objectContaining({ code: CONTRACT_ERRORS.CLAUSE_NOT_IN_ZONE }),
      );
    }
  });

  it.each([
    ['pending', 'sign', ['supervisingUnit'], 'supervisorSigned'],
    ['supervisorSigned', 'approve', ['office'], 'approved'],
    ['pending', 'return', ['supervisingUnit'], 'returned'],
    ['supervisorSigned', 'return', ['office'], 'returned'],
  ] as const)('%s + %s by %j → %s', (state, event, roles, to) => expect(nextSignoff(state, event, roles).to).toBe(to));

  it.each([
    ['pending', 'approve', ['office'], CONTRACT_ERRORS.INVALID_SIGNOFF],
    ['approved', 'sign', ['supervisingUnit'], CONTRACT_ERRORS.INVALID_SIGNOFF],
    ['pending', 'sign', ['office'], CONTRACT_ERRORS.NOT_SIGNER],
  ] as const)('%s + %s by %j is refused', (state, event, roles, code) => {
    expect(() => nextSignoff(state, event, roles)).toThrow(expect.objectContaining({ code }));
  });
});

describe('the recipient score from QR ratings and surveys', () => {
  it.each([
    [
      'pooled: every counted rating weighs the same',
      undefined,
      88,
      '扫码评价2条（平均4星），问卷2份（平均4.8星）；合计4条，平均4.4星，折合88分',
    ],
    [
      'weighted 50/50 as the contract says',
      { ratings: 50, surveys: 50 },
      88,
      '扫码评价2条（平均4星），问卷2份（平均4.8星）；按扫码50%、问卷50%加权，平均4.4星，折合88分',
    ],
    [
      'weighted 0/100: surveys only',
      { ratings: 0, surveys: 100 },
      96,
      '扫码评价2条（平均4星），问卷2份（平均4.8星）；按扫码0%、问卷100%加权，平均4.8星，折合96分',
    ],
  ])('%s', (_name, mix, score, note) => {
    expect(recipientScore({ n: 4, sum: 17.6, survey: { n: 2, sum: 9.6 } }, mix)).toEqual({ score, note });
  });

  it('gives a missing source’s share to the other, and counts nothing when nobody rated', () => {
    expect(recipientScore({ n: 2, sum: 6, survey: { n: 0, sum: 0 } }, { ratings: 30, surveys: 70 })).toEqual({
      score: 60,
      note: '扫码评价2条（平均3星），问卷0份；仅有扫码评价，按其全额计，平均3星，折合60分',
    });
    expect(recipientScore({ n: 0, sum: 0 }, { ratings: 30, surveys: 70 }).score).toBeNull();
  });
});
