import {
  ASSET_MESSAGES,
  ASSET_ROW_ERRORS,
  ASSET_ROW_MESSAGES,
  ASSET_TRANSITIONS,
  type Asset,
  type AssetEventRequest,
  type AssetStatus,
  addMonths,
  applyAssetEvent,
  assetScoreLines,
  campaignResults,
  classifyScan,
  DEFAULT_ASSET_CATEGORIES,
  depreciation,
  dueState,
  GbCategoryCode,
  nextTransferState,
  parseDate,
  parseMoney,
  startCampaign,
  validateRows,
} from '../../../shared/assets';
import { DEFAULT_ASSET_SCORING, DEFAULT_SCORING_RULES, ScoringRules } from '../../../shared/scoring/rules.schema';

const NOW = new Date('2026-05-15T02:00:00Z'); // 10:00 in Shanghai

const asset = (over: Partial<Asset> = {}): Asset => ({
  _id: 'as-ZC-1',
  tag: 'ZC-1',
  categoryCode: 'E010000',
  categoryName: '家具',
  name: '办公桌',
  model: '',
  serial: '',
  value: 1200,
  purchasedAt: null,
  inServiceAt: null,
  supplier: '',
  unitId: 'u1',
  zoneId: 'z1',
  managerId: null,
  custodianId: 'p1',
  custodianAcceptedAt: null,
  status: 'in_use',
  lifeYears: 15,
  verifyEveryMonths: 1,
  lastVerifiedAt: null,
  nextVerifyAt: NOW,
  transferId: null,
  createdAt: NOW,
  updatedAt: NOW,
  version: 0,
  ...over,
});

describe('GB/T 14885-2022 category codes', () => {
  it.each([
    ['A010000', true],
    ['B02010100', true],
    ['2010000', false], // the 2010 edition's 7-digit numeric code
    ['H010000', false],
    ['B0201', false],
  ])('%s is %s', (code, ok) => {
    expect(GbCategoryCode.safeParse(code).success).toBe(ok);
  });
  it('ships default categories that all pass the format', () => {
    for (const c of DEFAULT_ASSET_CATEGORIES) expect(GbCategoryCode.safeParse(c.code).success).toBe(true);
  });
});

describe('the asset lifecycle table', () => {
  const cases: Array<[string, AssetStatus, AssetEventRequest, AssetStatus | string]> = [
    ['lends an asset in use', 'in_use', { event: 'lend', assetId: 'a', borrower: '学生会' }, 'lent'],
    ['returns a lent asset', 'lent', { event: 'return', assetId: 'a' }, 'in_use'],
    ['sends an idle asset for maintenance', 'idle', { event: 'maintain', assetId: 'a', cost: 10 }, 'under_repair'],
    ['records damage on a lent asset', 'lent', { event: 'damage', assetId: 'a', note: '坏了' }, 'under_repair'],
    ['asks to dispose of a lost asset', 'lost', { event: 'requestDisposal', assetId: 'a', note: '找不到' }, 'awaiting_disposal'],
    [
      'disposes of an asset awaiting disposal',
      'awaiting_disposal',
      { event: 'dispose', assetId: 'a', method: 'scrap', approvalNo: 'X', proceeds: 0 },
      'disposed',
    ],
    ['refuses to lend an asset under repair', 'under_repair', { event: 'lend', assetId: 'a', borrower: 'x' }, 'ASSET.INVALID_TRANSITION'],
    ['refuses to return an asset not lent', 'in_use', { event: 'return', assetId: 'a' }, 'ASSET.INVALID_TRANSITION'],
    ['refuses anything on a disposed asset', 'disposed', { event: 'move', assetId: 'a', zoneId: 'z2' }, 'ASSET.DISPOSED'],
  ];
  it.each(cases)('%s', (_n, from, cmd, expected) => {
    const run = () => applyAssetEvent(asset({ status: from }), cmd, ['admin', 'unitManager'], NOW).next.status;
    if (expected.startsWith('ASSET.')) expect(run).toThrow(expect.objectContaining({ code: expected }));
    else expect(run()).toBe(expected);
  });

  it('lets only the custodian accept, and stamps the confirmation', () => {
    expect(() => applyAssetEvent(asset(), { event: 'accept', assetId: 'a' }, ['unitManager'], NOW)).toThrow(
      expect.objectContaining({ code: 'ASSET.NOT_CUSTODIAN' }),
    );
    expect(applyAssetEvent(asset(), { event: 'accept', assetId: 'a' }, ['custodian'], NOW).next.custodianAcceptedAt).toEqual(NOW);
  });

  it('gives every event a rule that records a life event', () => {
    for (const rule of Object.values(ASSET_TRANSITIONS)) expect(rule.records).toBeTruthy();
  });
});

describe('the transfer lifecycle', () => {
  it.each([
    ['requested', 'approve', ['admin'], 'approved'],
    ['approved', 'receive', ['targetManager'], 'received'],
    ['requested', 'cancel', ['sourceManager'], 'cancelled'],
    ['requested', 'receive', ['admin'], 'ASSET.TRANSFER_INVALID_STATE'],
    ['requested', 'approve', ['sourceManager'], 'ASSET.FORBIDDEN'],
    ['received', 'cancel', ['admin'], 'ASSET.TRANSFER_INVALID_STATE'],
  ] as const)('%s + %s by %j → %s', (state, event, roles, expected) => {
    const run = () => nextTransferState(state, event, roles);
    if (expected.startsWith('ASSET.')) expect(run).toThrow(expect.objectContaining({ code: expected }));
    else expect(run()).toBe(expected);
  });
});

describe('straight-line depreciation', () => {
  it.each([
    [12000, 5, '2024-01-10T00:00:00+08:00', '2025-01-31T00:00:00+08:00', { months: 12, monthly: 200, accumulated: 2400, bookValue: 9600 }],
    [12000, 5, '2024-01-10T00:00:00+08:00', '2034-01-01T00:00:00+08:00', { months: 60, accumulated: 12000, bookValue: 0 }],
    [1000, 0, '2024-01-10T00:00:00+08:00', '2030-01-01T00:00:00+08:00', { months: 0, bookValue: 1000 }],
    [999.99, 3, '2024-12-31T23:00:00+08:00', '2025-01-01T01:00:00+08:00', { months: 1, monthly: 27.78 }],
  ])('%d yuan over %d years from %s as of %s', (value, years, from, asOf, expected) => {
    expect(depreciation(value, years, new Date(from), new Date(asOf))).toMatchObject(expected);
  });
});

describe('verification due dates', () => {
  it('adds calendar months in Shanghai, clamping the 31st', () => {
    expect(addMonths(new Date('2026-01-31T04:00:00Z'), 1).toISOString()).toBe('2026-02-28T04:00:00.000Z');
  });
  it.each([
    ['never verified (due from registration)', { nextVerifyAt: NOW }, 'due'],
    ['due in 3 days', { nextVerifyAt: new Date(NOW.getTime() + 3 * 86_400_000) }, 'due'],
    ['due in 30 days', { nextVerifyAt: new Date(NOW.getTime() + 30 * 86_400_000) }, 'ok'],
    ['two days past its date', { nextVerifyAt: new Date(NOW.getTime() - 2 * 86_400_000) }, 'overdue'],
    ['disposed', { nextVerifyAt: new Date(0), status: 'disposed' as const }, 'ok'],
  ])('%s → %s', (_n, over, expected) => {
    expect(dueState({ status: 'in_use', ...over }, NOW)).toBe(expected);
  });
});

describe('classifying a scan', () => {
  it.each([
    ['an unknown tag', null, false, { report: 'found' as const }, 'surplus'],
    ["another unit's asset", asset(), false, { report: 'found' as const }, 'surplus'],
    ['an asset of the snapshot', asset(), true, { report: 'found' as const }, 'found'],
    ['found elsewhere with a photo and place', asset(), true, { report: 'elsewhere' as const, photo: 'p', place: '3楼' }, 'elsewhere'],
    ['damaged without a photo', asset(), true, { report: 'damaged' as const }, 'ASSET.PHOTO_REQUIRED'],
    ['elsewhere without the place', asset(), true, { report: 'elsewhere' as const, photo: 'p' }, 'ASSET.PLACE_REQUIRED'],
    ['a disposed asset', asset({ status: 'disposed' }), true, { report: 'found' as const }, 'ASSET.DISPOSED'],
  ])('%s', (_n, a, inSnapshot, input, expected) => {
    const run = () => classifyScan(input, a, inSnapshot);
    if (expected.startsWith('ASSET.')) expect(run).toThrow(expect.objectContaining({ code: expected }));
    else expect(run()).toBe(expected);
  });

  it('computes results from counters: in-place ratio, progress and value at risk', () => {
    const c = startCampaign(
      'u1',
      [
        { _id: 'a', value: 100 },
        { _id: 'b', value: 200 },
        { _id: 'c', value: 300 },
        { _id: 'd', value: 400 },
      ],
      'p',
      NOW,
    );
    c.counts = { found: 2, elsewhere: 1, damaged: 0, surplus: 3, missing: 1 };
    c.values = { found: 300, elsewhere: 300, damaged: 0, surplus: 0, missing: 400 };
    expect(c._id).toBe('cp-u1-2026-05');
    expect(campaignResults(c)).toMatchObject({
      expected: 4,
      scanned: 3,
      remaining: 0,
      progress: 1,
      inPlaceRatio: 0.5,
      valueAtRisk: 400,
      surplus: 3,
    });
  });
});

describe('validating an import sheet', () => {
  const lookups = {
    categories: new Map(DEFAULT_ASSET_CATEGORIES.map((c) => [c.code, c])),
    units: new Map([
      ['u1', { _id: 'u1' }],
      ['物业服务中心', { _id: 'u1' }],
    ]),
    zones: new Map([
      ['b1f2', { _id: 'z1', unitId: 'u1' }],
      ['g1', { _id: 'z2', unitId: 'u2' }],
    ]),
    people: new Map([['张三', { _id: 'p1' }]]),
  };
  const row = (n: number, over: Record<string, unknown> = {}) => ({
    row: n,
    cells: { tag: `ZC-${n}`, categoryCode: 'E010000', name: '办公桌', value: 1200, unit: '物业服务中心', zone: 'b1f2', ...over },
  });

  it('accepts good rows and resolves names to ids', () => {
    const { valid, errors } = validateRows([row(2, { custodian: '张三', inServiceAt: '2024/3/1', value: '1,200.50' })], lookups);
    expect(errors).toEqual([]);
    expect(valid[0]).toMatchObject({ tag: 'ZC-2', unitId: 'u1', zoneId: 'z1', custodianId: 'p1', value: 1200.5, categoryName: '家具' });
  });

  it.each([
    [
      'duplicate tags (both rows)',
      [row(2), row(3, { tag: 'zc-2' })],
      [
        [2, ASSET_ROW_ERRORS.DUPLICATE_TAG],
        [3, ASSET_ROW_ERRORS.DUPLICATE_TAG],
      ],
    ],
    ['an unknown category', [row(2, { categoryCode: 'B990000' })], [[2, ASSET_ROW_ERRORS.UNKNOWN_CATEGORY]]],
    ['a value that is not a number', [row(2, { value: '一千二' })], [[2, ASSET_ROW_ERRORS.NOT_A_NUMBER]]],
    ['a bad date', [row(2, { purchasedAt: '2024-02-30' })], [[2, ASSET_ROW_ERRORS.BAD_DATE]]],
    ['an unknown unit', [row(2, { unit: '不存在的单位' })], [[2, ASSET_ROW_ERRORS.UNIT_NOT_FOUND]]],
    ['a zone of another unit', [row(2, { zone: 'g1' })], [[2, ASSET_ROW_ERRORS.ZONE_OUTSIDE_UNIT]]],
    ['a missing name', [row(2, { name: '' })], [[2, ASSET_ROW_ERRORS.MISSING]]],
  ])('reports %s and keeps the row out', (_n, rows, expected) => {
    const { valid, errors } = validateRows(rows, lookups);
    expect(errors.map((e) => [e.row, e.code])).toEqual(expected);
    expect(valid.filter((v) => expected.some(([r]) => r === v.row))).toEqual([]);
  });

  it('reads money and dates as offices write them', () => {
    expect(parseMoney('¥1,234.5')).toBe(1234.5);
    expect(parseMoney('12a')).toBeNull();
    expect(parseDate('2024年3月1日')).toEqual(new Date('2024-02-29T16:00:00Z'));
    expect(parseDate('2024-13-01')).toBe('bad');
  });
});

describe('messages', () => {
  it('gives every code a zh-CN sentence', () => {
    for (const m of [...Object.values(ASSET_MESSAGES), ...Object.values(ASSET_ROW_MESSAGES)]) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('asset scoring lines', () => {
  const results = (ratio: number, expected = 20) => ({
    _id: 'cp-u1-2026-05',
    results: { ...campaignResults(startCampaign('u1', [], 'p', NOW)), inPlaceRatio: ratio, expected },
  });
  it('rewards a high in-place ratio and charges damage to the liable person, capped', () => {
    const lines = assetScoreLines(
      DEFAULT_ASSET_SCORING,
      results(0.99),
      Array.from({ length: 7 }, (_v, i) => ({ eventId: `e${i}`, assetId: `a${i}`, liablePersonId: 'p1' })),
    );
    expect(lines[0]).toMatchObject({ kind: 'assetInPlace', points: 2, evidence: ['cp-u1-2026-05'] });
    expect(lines.filter((l) => l.kind === 'assetDamage').reduce((s, l) => s + l.points, 0)).toBe(-5);
    expect(lines[1]).toMatchObject({ personId: 'p1', points: -1, evidence: ['e0'] });
  });
  it('gives no bonus below the threshold or over too few assets, and nothing for versions without asset rules', () => {
    expect(assetScoreLines(DEFAULT_ASSET_SCORING, results(0.9), [])).toEqual([]);
    expect(assetScoreLines(DEFAULT_ASSET_SCORING, results(1, 3), [])).toEqual([]);
    expect(assetScoreLines(undefined, results(1), [{ eventId: 'e', assetId: 'a', liablePersonId: 'p' }])).toEqual([]);
  });
  it('keeps earlier rule versions valid and accepts a version with asset lines', () => {
    expect(ScoringRules.safeParse(DEFAULT_SCORING_RULES).success).toBe(true);
    expect(ScoringRules.safeParse({ ...DEFAULT_SCORING_RULES, version: 'v2-assets', assets: DEFAULT_ASSET_SCORING }).success).toBe(true);
  });
});

describe('asset verification lines (rule v2 `notVerified`)', () => {
  const closed = (ratio: number, expected = 20) => ({
    _id: 'cp-u1-2026-05',
    state: 'closed',
    results: { ...campaignResults(startCampaign('u1', [], 'p', NOW)), inPlaceRatio: ratio, expected },
  });
  const nv = (tag: string, reason: 'missing' | 'notScanned' = 'missing') => ({
    assetId: `as-${tag}`,
    tag,
    name: '办公桌',
    zone: '一食堂',
    reason,
    evidenceId: `scan-${tag}`,
  });

  it('deducts each asset not verified in place, traced to its scan record, capped per month', () => {
    const rules = { ...DEFAULT_ASSET_SCORING, notVerified: { perItem: 2, maxPerPeriod: 5, noCampaign: 3 } };
    const lines = assetScoreLines(rules, closed(0.5), [], { notVerified: [nv('B'), nv('A'), nv('C')], held: 20 });
    expect(lines.map((l) => [l.kind, l.points, l.evidence[0], l.detail.tag, l.detail.zone])).toEqual([
      ['assetNotVerified', -2, 'scan-A', 'A', '一食堂'],
      ['assetNotVerified', -2, 'scan-B', 'B', '一食堂'],
      ['assetNotVerified', -1, 'scan-C', 'C', '一食堂'],
    ]);
  });

  it('deducts once for a unit holding enough assets that ran no campaign, and rewards only a closed campaign', () => {
    expect(assetScoreLines(DEFAULT_ASSET_SCORING, null, [], { notVerified: [], held: 10 })).toEqual([
      expect.objectContaining({ kind: 'assetNoCampaign', points: -3, detail: { held: 10 } }),
    ]);
    expect(assetScoreLines(DEFAULT_ASSET_SCORING, null, [], { notVerified: [], held: 9 })).toEqual([]);
    expect(assetScoreLines(DEFAULT_ASSET_SCORING, { ...closed(1), state: 'open' }, [])).toEqual([]);
    expect(assetScoreLines(DEFAULT_ASSET_SCORING, closed(1), [])).toEqual([expect.objectContaining({ kind: 'assetInPlace', points: 2 })]);
    const v1 = { inPlace: DEFAULT_ASSET_SCORING.inPlace, damage: DEFAULT_ASSET_SCORING.damage };
    expect(assetScoreLines(v1, null, [], { notVerified: [nv('A')], held: 50 })).toEqual([]);
  });
});
