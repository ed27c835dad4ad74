import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { ACTIONS as CONTRACT_ACTIONS } from '../../cloudfunctions/contracts';
import { ACTIONS as SUPERVISION_ACTIONS } from '../../cloudfunctions/supervision';
import { CLEANING_CONTRACT, invoke, THRESHOLD_RULE } from './contracts.fixtures';
import { type Cloud, PEOPLE, REPORTER, startWithFixtures } from './fixtures';

type Role = 'reporter' | 'staff' | 'manager' | 'centreInspector' | 'officeInspector' | 'leader' | 'admin';
const ROLES: Role[] = ['reporter', 'staff', 'manager', 'centreInspector', 'officeInspector', 'leader', 'admin'];
const openidOf = (r: Role) => (r === 'reporter' ? REPORTER : PEOPLE[r].openid);
const ID = '0123456789ab0123456789abcdef';
const ITEM = {
  title: '整改',
  detail: '落实',
  basis: { kind: 'meeting', ref: '办公会' },
  leadUnitId: 'contractor-clean',
  deadline: '2099-01-01',
  cadence: 'weekly',
};

/** Who may call each action (the issue's rules), and a payload that passes the schema. */
const MATRIX: Record<string, Record<string, { payload: Record<string, unknown>; allowed: Role[] }>> = {
  contracts: {
    list: { payload: {}, allowed: ['manager', 'centreInspector', 'officeInspector', 'leader', 'admin'] },
    get: { payload: { contractId: ID }, allowed: ['manager', 'centreInspector', 'officeInspector', 'leader', 'admin'] },
    clauses: { payload: { zoneId: 'zone-b1-f2' }, allowed: ['centreInspector', 'officeInspector', 'admin'] },
    save: { payload: { fields: { ...CLEANING_CONTRACT, no: 'HT-M-1' }, paymentRule: THRESHOLD_RULE }, allowed: ['admin'] },
    issueNotice: { payload: { ticketId: ID, note: '限期整改' }, allowed: ['manager', 'centreInspector', 'officeInspector', 'admin'] },
    notices: { payload: { contractId: ID }, allowed: ['manager', 'centreInspector', 'officeInspector', 'leader', 'admin'] },
    notice: { payload: { noticeId: ID }, allowed: ['staff', 'manager', 'centreInspector', 'officeInspector', 'leader', 'admin'] },
    noticeDocx: { payload: { noticeId: ID }, allowed: ['staff', 'manager', 'centreInspector', 'officeInspector', 'leader', 'admin'] },
    recordEvent: { payload: { contractId: ID, month: '2030-01', what: '事件', points: -1, yuan: 0 }, allowed: ['manager', 'admin'] },
    assess: { payload: { month: '2020-01' }, allowed: ['admin'] },
    recompute: { payload: { month: '2020-01', reason: '重新计算' }, allowed: ['admin'] },
    results: { payload: { month: '2020-01' }, allowed: ['manager', 'leader', 'admin'] },
    assessment: { payload: { month: '2020-01', contractId: ID }, allowed: ['manager', 'leader', 'admin'] },
    signoff: { payload: { month: '2020-01', contractId: ID, event: 'sign' }, allowed: ['manager', 'admin'] },
    sheet: { payload: { month: '2020-01', contractId: ID }, allowed: ['manager', 'leader', 'admin'] },
    sheetDocx: { payload: { month: '2020-01', contractId: ID }, allowed: ['manager', 'leader', 'admin'] },
    exportMonth: { payload: { month: '2020-01' }, allowed: ['leader', 'admin'] },
  },
  supervision: {
    counters: { payload: { subjectType: 'unit' }, allowed: ['centreInspector', 'officeInspector', 'leader', 'admin'] },
    cases: { payload: {}, allowed: ['leader', 'admin'] },
    case: { payload: { caseId: ID }, allowed: ['leader', 'admin'] },
    decideCase: { payload: { caseId: ID, decision: 'confirm', reason: '确认' }, allowed: ['leader', 'admin'] },
    closeCase: { payload: { caseId: ID, action: { kind: 'notice', note: '通报' } }, allowed: ['leader', 'admin'] },
    sweep: { payload: {}, allowed: ['admin'] },
    units: { payload: {}, allowed: ['leader', 'admin'] },
    settings: { payload: {}, allowed: ['leader', 'admin'] },
    saveSettings: { payload: { threshold: 3, windowDays: 30, agendaAfterDays: 7, amberAt: 0.7 }, allowed: ['admin'] },
    issueItem: { payload: ITEM, allowed: ['leader', 'admin'] },
    items: { payload: { scope: 'mine' }, allowed: ['manager', 'leader', 'admin'] },
    item: { payload: { itemId: ID }, allowed: ['manager', 'leader', 'admin'] },
    actOnItem: { payload: { itemId: ID, event: 'sign' }, allowed: ['manager', 'leader', 'admin'] },
    agenda: { payload: {}, allowed: ['leader', 'admin'] },
    decideAgenda: { payload: { agendaId: ID, decision: '决定' }, allowed: ['leader', 'admin'] },
  },
};

describe('role × action matrix of the contracts and supervision functions', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
  });
  afterAll(() => cloud.close());

  it('lists every action of both tables', () => {
    expect(Object.keys(MATRIX.contracts).sort()).toEqual(Object.keys(CONTRACT_ACTIONS).sort());
    expect(Object.keys(MATRIX.supervision).sort()).toEqual(Object.keys(SUPERVISION_ACTIONS).sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([fn, actions]) =>
    Object.entries(actions).flatMap(([action, row]) => ROLES.map((role) => [fn, action, role, row.allowed.includes(role)] as const)),
  );
  it.each(cases)('%s.%s as %s: allowed %s', async (fn, action, role, allowed) => {
    const res = await invoke(cloud, fn, openidOf(role), action, MATRIX[fn][action].payload);
    expect(String(res.code)).not.toMatch(/^REQUEST\./);
    if (allowed) expect(res.code).not.toBe('AUTH.FORBIDDEN');
    else expect(res.code).toBe('AUTH.FORBIDDEN');
  });
});
