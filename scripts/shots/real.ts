/**
 * Screenshots from real data: the demo campus on a local cloud in this process, with the story of the
 * journeys (test/miniprogram/journeys/) played through the real functions: a student reports at a canteen
 * window with a photo, the staff member accepts and rectifies with an after-photo, a report is held for
 * review, an inspector files a finding, a coordination request is open. The core pages are then rendered
 * against these functions as the person who would look at them: nothing is canned.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { LocalCloud } from '../local-cloud/cloud';
import { installLocalRoutes } from '../local-cloud/local-routes';
import { seedIfEmpty } from '../local-cloud/seed';
import type { Backend, Reply } from './shot';

/** A plain PNG of one colour with a lighter band (a photo stand-in that any browser shows). */
export function solidPng(r: number, g: number, b: number, size = 240): Buffer {
  const crcTable = Array.from({ length: 256 }, (_v, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const x of buf) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    const band = y > size * 0.55 && y < size * 0.75;
    for (let x = 0; x < size; x++) {
      const f = band ? 1.25 : 1 - (x + y) / (size * 6);
      row[1 + x * 3] = Math.min(255, r * f);
      row[2 + x * 3] = Math.min(255, g * f);
      row[3 + x * 3] = Math.min(255, b * f);
    }
    rows.push(row);
  }
  const idat = zlib.deflateSync(Buffer.concat(rows));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface RealCampus {
  /** A backend answering as `openid`, through the real functions. */
  as(openid: string): Backend;
  ticketId: string;
  /** The staff member holding the accepted facility report (their task list has work on it). */
  busyStaff: string;
  /** A rectified report whose reporter accepted no reminders: its page shows the manager 未送达的提醒. */
  undeliveredTicketId: string;
  /** The canteen company's first registered asset (its card). */
  assetId: string;
  /** The canteen company's contract and the month assessed. */
  contract: { contractId: string; month: string };
  close(): Promise<void>;
}

/** Starts the demo campus and plays the journeys' story through the functions. */
export async function realCampus(): Promise<RealCampus> {
  process.env.XUNCHA_LOG_QUIET = '1';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-shots-'));
  const cloud = await LocalCloud.start({ dataDir, port: 0 });
  const seeded = await seedIfEmpty(cloud);
  installLocalRoutes(cloud, seeded.identities);
  const call = async (openid: string, name: string, action: string, payload: Record<string, unknown> = {}): Promise<Reply> =>
    (await cloud.host.invoke(name, { action, payload }, { source: 'wx_client', openid })) as Reply;
  const must = async (openid: string, name: string, action: string, payload: Record<string, unknown> = {}) => {
    const r = await call(openid, name, action, payload);
    if (r.code !== 0) throw new Error(`${name}.${action} as ${openid}: ${JSON.stringify(r)}`);
    return r.data as Record<string, unknown>;
  };
  const upload = (cloudPath: string, png: Buffer): string => {
    const now = new Date();
    const meta = cloud.storage.uploadMetadata(cloudPath, now) as { token: string; fileId: string };
    cloud.storage.acceptUpload(cloudPath, meta.token, png, now);
    return meta.fileId;
  };
  const staffOf = async (ticketId: string) => {
    const d = (await must('demo-admin', 'tickets', 'detail', { ticketId })) as { ticket: { assigneeId: string } };
    return `demo-${d.ticket.assigneeId.replace(/^person-/, '')}`;
  };

  // The student at 第二食堂2号窗口: stars, 环境卫生, a phrase, two photos (their own uploads: uploads/<purpose>/<openid>/…).
  const before = [
    upload('uploads/report/demo-student-1/20260301/before-1.png', solidPng(196, 150, 110)),
    upload('uploads/report/demo-student-1/20260301/before-2.png', solidPng(180, 160, 120)),
  ];
  const report = await must('demo-student-1', 'tickets', 'createReport', {
    requestId: '00000000-0000-4000-8000-000000000001',
    sceneId: 'c2-ct2-w02',
    categoryCode: 'hygiene',
    text: '餐桌没擦干净，餐盘回收处有油污',
    photos: before,
    rating: 2,
  });
  const ticketId = String(report.ticketId);
  const staff = await staffOf(ticketId);
  await must(staff, 'tickets', 'accept', { ticketId });
  const after = upload(`uploads/rectify/${staff}/20260301/after-1.png`, solidPng(120, 190, 160));
  await must(staff, 'tickets', 'rectify', {
    ticketId,
    afterPhotos: [after],
    note: '已重新擦桌消毒，回收台清理干净',
    cause: '午高峰人手不足',
  });

  // More of the same unit's work: a facility report in progress, one waiting to be accepted, a held report,
  // a coordination request, and an inspector's finding.
  const more = async (i: number, scene: string, categoryCode: string, text: string, who = `demo-student-2`) =>
    String(
      (
        await must(`${who}`, 'tickets', 'createReport', {
          requestId: `00000000-0000-4000-8000-00000000010${i}`,
          sceneId: scene,
          categoryCode,
          text,
        })
      ).ticketId,
    );
  const tap = await more(1, 'c2-ct2-w04', 'facility', '4号窗口水龙头一直滴水，地面湿滑');
  const busyStaff = await staffOf(tap);
  await must(busyStaff, 'tickets', 'accept', { ticketId: tap });
  await more(2, 'c2-ct2-w01', 'attitude', '打饭时询问没人理', 'demo-faculty-1');
  await more(3, 'c2-ct2-w03', 'other', '[review] 窗口贴了小广告', 'demo-student-1');
  const coord = await more(4, 'c2-ct2-hall', 'facility', '大厅空调不制冷', 'demo-student-1');
  await must(await staffOf(coord), 'tickets', 'requestCoordination', { ticketId: coord, reason: '需能源中心检修空调外机' });
  const finding = await must('demo-inspector-dining', 'tickets', 'createFinding', {
    zoneId: 'zone-c2-canteen-2-w05',
    categoryCode: 'food_safety',
    severity: 'critical',
    description: '留样不足 48 小时',
    checklistItem: '留样规范（48小时）',
  });
  const fid = String(finding.ticketId);
  const fstaff = await staffOf(fid);
  await must(fstaff, 'tickets', 'accept', { ticketId: fid });
  await must(fstaff, 'tickets', 'rectify', {
    ticketId: fid,
    afterPhotos: [upload(`uploads/rectify/${fstaff}/20260301/after-2.png`, solidPng(110, 170, 200))],
    note: '补齐留样并登记',
    cause: '新员工不熟悉流程',
  });
  // A visitor who accepted no reminders reports; the fix cannot be announced to them (未送达的提醒).
  const visit = String(
    (
      await must('demo-visitor-1', 'tickets', 'createReport', {
        requestId: '00000000-0000-4000-8000-000000000301',
        sceneId: 'c2-ct2-w06',
        categoryCode: 'facility',
        text: '6号窗口取餐台灯不亮',
      })
    ).ticketId,
  );
  const vstaff = await staffOf(visit);
  await must(vstaff, 'tickets', 'accept', { ticketId: visit });
  await must(vstaff, 'tickets', 'rectify', {
    ticketId: visit,
    afterPhotos: [upload(`uploads/rectify/${vstaff}/20260301/after-3.png`, solidPng(200, 190, 120))],
    note: '已更换灯管',
    cause: '灯管老化',
  });
  // The office's patrol plan of the second canteen's windows, active, with today's visits created by its timer.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const plan = (await must('demo-inspector-office-1', 'patrols', 'savePlan', {
    fields: {
      name: '第二食堂窗口日巡',
      kind: 'routine',
      startDate: today,
      level: 'office',
      mode: 'scheduled',
      recurrence: { freq: 'daily' },
      targets: { kind: 'zones', zoneIds: ['zone-c2-canteen-2-w01', 'zone-c2-canteen-2-w02', 'zone-c2-canteen-2-w05'] },
      window: { kind: 'fixed', at: '11:30', minutes: 90 },
      assignees: { mode: 'any', personIds: ['person-inspector-office-1', 'person-inspector-office-2'] },
      checklist: [
        { id: 'clean', text: '台面、地面干净无油污' },
        { id: 'sample', text: '留样规范（48小时）' },
      ],
      negativeList: [{ id: 'rude', text: '服务态度生硬' }],
      graceMinutes: 30,
    },
  })) as { plan: { _id: string } };
  await must('demo-inspector-office-1', 'patrols', 'setPlanStatus', { planId: plan.plan._id, status: 'active', version: 1 });
  await cloud.host.fireTimer('patrols', 'hourly');

  // A few ratings for the ranking.
  for (const [i, scene, rating] of [
    [1, 'c1-ct1-w01', 5],
    [2, 'c1-ct1-w03', 4],
    [3, 'c2-ct2-w02', 2],
  ] as const) {
    await must(`demo-rater-${i}`, 'tickets', 'createReport', {
      requestId: `00000000-0000-4000-8000-00000000020${i}`,
      sceneId: scene,
      rating,
    });
  }

  // The canteen company's fixed assets: three registered by its manager, this month's in-place check started.
  const assetIds: string[] = [];
  for (const [i, zoneId, categoryCode, name, value] of [
    [1, 'zone-c2-canteen-2-w01', 'B130000', '商用消毒柜', 8600],
    [2, 'zone-c2-canteen-2-w02', 'B130000', '电蒸饭柜', 12800],
    [3, 'zone-c2-canteen-2-w05', 'B010000', '收银一体机', 4200],
  ] as const) {
    const a = await must('demo-manager-canteen-co', 'assets', 'register', {
      tag: `ZC-2026-${String(i).padStart(4, '0')}`,
      categoryCode,
      name,
      value,
      unitId: 'unit-canteen-co',
      zoneId,
      inServiceAt: '2024-09-01',
    });
    assetIds.push(String(a.assetId));
  }
  await must('demo-manager-canteen-co', 'assets', 'startCampaign', { unitId: 'unit-canteen-co' });

  // The canteen company's service contract, supervised by the dining centre, and last month's assessment frozen.
  const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
  const contract = await must('demo-admin', 'contracts', 'save', {
    fields: {
      no: 'HT-2026-012',
      name: '第二食堂餐饮服务',
      contractorUnitId: 'unit-canteen-co',
      serviceKind: 'canteen',
      supervisingUnitId: 'unit-dining',
      zoneIds: ['zone-c2-canteen-2-w01', 'zone-c2-canteen-2-w02', 'zone-c2-canteen-2-w05'],
      startDate: '2026-09-01',
      endDate: '2027-08-31',
      monthlyFee: 180000,
      clauses: [
        { code: 'CY-01', what: '环境卫生', how: '巡查目测，台面地面无油污', points: 30, deductPoints: 2 },
        { code: 'CY-02', what: '食品留样', how: '每餐留样 48 小时，登记完整', points: 20, deductPoints: 5, deductYuan: 1000 },
      ],
      weights: { supervisor: 80, recipient: 20 },
      passScore: 80,
      zeroAfter: 3,
      lateFix: { points: 2, yuan: 1000 },
    },
    paymentRule: { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 },
  });
  await must('demo-admin', 'contracts', 'assess', { month: lastMonth });

  // The leaders' figures as their timers keep them (the overview every five minutes, the nightly rollups).
  await cloud.host.fireTimer('stats', 'nightly');
  await cloud.host.fireTimer('overview', 'everyFiveMinutes');

  return {
    ticketId,
    busyStaff,
    undeliveredTicketId: visit,
    assetId: assetIds[0] as string,
    contract: { contractId: String(contract.contractId), month: lastMonth },
    as: (openid) => (name, action, payload) => call(openid, name, action, payload) as unknown as Reply,
    close: async () => {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
