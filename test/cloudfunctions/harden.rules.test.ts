import { randomUUID } from 'node:crypto';
import * as ratingsRepo from '../../cloudfunctions/_lib/ratings.repo';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { shanghaiDate } from '../../shared/time/shanghai';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, counts, type Loose, PEOPLE, REPORTER, report, startWithFixtures, ticketDoc, upload, zone } from './fixtures';

const db = () => wxCloud().database();
const count = async (collection: string, where: Record<string, unknown>): Promise<number> =>
  ((await db().collection(collection).where(where).count()) as { total: number }).total;
const docOf = async (collection: string, id: string): Promise<Loose> =>
  ((await db().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];
const rollup = async (unitId = 'contractor-clean'): Promise<Loose> =>
  (await docOf('satRollups', `sat-${unitId}-${shanghaiDate(new Date()).slice(0, 7)}`)) ?? { n: 0, sum: 0, z: {} };
const rate =
  (openid: string, sceneId: string, rating: number, requestId = randomUUID()) =>
  (cloud: Cloud) =>
    call(cloud, openid, 'createReport', { requestId, sceneId, rating });

/** Drives a fresh report to `rectified` by the assignee, p-staff. */
async function rectified(cloud: Cloud, over: Record<string, unknown> = {}, reporter = REPORTER): Promise<string> {
  const id = (await report(cloud, over, reporter)).data.ticketId as string;
  await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id });
  const r = await call(cloud, PEOPLE.staff.openid, 'rectify', {
    ticketId: id,
    afterPhotos: [upload('rectify', PEOPLE.staff.openid)],
    note: '好',
    cause: '因',
  });
  expect(r.code).toBe(0);
  return id;
}

describe('hardened rules through the tickets function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures(Array.from({ length: 16 }, (_, i) => zone(`zone-h${i}`, `h${i}`)));
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());
  afterEach(() => jest.restoreAllMocks());

  describe('uploaded files', () => {
    const FOREIGN: Array<[string, string]> = [
      ['another user’s upload', upload('report', 'o-someone-else')],
      ['the caller’s upload for another purpose', upload('rectify', REPORTER)],
      ['an unpublished briefing draft', 'cloud://xuncha-local.local/briefings/briefing-2026-11-draft.html'],
      ['the assessment workbook', 'cloud://xuncha-local.local/exports/assessment-2026-10-run1.xlsx'],
      ['a zone’s QR code', 'cloud://xuncha-local.local/zone-codes/b1f2.png'],
      ['a path climbing out of the caller’s folder', `cloud://xuncha-local.local/uploads/report/${REPORTER}/../../../briefings/x.html`],
      ['the bare folder', `cloud://xuncha-local.local/uploads/report/${REPORTER}`],
    ];

    it.each(FOREIGN)('refuses a report with %s as a photo and writes nothing', async (_what, file) => {
      const before = await counts();

      const reply = await report(cloud, { sceneId: 'h0', photos: [upload('report', REPORTER), file] });

      expect(['TICKET.FOREIGN_FILE', 'REQUEST.INVALID']).toContain(reply.code);
      expect(await counts()).toEqual(before);
    });

    it.each(FOREIGN)('refuses a finding with %s as a photo', async (_what, file) => {
      const before = await counts();

      const reply = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
        zoneId: 'zone-h1',
        categoryCode: 'hygiene',
        severity: 'minor',
        description: '脏',
        photos: [file],
      });

      expect(['TICKET.FOREIGN_FILE', 'REQUEST.INVALID']).toContain(reply.code);
      expect(await counts()).toEqual(before);
    });

    it('refuses a rectification with someone else’s photo and leaves the ticket as it was', async () => {
      const id = (await report(cloud, { sceneId: 'h2' })).data.ticketId;
      await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id });
      const before = await ticketDoc(id);

      const reply = await call(cloud, PEOPLE.staff.openid, 'rectify', {
        ticketId: id,
        afterPhotos: ['cloud://xuncha-local.local/exports/assessment-2026-10-run1.xlsx'],
        note: '好',
        cause: '因',
      });

      expect(reply.code).toBe('TICKET.FOREIGN_FILE');
      expect(await ticketDoc(id)).toEqual(before);
    });

    it('accepts the caller’s own uploads for the purpose', async () => {
      const reply = await report(cloud, {
        sceneId: 'h3',
        photos: [upload('report', REPORTER, 'a.jpg'), upload('report', REPORTER, 'b.jpg')],
      });
      const finding = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
        zoneId: 'zone-h3',
        categoryCode: 'safety',
        severity: 'minor',
        description: '通道堵塞',
        photos: [upload('finding', PEOPLE.officeInspector.openid)],
      });

      expect(reply).toMatchObject({ code: 0, data: { outcome: 'created' } });
      expect(finding.code).toBe(0);
    });

    it('never signs a generated file that an older ticket names as a photo', async () => {
      // Prepare: a ticket stored before the rule, naming a briefing draft and a real upload
      const { fileID: draft } = await wxCloud().uploadFile({
        cloudPath: 'briefings/briefing-9-draft.html',
        fileContent: Buffer.from('<p>秘密</p>'),
      });
      const { fileID: photo } = await wxCloud().uploadFile({
        cloudPath: `uploads/report/${REPORTER}/20260301/ok.jpg`,
        fileContent: Buffer.from('jpeg'),
      });
      const id = (await report(cloud, { sceneId: 'h4' })).data.ticketId;
      await db()
        .collection('tickets')
        .doc(id)
        .update({ data: { photos: [draft, photo] } });

      // Act
      const reply = await call(cloud, REPORTER, 'detail', { ticketId: id });

      // Assess
      expect(reply.code).toBe(0);
      expect(Object.keys(reply.data.photoUrls)).toEqual([photo]);
    });
  });

  describe('one counted rating per person, zone and day', () => {
    it('counts a flood of 100 ratings from one person once, with the last stars', async () => {
      // Prepare
      const before = await rollup();

      // Act
      let last = 0;
      for (let i = 0; i < 100; i++) {
        last = 1 + ((i * 7) % 5);
        expect((await rate('o-buyer', 'h5', last)(cloud)).code).toBe(0);
      }

      // Assess
      const after = await rollup();
      expect(after.n - before.n).toBe(1);
      expect(after.sum - before.sum).toBe(last);
      expect(after.z['zone-h5']).toEqual({ n: 1, sum: last });
      process.stdout.write(`100-rating flood from one person: unit count +${after.n - before.n}, sum +${after.sum - before.sum}\n`);
    });

    it('counts the same person once more in another zone, and others separately', async () => {
      const before = await rollup();

      await rate('o-walker', 'h6', 5)(cloud);
      await rate('o-walker', 'h7', 4)(cloud);
      await rate('o-walker-2', 'h6', 3)(cloud);

      const after = await rollup();
      expect(after.n - before.n).toBe(3);
      expect(after.sum - before.sum).toBe(12);
    });

    it('lets a later rating of any source replace the earlier one: scan, report stars, "+1" stars', async () => {
      const before = await rollup();

      await rate('o-mixed', 'h8', 5)(cloud);
      const first = await report(cloud, { sceneId: 'h8', categoryCode: 'facility' }, 'o-mixed-first');
      const joined = await report(cloud, { sceneId: 'h8', categoryCode: 'facility', rating: 1 }, 'o-mixed');

      expect(joined.data).toMatchObject({ outcome: 'joined', ticketId: first.data.ticketId });
      const after = await rollup();
      expect(after.n - before.n).toBe(1);
      expect(after.sum - before.sum).toBe(1);
      expect(after.s.report.n - (before.s?.report?.n ?? 0)).toBe(1);
    });

    it('refuses a rating by staff of the zone’s own unit, with or without a report', async () => {
      const before = await counts();

      const scan = await rate(PEOPLE.staff.openid, 'h9', 5)(cloud);
      const withReport = await report(cloud, { sceneId: 'h9', rating: 5 }, PEOPLE.manager.openid);

      expect(scan.code).toBe('TICKET.OWN_UNIT_RATING');
      expect(withReport.code).toBe('TICKET.OWN_UNIT_RATING');
      expect(await counts()).toEqual(before);
    });
  });

  describe('"+1" reports', () => {
    it('keeps the stars sent with a "+1"', async () => {
      const first = await report(cloud, { sceneId: 'h10', categoryCode: 'attitude' }, 'o-plus-a');
      const before = await rollup();

      const joined = await report(cloud, { sceneId: 'h10', categoryCode: 'attitude', rating: 2 }, 'o-plus-b');

      expect(joined.data).toMatchObject({ outcome: 'joined', ticketId: first.data.ticketId });
      const after = await rollup();
      expect(after.n - before.n).toBe(1);
      expect(after.sum - before.sum).toBe(2);
      expect(await count('feedback', { ticketId: first.data.ticketId, source: 'report' })).toBe(1);
    });

    it('counts one join per person: 24 "+1"s from one user, and the reporter’s own, add one follower', async () => {
      const first = await report(cloud, { sceneId: 'h11' }, 'o-owner');

      for (let i = 0; i < 24; i++) await report(cloud, { sceneId: 'h11' }, 'o-spammer');
      const own = await report(cloud, { sceneId: 'h11' }, 'o-owner');

      expect(own.data).toMatchObject({ outcome: 'joined', ticketId: first.data.ticketId });
      const t = await ticketDoc(first.data.ticketId);
      expect(t.followers).toEqual(['o-spammer']);
      expect(t.joins).toBe(1);
      expect(t.joinedRequestIds).toHaveLength(1);
    });

    it('stops adding followers at 50 and still answers "joined"', async () => {
      const first = await report(cloud, { sceneId: 'h12' }, 'o-popular');

      const replies = [];
      for (let i = 0; i < 55; i++) replies.push(await report(cloud, { sceneId: 'h12' }, `o-fan-${i}`));

      expect(replies.every((r) => r.data.outcome === 'joined')).toBe(true);
      const t = await ticketDoc(first.data.ticketId);
      expect(t.followers).toHaveLength(50);
      expect(t.joins).toBe(50);
      expect(t.joinedRequestIds).toHaveLength(50);
    });
  });

  describe('replays answer exactly what the first call answered', () => {
    it('repeats the whole reply of a report that was a repeat problem', async () => {
      // Prepare: an earlier closed problem makes the next one a repeat
      const earlier = await rectified(cloud, { sceneId: 'h13', categoryCode: 'hygiene' }, 'o-rep-a');
      await call(cloud, 'o-rep-a', 'verify', { ticketId: earlier, approve: true });
      const requestId = randomUUID();
      const first = await report(cloud, { requestId, sceneId: 'h13', categoryCode: 'hygiene' }, 'o-rep-b');
      expect(first.data).toMatchObject({ outcome: 'created', repeat: true });

      // Act
      const retry = await report(cloud, { requestId, sceneId: 'h13', categoryCode: 'hygiene' }, 'o-rep-b');

      // Assess
      expect(retry).toEqual(first);
    });

    it('repeats "joined" for a retried "+1" and "held" for a retried held report, even after release', async () => {
      await report(cloud, { sceneId: 'h14' }, 'o-j1');
      const joinId = randomUUID();
      const joined = await report(cloud, { requestId: joinId, sceneId: 'h14' }, 'o-j2');
      const heldId = randomUUID();
      const held = await report(cloud, { requestId: heldId, sceneId: 'h14', categoryCode: 'standards', text: '门口贴了广告' }, 'o-j3');
      expect(held.data.outcome).toBe('held');
      await call(cloud, PEOPLE.manager.openid, 'releaseHeld', { ticketId: held.data.ticketId });

      expect(await report(cloud, { requestId: joinId, sceneId: 'h14' }, 'o-j2')).toEqual(joined);
      expect(await report(cloud, { requestId: heldId, sceneId: 'h14', categoryCode: 'standards', text: '门口贴了广告' }, 'o-j3')).toEqual(
        held,
      );
    });
  });

  it('keeps a report’s stars when the function dies between the ticket and its rating: nothing is kept, and the retry writes both', async () => {
    // Prepare: the rating write fails once, after the ticket was added in the same transaction
    const spy = jest.spyOn(ratingsRepo, 'countRatingInTransaction').mockRejectedValueOnce(new Error('instance killed'));
    const requestId = randomUUID();
    const before = await counts();
    const beforeRollup = await rollup();

    // Act
    const crashed = await report(cloud, { requestId, sceneId: 'h15', rating: 3 }, 'o-crash');
    const afterCrash = await counts();
    const retry = await report(cloud, { requestId, sceneId: 'h15', rating: 3 }, 'o-crash');

    // Assess
    expect(spy).toHaveBeenCalled();
    expect(crashed.code).toBe('SYSTEM.INTERNAL');
    expect(afterCrash.tickets).toBe(before.tickets);
    expect(afterCrash.feedback).toBe(before.feedback);
    expect(retry).toMatchObject({ code: 0, data: { outcome: 'created' } });
    expect(await count('tickets', { requestId })).toBe(1);
    expect(await count('feedback', { ticketId: retry.data.ticketId })).toBe(1);
    expect((await rollup()).n - beforeRollup.n).toBe(1);
  });

  it('gives every finding its own request id (a unique index holds one null at most)', async () => {
    const a = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
      zoneId: 'zone-h1',
      categoryCode: 'on_post',
      severity: 'minor',
      description: '脱岗',
    });
    const b = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
      zoneId: 'zone-h2',
      categoryCode: 'on_post',
      severity: 'minor',
      description: '脱岗',
    });

    const [ta, tb] = [await ticketDoc(a.data.ticketId), await ticketDoc(b.data.ticketId)];
    expect(ta.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tb.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ta.requestId).not.toBe(tb.requestId);
  });

  describe('conflicts of interest', () => {
    it('lets a finding be cancelled by the inspector who filed it or the office, not the unit’s manager', async () => {
      const file = async () =>
        (
          await call(cloud, PEOPLE.centreInspector.openid, 'createFinding', {
            zoneId: 'zone-h1',
            categoryCode: 'safety',
            severity: 'critical',
            description: '消防门锁死',
          })
        ).data.ticketId;
      const [x, y, z] = [await file(), await file(), await file()];
      const cancel = (openid: string, ticketId: string) => call(cloud, openid, 'cancel', { ticketId, reason: 'invalid', note: '误报' });

      const byManager = await cancel(PEOPLE.manager.openid, x);
      const byFiler = await cancel(PEOPLE.centreInspector.openid, x);
      const byOffice = await cancel(PEOPLE.officeInspector.openid, y);
      const byAdmin = await cancel(PEOPLE.admin.openid, z);

      expect(byManager.code).toBe('TICKET.FORBIDDEN');
      expect([byFiler.code, byOffice.code, byAdmin.code]).toEqual([0, 0, 0]);
    });

    it('does not let staff who reported in their own zone approve or rate the fix; the timer verifies it instead', async () => {
      const id = await rectified(cloud, { sceneId: 'h3', categoryCode: 'discipline' }, PEOPLE.backup.openid);

      const approve = await call(cloud, PEOPLE.backup.openid, 'verify', { ticketId: id, approve: true, rating: 5 });

      expect(approve.code).toBe('TICKET.FORBIDDEN');
      expect((await ticketDoc(id)).state).toBe('rectified');
      expect(await count('feedback', { ticketId: id })).toBe(0);
    });

    it.each([
      ['a centre inspector raises severity in their centre', PEOPLE.centreInspector.openid, 'minor', 'major', 0, 'contract'],
      ['a centre inspector cannot lower it', PEOPLE.centreInspector.openid, 'major', 'minor', 'TICKET.FORBIDDEN', 'standards'],
      ['an office inspector lowers it', PEOPLE.officeInspector.openid, 'major', 'minor', 0, 'work_style'],
      ['an admin lowers it', PEOPLE.admin.openid, 'critical', 'major', 0, 'food_safety'],
    ])('%s', async (_what, openid, from, to, code, categoryCode) => {
      // Prepare: a finding of a category of its own in a zone of its own, so no earlier one makes it a repeat
      const created = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
        zoneId: 'zone-h0',
        categoryCode,
        severity: from,
        description: '设施',
      });
      expect(created.data).toMatchObject({ severity: from, repeat: null });

      // Act
      const reply = await call(cloud, openid, 'changeSeverity', { ticketId: created.data.ticketId, severity: to, reason: '复核' });

      // Assess
      expect(reply.code).toBe(code);
      expect((await ticketDoc(created.data.ticketId)).severity).toBe(code === 0 ? to : from);
    });
  });
});
