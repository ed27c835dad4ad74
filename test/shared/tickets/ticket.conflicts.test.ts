import type { Severity } from '../../../shared/common/severity.schema';
import { AppError } from '../../../shared/errors';
import type { RoleBinding } from '../../../shared/org/person.schema';
import { buttonsFor, severityChoices } from '../../../shared/tickets/ticket.buttons';
import { type Opener, openTicket } from '../../../shared/tickets/ticket.factory';
import { type TransitionEnv, transition } from '../../../shared/tickets/ticket.machine';
import { actorFor, type Caller } from '../../../shared/tickets/ticket.roles';
import { CONTRACTOR, HYGIENE, OFFICE_HOURS, sh, ZONE } from '../fixtures';

/**
 * Conflicts of interest as the role data decides them (README "Conflicts of interest"), at the boundary of each
 * rule: who may cancel a finding, who is a report's reporter, who may lower severity.
 */
const env: TransitionEnv = { hours: OFFICE_HOURS };
const NOW = sh('2026-11-23 08:30');
const unitId = CONTRACTOR._id;

const caller = (id: string, roles: RoleBinding[], openid = `o-${id}`): Caller => ({ id, openid, roles });
const PEOPLE = {
  filer: caller('p-filer', [{ role: 'inspector', level: 'centre', unitId: 'centre-property' }]),
  otherCentreInspector: caller('p-other-insp', [{ role: 'inspector', level: 'centre', unitId: 'centre-property' }]),
  officeInspector: caller('p-office-insp', [{ role: 'inspector', level: 'office' }]),
  unitManager: caller('p-manager', [{ role: 'manager', unitId }]),
  centreManager: caller('p-centre-mgr', [{ role: 'manager', unitId: 'centre-property' }]),
  admin: caller('p-admin', [{ role: 'admin' }]),
  staffOfUnit: caller('p-staff-2', [{ role: 'staff', unitId }], 'o-staff-2'),
  managerOfUnit: caller('p-manager', [{ role: 'manager', unitId }], 'o-manager'),
  staffElsewhere: caller('p-green', [{ role: 'staff', unitId: 'contractor-other' }], 'o-green'),
  student: caller('o-student', [], 'o-student'),
};
type Who = keyof typeof PEOPLE;

const open = (opener: Opener, severity: Severity = 'minor') =>
  openTicket(
    {
      _id: 't1',
      no: 'XC-20261123-0001',
      requestId: null,
      opener,
      kind: 'problem',
      zone: ZONE,
      category: HYGIENE,
      severity,
      description: '走廊有垃圾',
      photos: [],
      earlier: [],
    },
    sh('2026-11-23 08:00'),
  );

const codeOf = (fn: () => unknown): string | 0 => {
  try {
    fn();
    return 0;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

describe('cancelling', () => {
  it.each<[Who, 'finding' | 'report', string | 0]>([
    ['filer', 'finding', 0],
    ['officeInspector', 'finding', 0],
    ['admin', 'finding', 0],
    ['unitManager', 'finding', 'TICKET.FORBIDDEN'],
    ['centreManager', 'finding', 'TICKET.FORBIDDEN'],
    ['otherCentreInspector', 'finding', 'TICKET.FORBIDDEN'],
    ['unitManager', 'report', 0],
    ['admin', 'report', 0],
    ['filer', 'report', 'TICKET.FORBIDDEN'],
  ])('%s cancelling a %s: %s', (who, source, code) => {
    const t = open(source === 'finding' ? { source: 'finding', inspectorId: 'p-filer' } : { source: 'report', openid: 'o-student' });

    const result = codeOf(() =>
      transition(t, { event: 'cancel', reason: 'invalid', note: '误报' }, actorFor(t, PEOPLE[who], CONTRACTOR), NOW, env),
    );

    expect(result).toBe(code);
  });
});

describe('verifying one’s own unit’s work', () => {
  const rectified = (reporter: Caller) => {
    const t = open({ source: 'report', openid: reporter.openid });
    const staff = caller('p-staff', [{ role: 'staff', unitId }], 'o-staff');
    const accepted = transition(t, { event: 'accept' }, actorFor(t, staff, CONTRACTOR), NOW, env);
    return transition(
      accepted,
      { event: 'rectify', afterPhotos: ['cloud://e.b/uploads/rectify/o-staff/a.jpg'], note: '好', cause: '因' },
      actorFor(accepted, staff, CONTRACTOR),
      NOW,
      env,
    );
  };

  it.each<[Who, string | 0]>([
    ['student', 0],
    ['staffElsewhere', 0],
    ['staffOfUnit', 'TICKET.FORBIDDEN'],
    ['managerOfUnit', 'TICKET.FORBIDDEN'],
  ])('a report by %s approved by its reporter: %s', (who, code) => {
    const t = rectified(PEOPLE[who]);

    const result = codeOf(() => transition(t, { event: 'approve', rating: 5 }, actorFor(t, PEOPLE[who], CONTRACTOR), NOW, env));

    expect(result).toBe(code);
    expect(actorFor(t, PEOPLE[who], CONTRACTOR).roles.includes('reporter')).toBe(code === 0);
  });
});

describe('changing severity', () => {
  it.each<[Who, Severity, Severity, string | 0]>([
    ['filer', 'minor', 'major', 0],
    ['filer', 'minor', 'critical', 0],
    ['filer', 'major', 'minor', 'TICKET.FORBIDDEN'],
    ['filer', 'critical', 'major', 'TICKET.FORBIDDEN'],
    ['officeInspector', 'critical', 'minor', 0],
    ['admin', 'major', 'minor', 0],
    ['unitManager', 'minor', 'major', 'TICKET.FORBIDDEN'],
  ])('%s from %s to %s: %s', (who, from, to, code) => {
    const t = open({ source: 'report', openid: 'o-student' }, from);

    const result = codeOf(() =>
      transition(t, { event: 'changeSeverity', severity: to, reason: '复核' }, actorFor(t, PEOPLE[who], CONTRACTOR), NOW, env),
    );

    expect(result).toBe(code);
  });
});

describe('the severity picker offers what the row allows', () => {
  it.each<[Who, Severity, Severity[]]>([
    ['filer', 'minor', ['major', 'critical']],
    ['filer', 'major', ['critical']],
    ['filer', 'critical', []],
    ['officeInspector', 'major', ['minor', 'critical']],
    ['admin', 'critical', ['minor', 'major']],
    ['unitManager', 'minor', []],
  ])('%s on a %s report: %j', (who, from, offered) => {
    const t = open({ source: 'report', openid: 'o-student' }, from);
    const actor = actorFor(t, PEOPLE[who], CONTRACTOR);

    const choices = severityChoices(t, actor);

    expect(choices).toEqual(offered);
    // Every level offered is one the server accepts; the button shows only with something to choose.
    for (const to of choices)
      expect(() => transition(t, { event: 'changeSeverity', severity: to, reason: '复核' }, actor, NOW, env)).not.toThrow();
    expect(buttonsFor(t, actor).includes('changeSeverity')).toBe(offered.length > 0);
  });
});
