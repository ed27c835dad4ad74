/**
 * Every row of the transition table, walked through the real ticket page on the real backend: for each
 * (source, state, event, role) a person holding that role opens the ticket, sees the event's button, fills
 * in what it asks for and submits, and the ticket reaches the row's target state. Rows only the timer fires
 * have no button (EVENT_BUTTONS maps them to null) and are listed, so a new row cannot slip past unwalked.
 */
import { BUTTONS } from '../../../miniprogram/services/ticket.buttons';
import { EVENT_BUTTONS } from '../../../shared/tickets/ticket.buttons';
import { PROBLEM_TRANSITIONS } from '../../../shared/tickets/ticket.machine';
import type { TicketEvent, TicketRole, TicketSource, TicketState } from '../../../shared/tickets/ticket.schema';
import { type Campus, type Journey, journey, largestSetData, startCampus, WHO } from './harness';

type Row = { source: TicketSource; state: TicketState; event: TicketEvent; role: TicketRole; to: TicketState };

const ROWS: Row[] = [];
const WITHOUT_BUTTON: string[] = [];
for (const source of ['report', 'finding'] as const) {
  for (const [state, events] of Object.entries(PROBLEM_TRANSITIONS) as Array<[TicketState, (typeof PROBLEM_TRANSITIONS)[TicketState]]>) {
    for (const [event, rule] of Object.entries(events) as Array<[TicketEvent, NonNullable<(typeof events)[TicketEvent]>]>) {
      for (const role of rule.roles[source]) {
        if (role === 'system' || EVENT_BUTTONS[event] === null) WITHOUT_BUTTON.push(`${source} ${state} ${event} ${role}`);
        else ROWS.push({ source, state, event, role, to: rule.to });
      }
    }
  }
}

/**
 * States no person's action leaves a ticket in, so no row from them can be walked: a finding is assigned when
 * it is filed (never `reported`), and verification closes a ticket in the same write (never `verified`).
 */
const UNREACHABLE = (r: Row) => (r.source === 'finding' && r.state === 'reported') || r.state === 'verified';
const ZONES = ['w01', 'w02', 'w03', 'w04', 'w05', 'w06', 'hall'].map((w) => `zone-c2-canteen-2-${w}`);
const SCENES = ['w01', 'w02', 'w03', 'w04', 'w05', 'w06', 'hall'].map((w) => `c2-ct2-${w}`);
const CATEGORIES = [
  'hygiene',
  'attitude',
  'on_post',
  'discipline',
  'safety',
  'facility',
  'food_safety',
  'standards',
  'work_style',
  'contract',
  'other',
];

describe('the ticket page walks every row of the transition table', () => {
  let campus: Campus;
  let j: Journey;
  let n = 0;
  beforeAll(async () => {
    campus = await startCampus();
  }, 90_000);
  afterAll(async () => {
    process.stdout.write(`FIGURE largest setData: ${largestSetData()} bytes\n`);
    await campus?.stop();
  });

  const ok = async (who: string, action: string, payload: Record<string, unknown>) => {
    const r = await j.call(who, 'tickets', action, payload);
    if (r.code !== 0) throw new Error(`${action} as ${who}: ${JSON.stringify(r)}`);
    return r.data as Record<string, unknown>;
  };
  const openidOf = (personId: string) => `demo-${personId.replace(/^person-/, '')}`;

  /** A fresh ticket of `source` in `state`, through the real functions; returns its id and its people. */
  async function arrange(
    source: TicketSource,
    state: TicketState,
  ): Promise<{ id: string; reporter: string; assignee: () => Promise<string> }> {
    const k = n++;
    const reporter = `walk-reporter-${k}`;
    let id: string;
    if (source === 'report') {
      const held = state === 'reported';
      const r = await ok(reporter, 'createReport', {
        requestId: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
        sceneId: SCENES[k % SCENES.length],
        categoryCode: CATEGORIES[Math.floor(k / SCENES.length) % CATEGORIES.length],
        text: held ? '[review] 窗口旁贴了广告' : `第${k}次走查：餐台不干净`,
      });
      expect(r.outcome).toBe(held ? 'held' : 'created');
      id = String(r.ticketId);
    } else {
      const r = await ok(WHO.diningInspector, 'createFinding', {
        zoneId: ZONES[k % ZONES.length],
        categoryCode: 'hygiene',
        severity: 'major',
        description: `第${k}次走查：操作间地面积水`,
      });
      id = String(r.ticketId);
    }
    const assignee = async () => {
      const d = (await ok(WHO.admin, 'detail', { ticketId: id })) as { ticket: { assigneeId: string } };
      return openidOf(d.ticket.assigneeId);
    };
    const verifier = source === 'report' ? reporter : WHO.diningInspector;
    const steps: Partial<Record<TicketState, Array<() => Promise<unknown>>>> = {};
    const accept = async () => ok(await assignee(), 'accept', { ticketId: id });
    // The assignee's own upload (photos must be the caller's, under uploads/rectify/<openid>/).
    const rectify = async () => {
      const who = await assignee();
      return ok(who, 'rectify', {
        ticketId: id,
        afterPhotos: [`cloud://xuncha-local.local/uploads/rectify/${who}/20300101/walk.jpg`],
        note: '已清理',
        cause: '清洁不及时',
      });
    };
    steps.accepted = [accept];
    steps.paused = [accept, async () => ok(await assignee(), 'pause', { ticketId: id, reason: '等待配件' })];
    steps.coordinating = [async () => ok(await assignee(), 'requestCoordination', { ticketId: id, reason: '需要维修班配合' })];
    steps.rectified = [accept, rectify];
    steps.rework = [accept, rectify, () => ok(verifier, 'verify', { ticketId: id, approve: false, note: '还是不干净' })];
    steps.closed = [accept, rectify, () => ok(verifier, 'verify', { ticketId: id, approve: true })];
    for (const step of steps[state] ?? []) await step();
    return { id, reporter, assignee };
  }

  async function personFor(role: TicketRole, t: { reporter: string; assignee: () => Promise<string> }): Promise<string> {
    switch (role) {
      case 'assignee':
        return t.assignee();
      case 'reporter':
        return t.reporter;
      case 'unitManager':
        return WHO.canteenManager;
      case 'admin':
        return WHO.admin;
      case 'officeInspector':
        return WHO.officeInspector;
      case 'inspectorInScope':
      case 'findingInspector': // the inspector who filed the finding (every finding here is the dining inspector's)
        return WHO.diningInspector;
      default:
        throw new Error(`no person for ${role}`);
    }
  }

  /** The buttons another person sees on the ticket (a student who did not report it sees none). */
  async function buttonsSeenBy(id: string, who: string): Promise<string[]> {
    const r = await j.call(who, 'tickets', 'detail', { ticketId: id });
    return r.code === 0 ? ((r.data as { buttons: string[] }).buttons ?? []) : [];
  }

  it('lists the rows that have no button: the timer fires them', () => {
    expect(WITHOUT_BUTTON.every((r) => / (system)$|autoVerify|escalate|close/.test(r))).toBe(true);
  });

  it.each(ROWS.filter((r) => !UNREACHABLE(r)).map((r) => [`${r.source} ${r.state} —${r.event}→ ${r.to} by ${r.role}`, r] as const))(
    '%s',
    async (_name, row) => {
      // Prepare
      j = journey(campus, WHO.admin);
      const t = await arrange(row.source, row.state);
      const who = await personFor(row.role, t);
      // A centre inspector may only raise severity (conflict of interest): a critical problem (安全隐患, 食品安全) is
      // first set to 较重 by the office's admin, so there is a higher level to offer.
      const raiseOnly = row.event === 'changeSeverity' && row.role === 'inspectorInScope';
      const severityNow = async () =>
        ((await ok(WHO.admin, 'detail', { ticketId: t.id })) as { ticket: { severity: string } }).ticket.severity;
      if (raiseOnly && (await severityNow()) === 'critical') {
        await ok(WHO.admin, 'changeSeverity', { ticketId: t.id, severity: 'major', reason: '走查准备：先定为较重' });
      }
      const severityBefore = await severityNow();
      j.as(who);
      const p = j.render('pages/ticket/index');
      p.instance.onLoad({ id: t.id });
      await j.settle();
      const button = EVENT_BUTTONS[row.event] as keyof typeof BUTTONS;

      // Act: the button is there for this person; what it asks for is filled in; it is submitted.
      expect(p.instance.data.buttons.map((b: { id: string }) => b.id)).toContain(button);
      expect(await buttonsSeenBy(t.id, WHO.student)).toEqual([]);
      await j.tap(p, `.ticket__btn--${button}`);
      const fields = BUTTONS[button].fields;
      if (fields.length > 0) {
        if (fields.includes('photos')) {
          p.querySelector('.ticket__photos-picker').querySelector('.photo-picker__add').dispatchEvent('tap');
          await j.settle();
        }
        if (fields.includes('rating')) {
          p.querySelector('.ticket__rating').querySelectorAll('.star-rating__star')[3].dispatchEvent('tap');
        }
        // Severity: the picker offers a centre inspector only higher levels; the last choice is taken. Cancel: the first reason.
        if (fields.includes('severity')) {
          const offered: string[] = p.instance.data.severities.map((s: { value: string }) => s.value);
          const order = ['minor', 'major', 'critical'];
          if (raiseOnly) expect(offered.every((s) => order.indexOf(s) > order.indexOf(severityBefore))).toBe(true);
          expect(offered.length).toBeGreaterThan(0);
          expect(offered).not.toContain(severityBefore);
          await j.tap(p, '.ticket__choice', p.querySelectorAll('.ticket__choice').length - 1);
        } else if (fields.includes('cancelKind')) await j.tap(p, '.ticket__choice', 0);
        if (fields.includes('assignee')) {
          const current = (p.instance.data.t as { holder: string }).holder;
          const names: string[] = p.instance.data.staffShown.map((s: { name: string }) => s.name);
          await j.tap(
            p,
            '.ticket__staff-item',
            names.findIndex((name) => name !== current),
          );
        }
        p.instance.onText({ detail: { value: '走查：按要求处理' } });
        await j.tap(p, '.ticket__submit');
      }

      // Assess: no error on screen, and the ticket moved as the row says (a verified ticket closes at once).
      expect(p.instance.data.actionError).toBe('');
      expect(p.instance.data.notice).toBe('');
      const after = (await ok(WHO.admin, 'detail', { ticketId: t.id })) as { ticket: { state: string } };
      expect(after.ticket.state).toBe(row.to === 'verified' ? 'closed' : row.to);
    },
  );
});
