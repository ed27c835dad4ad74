import { AppError } from '../../../shared/errors';
import type { TicketCommand } from '../../../shared/tickets/ticket.commands';
import { type Opener, openTicket } from '../../../shared/tickets/ticket.factory';
import {
  availableEvents,
  CLOCK_RUNNING_STATES,
  PROBLEM_TRANSITIONS,
  type TransitionEnv,
  transition,
} from '../../../shared/tickets/ticket.machine';
import { type Actor, SYSTEM_ACTOR } from '../../../shared/tickets/ticket.roles';
import { TICKET_EVENTS, TICKET_STATES, Ticket, type TicketRole, type TicketState } from '../../../shared/tickets/ticket.schema';
import { HOUR, HYGIENE, MIN, OFFICE_HOURS, sh, ZONE } from '../fixtures';

const env: TransitionEnv = { hours: OFFICE_HOURS };
const REPORTER: Opener = { source: 'report', openid: 'o-reporter' };
const INSPECTOR: Opener = { source: 'finding', inspectorId: 'p-inspector' };
const PHOTO = 'cloud://env-1.656e/tickets/after.jpg';

const as = (role: TicketRole, id = `p-${role}`): Actor => ({ id: role === 'assignee' ? 'p-staff' : id, roles: [role] });

/** A minor hygiene problem opened Monday 08:00 (due 09:00), already assigned to p-staff. */
const open = (opener: Opener = INSPECTOR, at = '2026-11-23 08:00') =>
  openTicket(
    {
      _id: 't1',
      no: 'XC-20261123-0001',
      requestId: null,
      opener,
      kind: 'problem',
      zone: ZONE,
      category: HYGIENE,
      description: '走廊有垃圾',
      photos: [],
      earlier: [],
    },
    sh(at),
  );

/** Fires a sequence of (command, actor, wall time) steps. */
const run = (ticket: Ticket, steps: [TicketCommand, Actor, string][]) =>
  steps.reduce((t, [c, a, at]) => transition(t, c, a, sh(at), env), ticket);

const RECTIFY: TicketCommand = { event: 'rectify', afterPhotos: [PHOTO], note: '已清理', cause: '漏扫' };

const rectified = (opener: Opener) =>
  run(open(opener), [
    [{ event: 'accept' }, as('assignee'), '2026-11-23 08:10'],
    [RECTIFY, as('assignee'), '2026-11-23 08:40'],
  ]);

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return undefined;
};

describe('opening a ticket', () => {
  it('assigns a problem to the zone primary and starts its deadline', () => {
    // Act
    const t = open();
    // Assess
    expect(Ticket.parse(t)).toEqual(t);
    expect(t).toMatchObject({ state: 'assigned', assigneeId: 'p-staff', unitId: 'contractor-clean', version: 1 });
    expect(t.zonePath).toEqual(['campus-main', 'zone-b1', 'zone-b1-f2']);
    expect(t.dueAt).toEqual(sh('2026-11-23 09:00'));
    expect(t.nextCheckAt).toEqual(sh('2026-11-23 08:30'));
    expect(t.history.map((h) => [h.event, h.from, h.to])).toEqual([
      ['create', null, 'reported'],
      ['assign', 'reported', 'assigned'],
    ]);
  });

  it('records and closes a positive example at once, without a deadline', () => {
    // Act
    const t = openTicket(
      {
        _id: 't2',
        no: 'XC-20261123-0002',
        requestId: null,
        opener: INSPECTOR,
        kind: 'positive',
        zone: ZONE,
        category: HYGIENE,
        description: '窗明几净',
        photos: [],
        earlier: [],
      },
      sh('2026-11-23 08:00'),
    );
    // Assess
    expect(Ticket.parse(t)).toEqual(t);
    expect(t).toMatchObject({ state: 'closed', clock: null, dueAt: null, nextCheckAt: null, deadlineRuleId: null });
  });

  it('raises the severity of a repeat offence and tightens the deadline', () => {
    // Prepare
    const earlier = [
      {
        _id: 't0',
        zoneId: ZONE._id,
        categoryCode: 'hygiene',
        kind: 'problem' as const,
        state: 'closed' as const,
        createdAt: sh('2026-11-10 09:00'),
      },
    ];
    // Act
    const t = openTicket(
      {
        _id: 't1',
        no: 'XC-20261123-0001',
        requestId: null,
        opener: REPORTER,
        kind: 'problem',
        zone: ZONE,
        category: HYGIENE,
        description: '又有垃圾',
        photos: [],
        earlier,
      },
      sh('2026-11-23 08:00'),
    );
    // Assess
    expect(t).toMatchObject({ severity: 'major', repeat: { count: 1, ofTicketId: 't0' }, dueAt: sh('2026-11-23 17:00') });
  });
});

describe('who may fire what', () => {
  it.each<[string, TicketState, TicketCommand, Opener, TicketRole, boolean]>([
    ['the assignee accepts', 'assigned', { event: 'accept' }, INSPECTOR, 'assignee', true],
    ['the unit manager cannot accept for the assignee', 'assigned', { event: 'accept' }, INSPECTOR, 'unitManager', false],
    ['the assignee rectifies', 'accepted', RECTIFY, INSPECTOR, 'assignee', true],
    ['an inspector cannot rectify', 'accepted', RECTIFY, INSPECTOR, 'inspectorInScope', false],
    ['the unit manager pauses', 'accepted', { event: 'pause', reason: '等配件' }, INSPECTOR, 'unitManager', true],
    ['a reporter cannot pause', 'accepted', { event: 'pause', reason: '等配件' }, REPORTER, 'reporter', false],
    ['an inspector in scope verifies a finding', 'rectified', { event: 'approve' }, INSPECTOR, 'inspectorInScope', true],
    ['the unit manager cannot verify a finding', 'rectified', { event: 'approve' }, INSPECTOR, 'unitManager', false],
    ['the reporter verifies a report', 'rectified', { event: 'approve', rating: 5 }, REPORTER, 'reporter', true],
    ['an inspector does not verify a report', 'rectified', { event: 'approve' }, REPORTER, 'inspectorInScope', false],
    [
      'the unit manager cancels a duplicate report',
      'assigned',
      { event: 'cancel', reason: 'duplicate', note: '同 XC-0001' },
      REPORTER,
      'unitManager',
      true,
    ],
    ['the assignee cannot cancel', 'assigned', { event: 'cancel', reason: 'invalid', note: '无' }, INSPECTOR, 'assignee', false],
    [
      'the office decides a coordination',
      'coordinating',
      { event: 'coordinationProceed', note: '由能源中心配合' },
      INSPECTOR,
      'officeInspector',
      true,
    ],
    [
      'the unit manager cannot decide a coordination',
      'coordinating',
      { event: 'coordinationProceed', note: '自己批' },
      INSPECTOR,
      'unitManager',
      false,
    ],
    ['an inspector in scope reopens', 'closed', { event: 'reopen', reason: '复查仍脏' }, INSPECTOR, 'inspectorInScope', true],
    ['the unit manager cannot reopen', 'closed', { event: 'reopen', reason: '复查' }, INSPECTOR, 'unitManager', false],
    [
      'an inspector changes severity',
      'accepted',
      { event: 'changeSeverity', severity: 'major', reason: '面积大' },
      INSPECTOR,
      'inspectorInScope',
      true,
    ],
    [
      'the unit manager cannot change severity',
      'accepted',
      { event: 'changeSeverity', severity: 'major', reason: '面积大' },
      INSPECTOR,
      'unitManager',
      false,
    ],
    ['only the system escalates', 'accepted', { event: 'escalate', levelIds: ['remind'] }, INSPECTOR, 'admin', false],
  ])('%s', (_name, state, command, opener, role, allowed) => {
    // Prepare: the row's state is forced; the clock's running state does not matter for permissions.
    const ticket = { ...open(opener), state };
    // Act
    const code = codeOf(() => transition(ticket, command, as(role), sh('2026-11-23 08:20'), env));
    // Assess
    expect(code).toBe(allowed ? undefined : 'TICKET.FORBIDDEN');
  });
});

describe('illegal transitions', () => {
  it.each<[string, TicketState, TicketCommand, Opener]>([
    ['rectify before accepting', 'assigned', RECTIFY, INSPECTOR],
    ['approve before rectification', 'accepted', { event: 'approve' }, INSPECTOR],
    ['resume what is not paused', 'accepted', { event: 'resume' }, INSPECTOR],
    ['reopen a cancelled ticket', 'cancelled', { event: 'reopen', reason: 'x' }, INSPECTOR],
    ['cancel a rectified ticket', 'rectified', { event: 'cancel', reason: 'invalid', note: 'x' }, INSPECTOR],
    ['auto-verify a finding', 'rectified', { event: 'autoVerify' }, INSPECTOR],
    ['record a problem as a positive example', 'reported', { event: 'record' }, INSPECTOR],
    ['escalate while paused', 'paused', { event: 'escalate', levelIds: ['remind'] }, INSPECTOR],
  ])('cannot %s', (_name, state, command, opener) => {
    const ticket = { ...open(opener), state };
    const code = codeOf(() =>
      transition(
        ticket,
        command,
        { id: 'root', roles: ['system', 'admin', 'officeInspector', 'inspectorInScope', 'unitManager', 'assignee', 'reporter'] },
        sh('2026-11-24 10:00'),
        env,
      ),
    );
    expect(code).toBe('TICKET.INVALID_TRANSITION');
  });

  it('cannot fire anything on a positive example once recorded', () => {
    const positive = openTicket(
      {
        _id: 't2',
        no: 'XC-20261123-0002',
        requestId: null,
        opener: INSPECTOR,
        kind: 'positive',
        zone: ZONE,
        category: HYGIENE,
        description: '好',
        photos: [],
        earlier: [],
      },
      sh('2026-11-23 08:00'),
    );
    expect(codeOf(() => transition(positive, { event: 'reopen', reason: 'x' }, as('admin'), sh('2026-11-23 09:00'), env))).toBe(
      'TICKET.INVALID_TRANSITION',
    );
  });
});

describe('the transition table', () => {
  const rows = TICKET_STATES.flatMap((from) =>
    TICKET_EVENTS.flatMap((event) => {
      const rule = PROBLEM_TRANSITIONS[from][event];
      return rule ? [[from, event, rule.to, rule.clock ?? 'keep'] as const] : [];
    }),
  );

  it('keeps the clock running exactly in the running states, in every row', () => {
    // Assess: a row that stops or restarts the clock in the wrong place would let deadlines drift.
    const wrong = rows.filter(([from, , to, effect]) => {
      const runningAfter = effect === 'keep' ? CLOCK_RUNNING_STATES.includes(from) : effect !== 'pause';
      return runningAfter !== CLOCK_RUNNING_STATES.includes(to);
    });
    expect(wrong).toEqual([]);
  });

  it('has no way out of cancelled', () => {
    expect(rows.filter(([from]) => from === 'cancelled')).toEqual([]);
  });

  it('offers the assignee of an accepted ticket exactly pause, rectify and coordination', () => {
    expect(availableEvents({ ...open(), state: 'accepted' }, as('assignee')).sort()).toEqual(['pause', 'rectify', 'requestCoordination']);
  });
});

describe('the lifecycle', () => {
  it('closes a finding verified by an inspector, with history and version for every step', () => {
    // Act
    const t = run(rectified(INSPECTOR), [
      [{ event: 'approve', note: '合格' }, as('inspectorInScope'), '2026-11-23 09:30'],
      [{ event: 'close' }, SYSTEM_ACTOR, '2026-11-23 09:30'],
    ]);
    // Assess
    expect(t.state).toBe('closed');
    expect(t.version).toBe(5);
    expect(t.updatedAt).toEqual(sh('2026-11-23 09:30'));
    expect(t.history.map((h) => h.event)).toEqual(['create', 'assign', 'accept', 'rectify', 'approve', 'close']);
    expect(t.clock?.usedMs).toBe(40 * MIN);
    expect(t).toMatchObject({ dueAt: null, nextCheckAt: null, notRectified: false, rework: 0 });
  });

  it('stops the clock at rectification and schedules the auto-verify of a report', () => {
    const t = rectified(REPORTER);
    expect(t).toMatchObject({ state: 'rectified', dueAt: null, nextCheckAt: null, autoVerifyAt: sh('2026-11-24 08:40') });
    expect(t.rectification).toEqual({ at: sh('2026-11-23 08:40'), afterPhotos: [PHOTO], note: '已清理', cause: '漏扫' });
  });

  it.each<[string, string, string | undefined]>([
    ['refuses to auto-verify a minute early', '2026-11-24 08:39', 'TICKET.AUTO_VERIFY_NOT_DUE'],
    ['auto-verifies a report 24 hours after rectification', '2026-11-24 08:40', undefined],
  ])('%s', (_name, at, code) => {
    expect(codeOf(() => transition(rectified(REPORTER), { event: 'autoVerify' }, SYSTEM_ACTOR, sh(at), env))).toBe(code);
  });

  it('sends a rejected rectification back as rework, counted and marked not rectified, with the clock running on', () => {
    // Act
    const t = transition(
      rectified(REPORTER),
      { event: 'reject', rating: 1, note: '仍有垃圾' },
      as('reporter'),
      sh('2026-11-23 10:00'),
      env,
    );
    // Assess: 40 of 60 minutes were used before rectifying, so 20 remain from 10:00.
    expect(t).toMatchObject({ state: 'rework', rework: 1, notRectified: true, verifyRating: 1, autoVerifyAt: null });
    expect(t.dueAt).toEqual(sh('2026-11-23 10:20'));
    expect(t.history[t.history.length - 1]).toEqual({
      at: sh('2026-11-23 10:00'),
      actorId: 'p-reporter',
      role: 'reporter',
      event: 'reject',
      from: 'rectified',
      to: 'rework',
      note: '仍有垃圾',
    });
  });

  it('shifts the deadline by the length of a pause', () => {
    // Act
    const paused = run(open(), [
      [{ event: 'accept' }, as('assignee'), '2026-11-23 08:10'],
      [{ event: 'pause', reason: '等配件' }, as('assignee'), '2026-11-23 08:20'],
    ]);
    const resumed = transition(paused, { event: 'resume' }, as('assignee'), sh('2026-11-23 10:00'), env);
    // Assess
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, nextCheckAt: null });
    expect(resumed).toMatchObject({ state: 'accepted', dueAt: sh('2026-11-23 10:40'), nextCheckAt: sh('2026-11-23 10:10') });
  });

  it.each<[string, TicketCommand, TicketState, string | null]>([
    ['proceeds after coordination with the clock running again', { event: 'coordinationProceed', note: '能源中心配合' }, 'accepted', null],
    ['cancels after coordination with the reason recorded', { event: 'coordinationCancel', note: '不属后勤' }, 'cancelled', 'coordination'],
  ])('%s', (_name, decision, state, cancelReason) => {
    // Prepare
    const coordinating = transition(
      open(),
      { event: 'requestCoordination', reason: '需能源中心' },
      as('assignee'),
      sh('2026-11-23 08:15'),
      env,
    );
    // Act
    const t = transition(coordinating, decision, as('officeInspector'), sh('2026-11-23 11:00'), env);
    // Assess
    expect(coordinating.clock?.runningSince).toBeNull();
    expect(t.state).toBe(state);
    expect(t.cancelReason).toBe(cancelReason);
    expect(t.dueAt).toEqual(state === 'accepted' ? sh('2026-11-23 11:45') : null);
  });

  it('reopens a closed ticket with a fresh clock, reset escalations and the not-rectified mark', () => {
    // Prepare
    const closed = run(rectified(INSPECTOR), [
      [{ event: 'approve' }, as('inspectorInScope'), '2026-11-23 09:00'],
      [{ event: 'close' }, SYSTEM_ACTOR, '2026-11-23 09:00'],
    ]);
    const withFired = { ...closed, escalationLevelsFired: ['remind'] };
    // Act
    const t = transition(withFired, { event: 'reopen', reason: '复查仍脏' }, as('inspectorInScope'), sh('2026-11-25 14:00'), env);
    // Assess
    expect(t).toMatchObject({ state: 'assigned', assigneeId: 'p-staff', notRectified: true, escalationLevelsFired: [] });
    expect(t.clock).toEqual({ basis: 'service', budgetMs: HOUR, usedMs: 0, runningSince: sh('2026-11-25 14:00') });
    expect(t.dueAt).toEqual(sh('2026-11-25 15:00'));
  });

  it('keeps used time when severity changes and recomputes the deadline', () => {
    // Act
    const t = transition(
      open(),
      { event: 'changeSeverity', severity: 'critical', reason: '涉及消防' },
      as('inspectorInScope'),
      sh('2026-11-23 08:20'),
      env,
    );
    // Assess: 20 minutes used of a new 30-minute budget around the clock.
    expect(t.severity).toBe('critical');
    expect(t.dueAt).toEqual(sh('2026-11-23 08:30'));
  });

  it('records fired escalation levels and moves the next check to the following level', () => {
    // Act
    const t = transition(open(), { event: 'escalate', levelIds: ['remind'] }, SYSTEM_ACTOR, sh('2026-11-23 08:30'), env);
    // Assess
    expect(t).toMatchObject({ state: 'assigned', escalationLevelsFired: ['remind'], nextCheckAt: sh('2026-11-23 09:00') });
  });

  it.each<[string, TicketCommand, string]>([
    ['reassigning to the current assignee', { event: 'reassign', assigneeId: 'p-staff', reason: '换人' }, 'TICKET.SAME_ASSIGNEE'],
    ['changing to the same severity', { event: 'changeSeverity', severity: 'minor', reason: '不变' }, 'TICKET.SEVERITY_UNCHANGED'],
  ])('refuses %s', (_name, command, code) => {
    expect(codeOf(() => transition(open(), command, { id: 'p-admin', roles: ['admin'] }, sh('2026-11-23 08:20'), env))).toBe(code);
  });

  it('never mutates the ticket it is given', () => {
    // Prepare
    const before = open();
    const snapshot = structuredClone(before);
    // Act
    transition(before, { event: 'accept' }, as('assignee'), sh('2026-11-23 08:10'), env);
    // Assess
    expect(before).toEqual(snapshot);
  });
});
