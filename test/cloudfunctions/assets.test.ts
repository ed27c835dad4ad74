import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { ASSET_MESSAGES } from '../../shared/assets';
import { ALWAYS_OPEN } from '../../shared/deadlines';
import { wxCloud } from '../helpers/local-cloud';
import { assets, docs, registerAsset, startAssetsCloud } from './assets.fixtures';
import type { Cloud, Loose } from './fixtures';

const PHOTO = 'cloud://xuncha-local.local/assets/broken.jpg';

describe('the assets function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startAssetsCloud();
  });
  afterAll(() => cloud.close());
  beforeEach(() => clearCaches());

  describe("the ledger and an asset's life", () => {
    it('registers an asset with its GB/T 14885 category, due for verification at once, and shows its life on the card', async () => {
      // Act
      const a = await registerAsset(cloud, { tag: 'ZC-0001', categoryCode: 'B020000', name: '复印机', value: 18000 });
      const card = await assets(cloud, 'o-manager', 'card', { tag: 'zc-0001' });

      // Assess
      expect(a).toMatchObject({ assetId: 'as-ZC-0001', status: 'idle' });
      expect(card.code).toBe(0);
      expect(card.data.asset).toMatchObject({
        tag: 'ZC-0001',
        categoryCode: 'B020000',
        categoryName: '办公设备',
        lifeYears: 6,
        lastVerifiedAt: null,
      });
      expect(card.data.due).toBe('due');
      expect(card.data.events.map((e: Loose) => e.kind)).toEqual(['acquired']);
      expect(card.data.depreciation.monthly).toBe(250);
    });

    it.each([
      ['a duplicate tag', { tag: 'ZC-0001' }, 'ASSET.DUPLICATE_TAG'],
      ['an unknown category', { categoryCode: 'B990000' }, 'ASSET.UNKNOWN_CATEGORY'],
      ['a value that is not a number', { value: '一千' }, 'REQUEST.INVALID'],
      ['a zone of another unit', { zoneId: 'zone-g1' }, 'ASSET.ZONE_NOT_FOUND'],
      ['a custodian who does not exist', { custodianId: 'p-nobody' }, 'ASSET.PERSON_NOT_FOUND'],
    ])('refuses %s with a coded error and writes nothing', async (_name, over, code) => {
      // Prepare
      const before = (await docs('assets')).length;
      // Act
      const res = await assets(cloud, 'o-manager', 'register', {
        tag: 'ZC-BAD1',
        categoryCode: 'E010000',
        name: '椅子',
        value: 300,
        unitId: 'contractor-clean',
        zoneId: 'zone-b1-f2',
        ...over,
      });
      // Assess
      expect(res.code).toBe(code);
      if (code.startsWith('ASSET.')) expect(ASSET_MESSAGES[code as keyof typeof ASSET_MESSAGES]).toMatch(/[\u4e00-\u9fa5]/);
      expect((await docs('assets')).length).toBe(before);
    });

    it('lets only the named custodian confirm receipt, and records every event immutably in order', async () => {
      // Prepare
      const { assetId } = await registerAsset(cloud);
      // Act
      const assign = await assets(cloud, 'o-manager', 'event', { event: 'assign', assetId, custodianId: 'p-staff' });
      const stranger = await assets(cloud, 'o-staff-2', 'event', { event: 'accept', assetId });
      const accept = await assets(cloud, 'o-staff', 'event', { event: 'accept', assetId });
      const lend = await assets(cloud, 'o-manager', 'event', { event: 'lend', assetId, borrower: '学生会' });
      const ret = await assets(cloud, 'o-manager', 'event', { event: 'return', assetId });
      const maintain = await assets(cloud, 'o-manager', 'event', { event: 'maintain', assetId, cost: 150.5, ticketId: 't-123' });
      const repair = await assets(cloud, 'o-manager', 'event', { event: 'repair', assetId });
      const damage = await assets(cloud, 'o-manager', 'event', { event: 'damage', assetId, liablePersonId: 'p-staff', note: '搬运时摔坏' });
      const ask = await assets(cloud, 'o-manager', 'event', { event: 'requestDisposal', assetId, note: '无维修价值' });
      const byManager = await assets(cloud, 'o-manager', 'event', {
        event: 'dispose',
        assetId,
        method: 'scrap',
        approvalNo: 'ZC-BF-2026-01',
      });
      const dispose = await assets(cloud, 'o-admin', 'event', {
        event: 'dispose',
        assetId,
        method: 'sale',
        approvalNo: 'ZC-BF-2026-01',
        proceeds: 80,
      });
      const after = await assets(cloud, 'o-manager', 'event', { event: 'move', assetId, zoneId: 'zone-b1-f2' });

      // Assess
      expect([assign, accept, lend, ret, maintain, repair, damage, ask, dispose].map((r) => r.code)).toEqual(Array(9).fill(0));
      expect(stranger.code).toBe('ASSET.NOT_CUSTODIAN');
      expect(byManager.code).toBe('ASSET.FORBIDDEN');
      expect(after.code).toBe('ASSET.DISPOSED');
      const card = await assets(cloud, 'o-manager', 'card', { assetId });
      expect(card.data.asset.status).toBe('disposed');
      expect(card.data.events.map((e: Loose) => e.kind)).toEqual([
        'acquired',
        'assigned',
        'accepted',
        'lent',
        'returned',
        'maintained',
        'repaired',
        'damaged',
        'disposalRequested',
        'disposed',
      ]);
      const events = card.data.events as Loose[];
      expect(events.find((e) => e.kind === 'maintained').data).toMatchObject({ cost: 150.5, ticketId: 't-123' });
      expect(events.find((e) => e.kind === 'damaged').data).toMatchObject({ liablePersonId: 'p-staff' });
      expect(events.find((e) => e.kind === 'disposed').data).toMatchObject({ method: 'sale', approvalNo: 'ZC-BF-2026-01', proceeds: 80 });
    });

    it('refuses an event the status does not allow, and a manager of another unit', async () => {
      const { assetId } = await registerAsset(cloud);
      expect((await assets(cloud, 'o-manager', 'event', { event: 'return', assetId })).code).toBe('ASSET.INVALID_TRANSITION');
      expect((await assets(cloud, 'o-office-mgr', 'event', { event: 'lend', assetId, borrower: '某人' })).code).toBe('ASSET.FORBIDDEN');
      expect((await assets(cloud, 'o-reporter', 'card', { assetId })).code).toBe('AUTH.FORBIDDEN');
    });

    it('links a facility-damage report to the asset it names, and shows the ticket on the card', async () => {
      // Prepare
      const { assetId } = await registerAsset(cloud);
      // Act
      const t = (await cloud.host.invoke(
        'tickets',
        {
          action: 'createReport',
          payload: {
            requestId: '0b7b1c5e-6a61-4c33-9f5e-2f1f2d7f7a10',
            sceneId: 'b1f2',
            categoryCode: 'facility',
            text: '办公桌桌腿断了',
            assetId,
          },
        },
        { source: 'wx_client', openid: 'o-reporter' },
      )) as Loose;
      // Assess
      expect(t.code).toBe(0);
      expect((await docs('tickets', { _id: t.data.ticketId }))[0].assetId).toBe(assetId);
      const card = await assets(cloud, 'o-manager', 'card', { assetId });
      expect(card.data.tickets.map((x: Loose) => x._id)).toEqual([t.data.ticketId]);
    });
  });

  describe('transfers: requested → approved → received', () => {
    it('moves the asset to the receiving unit only when received', async () => {
      // Prepare
      const { assetId } = await registerAsset(cloud);
      // Act
      const req = await assets(cloud, 'o-manager', 'requestTransfer', { assetId, toUnitId: 'contractor-other', note: '绿化公司借调' });
      const again = await assets(cloud, 'o-manager', 'requestTransfer', { assetId, toUnitId: 'contractor-other' });
      const receiveEarly = await assets(cloud, 'o-admin', 'transfer', {
        transferId: req.data.transferId,
        event: 'receive',
        zoneId: 'zone-g1',
      });
      const approve = await assets(cloud, 'o-admin', 'transfer', { transferId: req.data.transferId, event: 'approve' });
      const middle = (await docs('assets', { _id: assetId }))[0];
      const wrongZone = await assets(cloud, 'o-admin', 'transfer', {
        transferId: req.data.transferId,
        event: 'receive',
        zoneId: 'zone-b1-f2',
      });
      const receive = await assets(cloud, 'o-admin', 'transfer', { transferId: req.data.transferId, event: 'receive', zoneId: 'zone-g1' });

      // Assess
      expect(req).toMatchObject({ code: 0, data: { state: 'requested' } });
      expect(again.code).toBe('ASSET.TRANSFER_OPEN');
      expect(receiveEarly.code).toBe('ASSET.TRANSFER_INVALID_STATE');
      expect(approve).toMatchObject({ code: 0, data: { state: 'approved' } });
      expect(middle).toMatchObject({ status: 'transferring', unitId: 'contractor-clean' });
      expect(wrongZone.code).toBe('ASSET.ZONE_NOT_FOUND');
      expect(receive).toMatchObject({ code: 0, data: { state: 'received' } });
      expect((await docs('assets', { _id: assetId }))[0]).toMatchObject({
        unitId: 'contractor-other',
        zoneId: 'zone-g1',
        status: 'idle',
        transferId: null,
      });
      const kinds = (await docs('assetEvents', { assetId })).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['transferRequested', 'transferApproved', 'transferred']));
    });

    it('refuses a transfer to a unit that does not exist, and writes nothing', async () => {
      const { assetId } = await registerAsset(cloud);
      const res = await assets(cloud, 'o-manager', 'requestTransfer', { assetId, toUnitId: 'unit-ghost' });
      expect(res.code).toBe('ASSET.UNIT_NOT_FOUND');
      expect((await docs('assets', { _id: assetId }))[0].status).toBe('idle');
      expect(await docs('assetTransfers', { assetId })).toEqual([]);
    });

    it('restores the asset when the office rejects the transfer', async () => {
      const { assetId } = await registerAsset(cloud, { custodianId: 'p-staff' });
      const req = await assets(cloud, 'o-manager', 'requestTransfer', { assetId, toUnitId: 'contractor-other' });
      const rej = await assets(cloud, 'o-admin', 'transfer', { transferId: req.data.transferId, event: 'reject', note: '不符合调拨条件' });
      expect(rej).toMatchObject({ code: 0, data: { state: 'rejected', assetStatus: 'in_use' } });
      expect((await docs('assets', { _id: assetId }))[0]).toMatchObject({ status: 'in_use', transferId: null, unitId: 'contractor-clean' });
    });
  });

  describe('a monthly verification campaign', () => {
    it('snapshots, counts each asset once, records 盘盈, closes once with 盘亏 and tickets, and reports from counters', async () => {
      // Prepare: a fresh unit (the office) with three assets, and one asset of another unit
      const office = { unitId: 'office', zoneId: 'zone-office' };
      const db = wxCloud().database();
      await db.collection('zones').add({
        data: {
          _id: 'zone-office',
          name: '总务部办公室',
          kind: 'area',
          parentId: 'zone-b1',
          path: ['campus-main', 'zone-b1'],
          campusId: 'campus-main',
          unitId: 'office',
          responsible: { primary: 'p-office-mgr' },
          serviceHours: ALWAYS_OPEN,
          sceneId: 'office1',
        },
      });
      clearCaches();
      const mgr = 'o-office-mgr';
      const reg = async (tag: string, value: number) => {
        const r = await assets(cloud, mgr, 'register', { tag, categoryCode: 'B010000', name: `电脑${tag}`, value, ...office });
        if (r.code !== 0) throw new Error(JSON.stringify(r));
      };
      await reg('OF-1', 5000);
      await reg('OF-2', 6000);
      await reg('OF-3', 7000);
      const foreign = await registerAsset(cloud);
      const disposedTag = 'OF-9';
      await reg(disposedTag, 100);
      await assets(cloud, mgr, 'event', { event: 'requestDisposal', assetId: 'as-OF-9', note: '报废' });
      await assets(cloud, 'o-admin', 'event', { event: 'dispose', assetId: 'as-OF-9', method: 'scrap', approvalNo: 'BF-1' });

      // Act
      const started = await assets(cloud, mgr, 'startCampaign', { unitId: 'office' });
      const twice = await assets(cloud, mgr, 'startCampaign', { unitId: 'office' });
      const campaignId = started.data.campaignId;
      const s1 = await assets(cloud, mgr, 'scan', { campaignId, tag: 'OF-1', report: 'found' });
      const s1again = await assets(cloud, mgr, 'scan', { campaignId, tag: 'of-1', report: 'damaged', photo: PHOTO });
      const noPhoto = await assets(cloud, mgr, 'scan', { campaignId, tag: 'OF-2', report: 'damaged' });
      const s2 = await assets(cloud, mgr, 'scan', { campaignId, tag: 'OF-2', report: 'damaged', photo: PHOTO });
      const unknown = await assets(cloud, mgr, 'scan', { campaignId, tag: 'XX-404', report: 'found' });
      const other = await assets(cloud, mgr, 'scan', { campaignId, tag: foreign.tag, report: 'found' });
      const disposed = await assets(cloud, mgr, 'scan', { campaignId, tag: disposedTag, report: 'found' });
      const mid = await assets(cloud, mgr, 'progress', { unitId: 'office' });
      const [c1, c2] = await Promise.all([
        assets(cloud, mgr, 'closeCampaign', { campaignId }),
        assets(cloud, mgr, 'closeCampaign', { campaignId }),
      ]);
      const c3 = await assets(cloud, mgr, 'closeCampaign', { campaignId });
      const late = await assets(cloud, mgr, 'scan', { campaignId, tag: 'OF-3', report: 'found' });
      const end = await assets(cloud, mgr, 'progress', { unitId: 'office' });
      const month = await assets(cloud, 'o-admin', 'monthResults', { month: started.data.month });
      const list = await assets(cloud, mgr, 'exceptions', { campaignId });

      // Assess
      expect(started).toMatchObject({ code: 0, data: { expected: 3, state: 'open' } });
      expect(twice.code).toBe('ASSET.CAMPAIGN_EXISTS');
      expect(s1).toMatchObject({ code: 0, data: { outcome: 'found', repeat: false } });
      expect(s1again).toMatchObject({ code: 0, data: { outcome: 'found', repeat: true } });
      expect(noPhoto.code).toBe('ASSET.PHOTO_REQUIRED');
      expect(s2.data.outcome).toBe('damaged');
      expect(unknown.data.outcome).toBe('surplus');
      expect(other.data.outcome).toBe('surplus');
      expect(disposed.code).toBe('ASSET.DISPOSED');
      expect(mid.data.results).toMatchObject({ expected: 3, scanned: 2, remaining: 1, surplus: 2 });
      expect([c1.code, c2.code].sort()).toEqual([0, 'ASSET.CAMPAIGN_CLOSED'].sort());
      expect(c3.code).toBe('ASSET.CAMPAIGN_CLOSED');
      expect(late.code).toBe('ASSET.CAMPAIGN_CLOSED');
      expect(end.data.campaign).toMatchObject({ state: 'closed', ticketCount: 2 });
      expect(end.data.results).toMatchObject({ expected: 3, missing: 1, damaged: 1, surplus: 2, inPlaceRatio: 0.6667, valueAtRisk: 13000 });
      expect(month.data.items.find((i: Loose) => i.unitId === 'office')).toMatchObject({ inPlaceRatio: 0.6667, state: 'closed' });
      expect(list.data.items.map((i: Loose) => [i.tag, i.outcome]).sort()).toEqual(
        [
          ['OF-2', 'damaged'],
          ['OF-3', 'missing'],
          ['XX-404', 'surplus'],
          [foreign.tag, 'surplus'],
        ].sort(),
      );
      expect((await docs('assets', { _id: 'as-OF-3' }))[0].status).toBe('lost');
      const tickets = await docs('tickets', { assetId: 'as-OF-3' });
      expect(tickets).toHaveLength(1);
      expect(tickets[0]).toMatchObject({ categoryCode: 'facility', unitId: 'office', state: 'assigned' });
      expect(await docs('tickets', { assetId: 'as-OF-2' })).toHaveLength(1);
      expect(await docs('assetScans', { campaignId, tag: 'OF-1' })).toHaveLength(1);
      const check = await assets(cloud, 'o-admin', 'checkCampaign', { campaignId });
      expect(check.data.drift).toEqual([]);
    });

    it('lists never-verified assets as due at once and a verified one not, and reminds the manager once a day from 08:00', async () => {
      // Prepare
      const { assetId } = await registerAsset(cloud);
      const at = (iso: string) => jest.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
      // Act
      const due = await assets(cloud, 'o-manager', 'unitAssets', { unitId: 'contractor-clean', due: 'due' });
      at('2030-01-01T23:00:00Z'); // 07:00 in Shanghai
      const early = (await cloud.host.fireTimer('assets', 'hourly')) as Loose;
      at('2030-01-02T01:00:00Z'); // 09:00
      const first = (await cloud.host.fireTimer('assets', 'hourly')) as Loose;
      at('2030-01-02T02:00:00Z'); // 10:00, same day
      const second = (await cloud.host.fireTimer('assets', 'hourly')) as Loose;
      jest.restoreAllMocks();
      // Assess
      expect(due.data.items.map((i: Loose) => i._id)).toContain(assetId);
      // OF-1 was verified in the office's campaign above: not due until next month.
      const officeDue = await assets(cloud, 'o-office-mgr', 'unitAssets', { unitId: 'office', due: 'due' });
      expect(officeDue.data.items.map((i: Loose) => i._id)).not.toContain('as-OF-1');
      expect(early).toMatchObject({ code: 0, data: { reminded: 0 } });
      expect(first.data.reminded).toBeGreaterThanOrEqual(1);
      expect(second.data.reminded).toBe(0);
      const reminders = cloud.host.outbox.filter((m) => m.templateId === 'xuncha-tpl-asset-due' && m.touser === 'o-manager');
      expect(reminders).toHaveLength(1);
      // Sent through the one notify path: the registered template, the unit's due list, zh-CN fields.
      expect(reminders[0]).toMatchObject({
        page: 'packages/assets/unit/index?due=due',
        data: { thing1: { value: '保洁公司' }, thing3: { value: '请按时完成资产在位核对' } },
      });
    });

    it('finishes, from the timer, a close that died after the campaign was marked closing', async () => {
      // Prepare: the other contractor's campaign, one asset unscanned, stuck in closing for an hour
      const zoneOther = { unitId: 'contractor-other', zoneId: 'zone-g1' };
      const r = await assets(cloud, 'o-admin', 'register', {
        tag: 'GR-1',
        categoryCode: 'E020000',
        name: '割草机',
        value: 3000,
        ...zoneOther,
      });
      expect(r.code).toBe(0);
      const started = await assets(cloud, 'o-admin', 'startCampaign', { unitId: 'contractor-other' });
      const campaignId = started.data.campaignId;
      await wxCloud()
        .database()
        .collection('assetCampaigns')
        .doc(campaignId)
        .update({ data: { state: 'closing', closedAt: new Date(Date.now() - 3_600_000), closedBy: 'p-admin' } });
      // Act
      const tick = (await cloud.host.fireTimer('assets', 'hourly')) as Loose;
      const again = await assets(cloud, 'o-admin', 'closeCampaign', { campaignId });
      // Assess
      expect(tick.data.resumedCloses).toBe(1);
      expect((await docs('assetCampaigns', { _id: campaignId }))[0]).toMatchObject({
        state: 'closed',
        counts: { missing: started.data.expected },
      });
      expect(await docs('tickets', { assetId: 'as-GR-1' })).toHaveLength(1);
      expect((await docs('assets', { _id: 'as-GR-1' }))[0].status).toBe('lost');
      expect(again.code).toBe('ASSET.CAMPAIGN_CLOSED');
    });
  });
});
