/**
 * The role × action matrix of every cloud function, generated from their ACTIONS tables: the functions are
 * found by listing cloudfunctions/<name>/index.ts, so a new function or a new action is in the matrix without
 * anyone adding it. Each action's gate is held to GATES (who may call it, reviewed as data: a new action
 * fails here until someone decides its roles), and every (action, role) pair is called through the real
 * handler with callers resolved from their person records. The payload's schema and the handler are stubbed:
 * this is about the gate (tickets.matrix.test.ts drives the ticket actions for real, with the domain's rules).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AnyAction } from '../../cloudfunctions/_lib/handler';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, startWithFixtures } from './fixtures';

const FUNCTIONS_DIR = path.resolve(__dirname, '../../cloudfunctions');
const FUNCTIONS = fs
  .readdirSync(FUNCTIONS_DIR)
  .filter((n) => !n.startsWith('_') && fs.existsSync(path.join(FUNCTIONS_DIR, n, 'index.ts')))
  .sort();

type Role = 'reporter' | 'staff' | 'manager' | 'inspector' | 'leader' | 'admin';
const ROLES: Role[] = ['reporter', 'staff', 'manager', 'inspector', 'leader', 'admin'];
const OPENID: Record<Role, string> = {
  reporter: 'o-gates-reporter',
  staff: PEOPLE.staff.openid,
  manager: PEOPLE.manager.openid,
  inspector: PEOPLE.officeInspector.openid,
  leader: PEOPLE.leader.openid,
  admin: PEOPLE.admin.openid,
};

const ANYONE = 'anyone';
const ADMIN = ['admin'];
const READERS = ['leader', 'admin', 'manager', 'inspector'];
/** Who may call each action (`anyone`: no gate). */
const GATES: Record<string, Record<string, readonly string[] | typeof ANYONE>> = {
  admin: {
    zones: ADMIN,
    zone: ADMIN,
    saveZone: ADMIN,
    zoneCode: ADMIN,
    units: ADMIN,
    staffOf: ADMIN,
    people: ADMIN,
    savePerson: ADMIN,
    invites: ADMIN,
    createInvite: ADMIN,
    revokeInvite: ADMIN,
    inviteCode: ADMIN,
    categories: ADMIN,
    saveCategory: ADMIN,
    moveCategory: ADMIN,
    ticketSettings: ADMIN,
    saveTicketSettings: ADMIN,
    moveZone: ADMIN,
    deleteZone: ADMIN,
    deletePerson: ADMIN,
    createDeadlineRuleSet: ADMIN,
    audit: ADMIN,
  },
  briefings: {
    setMasthead: ['admin'],
    generate: ADMIN,
    candidates: ADMIN,
    selectItems: ADMIN,
    publish: ADMIN,
    list: READERS,
    get: READERS,
    view: READERS,
    html: READERS,
    excel: READERS,
    exportFile: READERS,
  },
  org: {
    me: ANYONE,
    categories: ANYONE,
    zoneByScene: ANYONE,
    searchZones: ['inspector', 'manager', 'admin'],
    unitStaff: ['manager', 'inspector', 'admin'],
    redeemInvite: ANYONE,
    subscribed: ANYONE,
    setOnDuty: ['staff', 'manager'],
  },
  posters: { sheet: ADMIN, profile: ADMIN, saveProfile: ADMIN },
  scoring: {
    result: ['leader', 'admin', 'manager'],
    unitScore: ['leader', 'admin', 'manager'],
    recompute: ADMIN,
    rules: ['leader', 'admin', 'manager'],
    publishRules: ADMIN,
    assessmentExport: ['admin', 'leader'],
  },
  stats: {
    unitRanking: READERS,
    zoneRanking: READERS,
    staffRanking: ['manager', 'admin'],
    rankingOptions: READERS,
    checkRollups: ADMIN,
  },
  surveys: {
    create: ADMIN,
    update: ADMIN,
    open: ADMIN,
    close: ADMIN,
    list: ADMIN,
    results: ADMIN,
    texts: ADMIN,
    qrCode: ADMIN,
    units: ADMIN,
    get: ANYONE,
    respond: ANYONE,
  },
  tickets: {
    createReport: ANYONE,
    createFinding: ['inspector'],
    assign: ['manager', 'admin'],
    accept: ['staff', 'manager'],
    pause: ['staff', 'manager'],
    resume: ['staff', 'manager'],
    rectify: ['staff', 'manager'],
    verify: ANYONE,
    reassign: ['manager', 'inspector', 'admin'],
    cancel: ['manager', 'inspector', 'admin'], // a finding: the inspector who filed it or the office (harden)
    requestCoordination: ['staff', 'manager'],
    decideCoordination: ['inspector', 'admin'],
    reopen: ['inspector', 'admin'],
    changeSeverity: ['inspector', 'admin'],
    releaseHeld: ['manager', 'admin'],
    myReports: ANYONE,
    myTasks: ['staff', 'manager'],
    unitBoard: ['manager'],
    boardCounts: ['manager'],
    taskCounts: ['staff', 'manager'],
    myDone: ['staff', 'manager'],
    myFindings: ['inspector'],
    awaitingMyVerification: ['inspector'],
    all: ['admin', 'leader'],
    detail: ANYONE,
  },
  assets: {
    myUnits: ['staff', 'manager', 'inspector', 'leader', 'admin'],
    register: ['manager', 'admin'],
    event: ['staff', 'manager', 'inspector', 'leader', 'admin'],
    card: ['staff', 'manager', 'inspector', 'leader', 'admin'],
    unitAssets: ['staff', 'manager', 'inspector', 'leader', 'admin'],
    requestTransfer: ['manager', 'admin'],
    transfer: ['manager', 'admin'],
    transfers: ['manager', 'admin'],
    startCampaign: ['manager', 'admin'],
    progress: ['staff', 'manager', 'inspector', 'leader', 'admin'],
    scan: ['staff', 'manager', 'admin'],
    closeCampaign: ['manager', 'admin'],
    exceptions: ['staff', 'manager', 'inspector', 'leader', 'admin'],
    monthResults: ['leader', 'admin', 'inspector'],
    checkCampaign: ['admin'],
    importPath: ['admin'],
    importPreview: ['admin'],
    importConfirm: ['admin'],
    exportLedger: ['manager', 'admin'],
    exportChecklist: ['manager', 'admin'],
    exportSurplusLoss: ['manager', 'admin'],
    labels: ['manager', 'admin'],
  },
  contracts: {
    list: ['admin', 'leader', 'manager', 'inspector'],
    get: ['admin', 'leader', 'manager', 'inspector'],
    clauses: ['inspector', 'admin'],
    save: ['admin'],
    issueNotice: ['inspector', 'manager', 'admin'],
    notices: ['admin', 'leader', 'manager', 'inspector'],
    notice: ['admin', 'leader', 'manager', 'inspector', 'staff'],
    noticeDocx: ['admin', 'leader', 'manager', 'inspector', 'staff'],
    recordEvent: ['manager', 'admin'],
    assess: ['admin'],
    recompute: ['admin'],
    results: ['admin', 'leader', 'manager'],
    assessment: ['admin', 'leader', 'manager'],
    signoff: ['admin', 'manager'],
    sheet: ['admin', 'leader', 'manager'],
    sheetDocx: ['admin', 'leader', 'manager'],
    exportMonth: ['admin', 'leader'],
  },
  escalation: {
    deliveries: ['manager', 'inspector', 'admin'],
    recipientCheck: ['admin'],
  },
  overview: {
    summary: ['leader', 'admin'],
    sync: ['admin'],
  },
  patrols: {
    savePlan: ['admin', 'inspector', 'manager'],
    setPlanStatus: ['admin', 'inspector', 'manager'],
    planOptions: ['admin', 'inspector', 'manager'],
    listPlans: ['admin', 'inspector', 'manager'],
    getPlan: ['admin', 'inspector', 'manager'],
    previewSample: ['admin', 'inspector', 'manager'],
    myToday: ANYONE,
    startVisit: ANYONE,
    getVisit: ANYONE,
    endVisit: ANYONE,
    linkFinding: ['inspector'],
    noteFinding: ['volunteer'],
    pendingNotes: ['inspector'],
    confirmNote: ['inspector'],
    excuse: ['admin', 'inspector', 'manager'],
    register: ['admin', 'leader', 'inspector', 'manager'],
    visits: ['admin', 'leader', 'inspector', 'manager'],
    coverage: ['admin', 'leader', 'inspector', 'manager'],
    saveTerms: ['admin'],
    runTimer: ['admin'],
    checkCoverage: ['admin'],
  },
  supervision: {
    counters: ['leader', 'admin', 'inspector'],
    cases: ['leader', 'admin'],
    case: ['leader', 'admin'],
    decideCase: ['leader', 'admin'],
    closeCase: ['leader', 'admin'],
    sweep: ['admin'],
    units: ['leader', 'admin'],
    settings: ['leader', 'admin'],
    saveSettings: ['admin'],
    issueItem: ['leader', 'admin'],
    items: ['leader', 'admin', 'manager'],
    item: ['leader', 'admin', 'manager'],
    actOnItem: ['leader', 'admin', 'manager'],
    agenda: ['leader', 'admin'],
    decideAgenda: ['leader', 'admin'],
  },
};

type Module = { ACTIONS?: Record<string, AnyAction>; main: (event: unknown) => Promise<{ code: unknown; data?: unknown }> };
const load = (fn: string): Module => require(path.join(FUNCTIONS_DIR, fn, 'index.ts')) as Module;

const tabled = FUNCTIONS.filter((fn) => load(fn).ACTIONS);
const cases = tabled.flatMap((fn) =>
  Object.keys(load(fn).ACTIONS ?? {}).flatMap((action) => ROLES.map((role) => [fn, action, role] as const)),
);

describe('the role gates of every function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());
  afterEach(() => jest.restoreAllMocks());

  it('finds every function, and each has an action table or refuses a client', async () => {
    expect(FUNCTIONS).toEqual(
      expect.arrayContaining(['admin', 'briefings', 'escalation', 'org', 'posters', 'scoring', 'stats', 'surveys', 'tickets']),
    );
    for (const fn of FUNCTIONS.filter((f) => !tabled.includes(f))) {
      const reply = await cloud.host.invoke(fn, { action: 'anything' }, { source: 'wx_client', openid: OPENID.admin });
      expect(reply).toMatchObject({ code: 'AUTH.WRONG_SOURCE' });
    }
  });

  it.each(tabled)('decides who may call each action of %s (GATES lists exactly its actions)', (fn) => {
    const actions = load(fn).ACTIONS ?? {};
    expect(Object.keys(GATES[fn] ?? {}).sort()).toEqual(Object.keys(actions).sort());
    for (const [action, def] of Object.entries(actions)) {
      const want = GATES[fn][action];
      expect([action, def.roles ? [...def.roles].sort() : ANYONE]).toEqual([action, want === ANYONE ? ANYONE : [...want].sort()]);
    }
  });

  it.each(cases)('%s.%s by a %s passes the gate only when allowed', async (fn, action, role) => {
    // Prepare: any payload parses, and the handler only records that it ran.
    const def = load(fn).ACTIONS?.[action] as AnyAction;
    jest.spyOn(def.input, 'safeParse').mockReturnValue({ success: true, data: {} } as never);
    const ran = jest.spyOn(def, 'handler').mockResolvedValue('ran');
    const want = GATES[fn]?.[action];
    const allowed = want === ANYONE || (want ?? []).includes(role);

    // Act
    const reply = await cloud.host.invoke(fn, { action, payload: {} }, { source: 'wx_client', openid: OPENID[role] });

    // Assess
    if (allowed) {
      expect(reply).toEqual({ code: 0, data: 'ran' });
      expect(ran).toHaveBeenCalledTimes(1);
    } else {
      expect(reply).toMatchObject({ code: 'AUTH.FORBIDDEN' });
      expect(ran).not.toHaveBeenCalled();
    }
  });
});
