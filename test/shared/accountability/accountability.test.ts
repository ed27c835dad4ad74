import {
  ACCOUNTABILITY_ERRORS,
  agendaCandidate,
  applyItemEvent,
  CASE_EVENTS,
  CASE_STATES,
  CASE_TRANSITIONS,
  FIX_LOOKBACK_DAYS,
  fixedBefore,
  nextCaseState,
  proposals,
  ragOf,
  type StrikeTicket,
  SUPERVISION_ERRORS,
  type SupervisionItem,
  strikesOf,
} from '../../../shared/accountability';

const day = (d: number, h = 2) => new Date(Date.UTC(2030, 5, d, h));
const ticket = (over: Partial<StrikeTicket> = {}): StrikeTicket => ({
  _id: 't1',
  no: 'XC-1',
  kind: 'problem',
  unitId: 'u1',
  zoneId: 'z1',
  assigneeId: 'p1',
  createdAt: day(1),
  repeat: null,
  history: [{ at: day(1), event: 'create' }],
  ...over,
});

describe('accountability strikes', () => {
  it.each([
    [
      'a rejected rectification is 查而不改',
      ticket({
        history: [
          { at: day(1), event: 'create' },
          { at: day(2), event: 'reject' },
        ],
      }),
      null,
      ['nr-t1-1'],
    ],
    ['a repeat is 屡查屡犯', ticket({ repeat: { count: 1, ofTicketId: 't0' } }), null, ['rf-t1']],
    ['a repeat after a verified fix is also 屡改屡犯', ticket({ repeat: { count: 1, ofTicketId: 't0' } }), day(1, 1), ['rf-t1', 'rx-t1']],
    ['a repeat of a ticket verified only later is not', ticket({ repeat: { count: 1, ofTicketId: 't0' } }), day(1, 3), ['rf-t1']],
    [
      'a reopened ticket is 屡改屡犯',
      ticket({
        history: [
          { at: day(1), event: 'create' },
          { at: day(3), event: 'reopen' },
        ],
      }),
      null,
      ['rx-t1-1'],
    ],
    ['a positive example is nothing', ticket({ kind: 'positive', repeat: { count: 1, ofTicketId: 't0' } }), null, []],
    ['a held report is nothing', ticket({ held: true, repeat: { count: 1, ofTicketId: 't0' } }), null, []],
    ['a problem back after a fix, past the repeat window (no link), is 屡改屡犯 only', ticket(), day(1, 1), ['rx-t1']],
  ])('%s', (_name, t, earlierVerified, ids) => {
    expect(strikesOf(t, earlierVerified).map((s) => s._id)).toEqual(ids);
  });

  describe('the ticket before a new one, for 屡改屡犯 without a repeat link (fixedBefore)', () => {
    const DAY = 86_400_000;
    const now = ticket({ _id: 'new', createdAt: day(20) });
    const prior = (id: string, openedDaysBefore: number, fixedDaysBefore: number | null, over: Partial<StrikeTicket> = {}) => {
      const opened = new Date(now.createdAt.getTime() - openedDaysBefore * DAY);
      const history = [{ at: opened, event: 'create' }];
      if (fixedDaysBefore !== null) history.push({ at: new Date(now.createdAt.getTime() - fixedDaysBefore * DAY), event: 'approve' });
      return ticket({ _id: id, createdAt: opened, history, ...over });
    };
    it.each([
      ['the latest earlier ticket was verified before: that day', [prior('a', 100, 99)], 99],
      ['the latest earlier one is still open (an older one was fixed): none', [prior('a', 100, 99), prior('b', 10, null)], null],
      ['it was verified only after the new one was opened: none', [prior('a', 10, -1)], null],
      ['fixed, but opened longer ago than the lookback: none', [prior('a', FIX_LOOKBACK_DAYS + 1, FIX_LOOKBACK_DAYS)], null],
      ['opened exactly at the lookback: counts', [prior('a', FIX_LOOKBACK_DAYS, FIX_LOOKBACK_DAYS - 1)], FIX_LOOKBACK_DAYS - 1],
      [
        'cancelled, held and positive tickets in between are passed over',
        [
          prior('a', 100, 99),
          prior('c', 5, null, { state: 'cancelled' }),
          prior('h', 4, null, { held: true }),
          prior('p', 3, null, { kind: 'positive' }),
        ],
        99,
      ],
      ['the new ticket itself and later ones are not "before"', [ticket({ _id: 'new', createdAt: day(20) }), prior('later', -2, -3)], null],
    ])('%s', (_name, earlier, fixedDaysBefore) => {
      const at = fixedBefore(now, earlier);
      expect(at).toEqual(fixedDaysBefore === null ? null : new Date(now.createdAt.getTime() - fixedDaysBefore * DAY));
    });
  });

  it('proposes a case at the threshold within the window, keyed by its earliest strike', () => {
    const s = (id: string, d: number, personId: string | null = 'p1') => ({
      _id: id,
      kind: 'repeatFound' as const,
      ticketId: `t-${id}`,
      ticketNo: id,
      at: day(d),
      unitId: 'u1',
      zoneId: 'z1',
      personId,
    });
    const strikes = [s('a', 1), s('b', 2), s('c', 20, null), s('d', 25)];
    // Window of 30 days ending 26 June: all four for the unit; the person has three (c has nobody assigned).
    expect(proposals(strikes, 'unit', day(26), { threshold: 3, windowDays: 30 }).map((p) => [p.key, p.strikeIds.length])).toEqual([
      ['repeatFound|unit|u1|a', 4],
    ]);
    expect(proposals(strikes, 'person', day(26), { threshold: 3, windowDays: 30 })[0].strikeIds).toEqual(['a', 'b', 'd']);
    // Ten days later a and b have left the window.
    expect(proposals(strikes, 'unit', day(30, 12), { threshold: 3, windowDays: 20 })).toEqual([]);
  });
});

describe('accountability case lifecycle', () => {
  it.each(CASE_STATES.flatMap((s) => CASE_EVENTS.map((e) => [s, e] as const)))('%s + %s follows the table', (state, event) => {
    const to = CASE_TRANSITIONS[state][event];
    if (to) expect(nextCaseState(state, event)).toBe(to);
    else expect(() => nextCaseState(state, event)).toThrow(expect.objectContaining({ code: ACCOUNTABILITY_ERRORS.INVALID_TRANSITION }));
  });
});

describe('supervision items', () => {
  const item: SupervisionItem = {
    _id: 'i1',
    no: 'DB-2030-0001',
    state: 'issued',
    leadUnitId: 'lead',
    assistUnitIds: ['help'],
    issuedAt: day(1, 0),
    deadline: day(11, 0),
    cadence: 'weekly',
    signedUnitIds: [],
    lastReportAt: null,
    closedAt: null,
    overdue: false,
    history: [],
    version: 0,
  };
  const lead = { id: 'p-lead', managedUnitIds: ['lead'], office: false };
  const help = { id: 'p-help', managedUnitIds: ['help'], office: false };
  const office = { id: 'p-office', managedUnitIds: [], office: true };

  it('stays issued until every unit has signed, then runs to closed', () => {
    let i = applyItemEvent(item, 'sign', lead, '', day(1));
    expect(i.state).toBe('issued');
    expect(() => applyItemEvent(i, 'sign', lead, '', day(1))).toThrow(expect.objectContaining({ code: SUPERVISION_ERRORS.ALREADY_SIGNED }));
    i = applyItemEvent(i, 'sign', help, '', day(1));
    expect(i.state).toBe('signed');
    expect(() => applyItemEvent(i, 'requestClose', help, '', day(2))).toThrow(
      expect.objectContaining({ code: SUPERVISION_ERRORS.NOT_PARTY }),
    );
    i = applyItemEvent(applyItemEvent(i, 'report', help, '进展', day(3)), 'requestClose', lead, '', day(4));
    expect(() => applyItemEvent(i, 'close', lead, '', day(5))).toThrow(expect.objectContaining({ code: SUPERVISION_ERRORS.NOT_PARTY }));
    i = applyItemEvent(i, 'close', office, '', day(5));
    expect(i).toMatchObject({ state: 'closed', version: 5, closedAt: day(5) });
    expect(() => applyItemEvent(i, 'report', lead, 'x', day(6))).toThrow(
      expect.objectContaining({ code: SUPERVISION_ERRORS.INVALID_TRANSITION }),
    );
  });

  it.each([
    ['green early on', { lastReportAt: day(3, 0) }, day(4, 0), 'green'],
    ['amber at 70 % of the time', { lastReportAt: day(7, 0) }, day(8, 0), 'amber'],
    ['amber when a weekly report is missing', {}, day(8, 12), 'amber'],
    ['red past the deadline', { lastReportAt: day(10, 0) }, day(11, 1), 'red'],
    ['red when closed late', { state: 'closed', closedAt: day(12, 0) }, day(20, 0), 'red'],
    ['green when closed early', { state: 'closed', closedAt: day(3, 0) }, day(20, 0), 'green'],
  ] as const)('is %s', (_name, over, now, rag) => {
    expect(ragOf({ ...item, ...over }, now, 0.7)).toBe(rag);
  });
});

describe('the decision agenda', () => {
  const t = { _id: 't1', no: 'XC-1', state: 'coordinating', history: [{ at: day(1), event: 'requestCoordination', note: '需协调' }] };
  it.each([
    [day(7, 12), 7, null],
    [day(8, 2), 7, `t1-${day(1).getTime()}`],
    [day(4, 2), 3, `t1-${day(1).getTime()}`],
  ])('at %s after %d days: %s', (now, after, key) => {
    expect(agendaCandidate(t, now, after)?.key ?? null).toBe(key);
  });
  it('ignores tickets no longer coordinating', () => expect(agendaCandidate({ ...t, state: 'accepted' }, day(30), 7)).toBeNull());
});
