import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { type Cloud, call, PEOPLE, report, startWithFixtures, ticketDoc } from './fixtures';

describe('concurrent transitions', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('lets exactly one of two conflicting transitions win and refuses the other with TICKET.STALE', async () => {
    // Prepare
    const id = (await report(cloud)).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id });

    // Act: the assignee pauses while the manager cancels
    const [pause, cancel] = await Promise.all([
      call(cloud, PEOPLE.staff.openid, 'pause', { ticketId: id, reason: '等配件' }),
      call(cloud, PEOPLE.manager.openid, 'cancel', { ticketId: id, reason: 'invalid', note: '误报' }),
    ]);

    // Assess: one won, the other was refused, and the ticket shows the winner's change and only that
    const codes = [pause.code, cancel.code].sort();
    expect(codes).toEqual([0, 'TICKET.STALE'].sort());
    const won = pause.code === 0 ? { state: 'paused', event: 'pause' } : { state: 'cancelled', event: 'cancel' };
    const doc = await ticketDoc(id);
    expect(doc.state).toBe(won.state);
    expect(doc.version).toBe(3);
    expect(doc.history.map((h: { event: string }) => h.event)).toEqual(['create', 'assign', 'accept', won.event]);
  });

  it('applies the same transition once when it is sent twice at once', async () => {
    const id = (await report(cloud, { categoryCode: 'attitude' })).data.ticketId;

    const replies = await Promise.all([1, 2, 3].map(() => call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id })));

    expect(replies.filter((r) => r.code === 0)).toHaveLength(1);
    expect((await ticketDoc(id)).history.filter((h: { event: string }) => h.event === 'accept')).toHaveLength(1);
  });
});
