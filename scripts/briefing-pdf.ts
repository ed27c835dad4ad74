/**
 * A sample briefing (巡查简报) as a general-affairs office would print it:
 *
 *   npx tsx scripts/briefing-pdf.ts        # → docs/briefing-sample.pdf, docs/briefing/page-<n>.png,
 *                                          #   docs/briefing-sample.docx, docs/briefing-docx/page-<n>.png
 *
 * Runs on a fresh in-process local cloud with the demo campus: an office inspector records a month of
 * findings (June 2025) through the real `tickets` function, the staff rectify them (some on time, some late,
 * one sent back as 查而不改, some still open), then the demo admin generates, publishes and exports briefing
 * No. 1 through the real `briefings` function. Headless Chromium prints its HTML to A4 PDF while the local
 * cloud still serves the photos; `pdftoppm` renders each page as a PNG to look at. The Word document the office
 * opens on a phone is exported too (with the masthead the office set), and LibreOffice, where installed
 * (`apt-get install libreoffice-writer-nogui`), turns it into pages to look at the same way.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LocalCloud, ROOT } from './local-cloud/cloud';
import { DEMO_PEOPLE } from './local-cloud/demo-campus';
import { seedIfEmpty } from './local-cloud/seed';

process.env.XUNCHA_LOG_QUIET = '1';

const OUT_PDF = path.join(ROOT, 'docs', 'briefing-sample.pdf');
const OUT_PNG = path.join(ROOT, 'docs', 'briefing');
const OUT_DOCX = path.join(ROOT, 'docs', 'briefing-sample.docx');
const OUT_DOCX_PNG = path.join(ROOT, 'docs', 'briefing-docx');
const INSPECTOR = 'demo-inspector-office-1';
const ADMIN = 'demo-admin';
const HOUR = 3_600_000;

// ---- a clock the functions read (they read Date.now) -------------------------------------------------

const realNow = Date.now.bind(Date);
let offset = 0;
Date.now = () => realNow() + offset;
/** Moves the functions' clock to `at` (Shanghai wall time `2025-06-03 09:30`). */
const setClock = (at: number) => {
  offset = at - realNow();
};
const shanghai = (day: number, hour: number, minute = 0) => Date.UTC(2025, 5, day, hour - 8, minute);
/** 10:00 (Shanghai) of the day after `at`: when a late rectification is reported. */
const nextMorning = (at: number) => Math.floor((at + 8 * HOUR) / (24 * HOUR) + 1) * 24 * HOUR - 8 * HOUR + 10 * HOUR;

// ---- photos: small PNGs drawn here, so the sample needs no image files ---------------------------------

const CRC = new Int32Array(256).map((_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf: Buffer) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A 320×240 "photo": a wall and floor in the given hue, with a few blocks standing in for objects. */
function photoPng(seed: number, hue: number, tidy: boolean): Buffer {
  const w = 320;
  const h = 240;
  const rgb = (hh: number, s: number, l: number): [number, number, number] => {
    const a = s * Math.min(l, 1 - l);
    const f = (n: number) => {
      const k = (n + hh / 30) % 12;
      return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [f(0), f(8), f(4)];
  };
  const blocks = Array.from({ length: tidy ? 2 : 6 }, (_v, i) => {
    const r = (n: number) => ((seed * 9301 + i * 49297 + n * 233) % 233280) / 233280;
    return {
      x: Math.floor(r(1) * 260),
      y: 120 + Math.floor(r(2) * 80),
      bw: 30 + Math.floor(r(3) * 50),
      bh: 20 + Math.floor(r(4) * 40),
      c: rgb((hue + 40 + r(5) * 120) % 360, 0.35, 0.45),
    };
  });
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      let c = y < 140 ? rgb(hue, 0.25, 0.82 - y / 1200) : rgb((hue + 20) % 360, 0.18, 0.6 + (y - 140) / 900);
      for (const b of blocks) if (x >= b.x && x < b.x + b.bw && y >= b.y && y < b.y + b.bh) c = b.c;
      raw.set(c, y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the month's findings ----------------------------------------------------------------------------

type Outcome = 'onTime' | 'late' | 'open' | 'overdue' | 'notRectified';
type Finding = {
  day: number;
  hour: number;
  zoneId: string;
  categoryCode: string;
  severity: 'minor' | 'major' | 'critical';
  description: string;
  kind?: 'problem' | 'positive';
  outcome?: Outcome;
  cause?: string;
  note?: string;
  hue: number;
};

const FINDINGS: Finding[] = [
  {
    day: 3,
    hour: 9,
    zoneId: 'zone-c1-dorm-1',
    categoryCode: 'safety',
    severity: 'critical',
    description: '一楼东侧消防通道堆放自行车和纸箱，通道宽度不足一米，安全出口被部分遮挡。',
    outcome: 'onTime',
    cause: '学生违规停放，宿管日常巡查不到位',
    note: '已清理通道杂物，增设禁停标识',
    hue: 20,
  },
  {
    day: 4,
    hour: 10,
    zoneId: 'zone-c2-canteen-2',
    categoryCode: 'food_safety',
    severity: 'critical',
    description: '后厨冷藏柜内生熟食品混放，部分熟食未加盖、无标签。',
    outcome: 'notRectified',
    cause: '新入职员工未经岗前培训',
    note: '生熟分柜存放，全部加盖贴签',
    hue: 200,
  },
  {
    day: 5,
    hour: 14,
    zoneId: 'zone-c1-teach-1-f3',
    categoryCode: 'facility',
    severity: 'major',
    description: '3层东侧卫生间两个水龙头持续滴水，地面湿滑，无警示标识。',
    outcome: 'open',
    hue: 190,
  },
  {
    day: 6,
    hour: 11,
    zoneId: 'zone-c1-canteen-1-w03',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: '3号窗口台面有油污，餐具摆放凌乱。',
    outcome: 'onTime',
    cause: '午餐高峰人手不足',
    note: '已清洁台面，调整餐具摆放',
    hue: 35,
  },
  {
    day: 9,
    hour: 12,
    zoneId: 'zone-c1-canteen-1-w03',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: '3号窗口餐盘回收处残渣未及时清理，有异味。',
    outcome: 'late',
    cause: '保洁排班与高峰时段错开',
    note: '调整保洁排班，高峰期专人值守',
    hue: 40,
  },
  {
    day: 10,
    hour: 9,
    zoneId: 'zone-c1-library-f2',
    categoryCode: 'attitude',
    severity: 'minor',
    description: '2层借还书窗口工作人员答复读者询问时态度生硬。',
    outcome: 'onTime',
    cause: '个人服务意识不足',
    note: '已约谈当事人并开展服务礼仪培训',
    hue: 260,
  },
  {
    day: 11,
    hour: 15,
    zoneId: 'zone-c1-dorm-1-water',
    categoryCode: 'facility',
    severity: 'major',
    description: '开水器故障，出水温度不足 80℃，学生反映多次。',
    outcome: 'late',
    cause: '加热管老化，备件采购周期长',
    note: '已更换加热管并复测水温',
    hue: 210,
  },
  {
    day: 12,
    hour: 10,
    zoneId: 'zone-c2-teach-1-f2',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: '2层走廊垃圾桶满溢，周边地面有纸屑。',
    outcome: 'onTime',
    cause: '清运频次不足',
    note: '已清运，课间增加一次巡查',
    hue: 90,
  },
  {
    day: 13,
    hour: 16,
    zoneId: 'zone-c1-power',
    categoryCode: 'safety',
    severity: 'major',
    description: '配电室门未上锁，门外“高压危险”警示标识脱落。',
    outcome: 'onTime',
    cause: '交接班未落实门禁检查',
    note: '已上锁并重新张贴警示标识',
    hue: 0,
  },
  {
    day: 16,
    hour: 20,
    zoneId: 'zone-c2-dorm-2-f3',
    categoryCode: 'on_post',
    severity: 'minor',
    description: '晚间 20 时 3 层值班室无人值守，登记簿未填写。',
    outcome: 'onTime',
    cause: '值班人员临时离岗未报备',
    note: '已批评教育，落实离岗报备制度',
    hue: 280,
  },
  {
    day: 18,
    hour: 12,
    zoneId: 'zone-c1-canteen-1-w03',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: '3号窗口台面再次出现油污，抹布未按规定消毒。',
    outcome: 'overdue',
    hue: 45,
  },
  {
    day: 19,
    hour: 11,
    zoneId: 'zone-c2-canteen-2',
    categoryCode: 'food_safety',
    severity: 'major',
    description: '后厨留样记录缺失 6 月 18 日晚餐，留样冰箱温度记录不全。',
    outcome: 'onTime',
    cause: '留样管理员休假期间无人补位',
    note: '补齐记录，明确 AB 岗',
    hue: 205,
  },
  {
    day: 23,
    hour: 9,
    zoneId: 'zone-c2-boiler',
    categoryCode: 'safety',
    severity: 'critical',
    description: '锅炉房巡检记录缺失两天，压力表未按期校验。',
    outcome: 'onTime',
    cause: '巡检人员调岗后未及时安排接替',
    note: '补充巡检，送检压力表',
    hue: 15,
  },
  {
    day: 25,
    hour: 12,
    zoneId: 'zone-c1-canteen-1-hall',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: '用餐大厅拖地后地面湿滑，未摆放“小心地滑”警示牌。',
    outcome: 'open',
    hue: 60,
  },
  {
    day: 8,
    hour: 11,
    zoneId: 'zone-c1-canteen-1-w05',
    categoryCode: 'standards',
    severity: 'minor',
    kind: 'positive',
    description: '5号窗口员工着装规范、操作熟练，餐后台面随时清理，学生评价良好，值得推广。',
    hue: 150,
  },
  {
    day: 17,
    hour: 10,
    zoneId: 'zone-c1-dorm-2',
    categoryCode: 'work_style',
    severity: 'minor',
    kind: 'positive',
    description: '宿管员主动帮助毕业生搬运行李、办理退宿，收到学生书面表扬信。',
    hue: 120,
  },
  {
    day: 24,
    hour: 13,
    zoneId: 'zone-c2-canteen-2-hall',
    categoryCode: 'standards',
    severity: 'minor',
    kind: 'positive',
    description: '餐具消毒记录完整，消毒柜运行台账规范清晰。',
    hue: 170,
  },
];

type Reply = { code: number | string; data?: Record<string, unknown>; message?: string };

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-briefing-'));
  const cloud = await LocalCloud.start({ dataDir, port: 0 });
  const call = async (fn: string, openid: string, action: string, payload: Record<string, unknown>) => {
    const r = (await cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid })) as Reply;
    if (r.code !== 0) throw new Error(`${fn}.${action} failed: ${r.code} ${r.message ?? ''}`);
    return r.data as Record<string, unknown>;
  };
  const wx = require('wx-server-sdk') as typeof import('wx-server-sdk');
  // Photos are the uploader's own, under the path their purpose requires (shared/tickets/upload.rules.ts).
  const upload = async (name: string, png: Buffer, purpose: 'finding' | 'rectify' = 'finding', openid = INSPECTOR) =>
    ((await wx.uploadFile({ cloudPath: `uploads/${purpose}/${openid}/20250601/${name}.png`, fileContent: png })) as { fileID: string })
      .fileID;
  const openidOf = (personId: string) => DEMO_PEOPLE.find((p) => p._id === personId)?.openid ?? '';
  const ticket = (id: string) =>
    cloud.engine.find('tickets', { _id: id }, { limit: 1 })[0] as unknown as { assigneeId: string; dueAt: Date | null };

  try {
    await seedIfEmpty(cloud);
    wx.init({ env: wx.DYNAMIC_CURRENT_ENV as unknown as string });
    let n = 0;
    for (const f of [...FINDINGS].sort((a, b) => a.day - b.day || a.hour - b.hour)) {
      n++;
      setClock(shanghai(f.day, f.hour));
      const photos = [await upload(`before-${n}`, photoPng(n, f.hue, f.kind === 'positive'))];
      const created = await call('tickets', INSPECTOR, 'createFinding', {
        zoneId: f.zoneId,
        categoryCode: f.categoryCode,
        severity: f.severity,
        description: f.description,
        photos,
        kind: f.kind ?? 'problem',
      });
      const id = String(created.ticketId);
      if (!f.outcome) continue;
      const t = ticket(id);
      const staff = openidOf(t.assigneeId);
      const due = t.dueAt ? t.dueAt.getTime() : shanghai(f.day, f.hour) + 24 * HOUR;
      const created0 = shanghai(f.day, f.hour);
      setClock(created0 + 10 * 60_000);
      await call('tickets', staff, 'accept', { ticketId: id });
      if (f.outcome === 'open' || f.outcome === 'overdue') continue;
      const rectify = async (at: number, k: number) => {
        setClock(at);
        const after = await upload(`after-${n}-${k}`, photoPng(n * 7 + k, (f.hue + 25) % 360, true), 'rectify', staff);
        await call('tickets', staff, 'rectify', { ticketId: id, afterPhotos: [after], note: f.note ?? '已整改', cause: f.cause ?? '—' });
      };
      const inTime = created0 + Math.max(20 * 60_000, (due - created0) / 2);
      if (f.outcome === 'notRectified') {
        await rectify(inTime, 1);
        setClock(inTime + HOUR);
        await call('tickets', INSPECTOR, 'verify', { ticketId: id, approve: false, note: '复查发现熟食仍未加盖，退回重改' });
        await rectify(nextMorning(Math.max(due, inTime + HOUR)), 2);
      } else await rectify(f.outcome === 'late' ? nextMorning(due) : inTime, 1);
      setClock(Date.now() + 2 * HOUR);
      await call('tickets', INSPECTOR, 'verify', { ticketId: id, approve: true });
    }

    // Early July: the admin generates June's briefing, keeps the default items, publishes and exports it.
    setClock(Date.UTC(2025, 6, 2, 1));
    const { no } = await call('briefings', ADMIN, 'generate', { period: '2025-06' });
    await call('briefings', ADMIN, 'setMasthead', {
      no,
      masthead: {
        issuer: '示范大学后勤管理处总务部',
        totalNo: 37,
        editorNote:
          '6月正值毕业季和夏季用餐高峰，食堂卫生、消防通道和宿舍公共区域问题较为集中。现将本月巡查情况通报如下，请各单位对照检查、举一反三。',
        requirements: [
          '各责任单位对本期通报的问题逐项整改，尚未完成的于7月10日前完成并上传整改照片。',
          '各服务中心加强用餐高峰时段和节假日的巡查，对重复出现的问题约谈责任人。',
          '各单位做好防暑降温和汛期安全检查，发现隐患立即上报。',
        ],
        reportTo: '校党委书记、校长，分管后勤工作校领导',
        sendTo: '各服务中心，各服务单位',
        copies: 30,
      },
    });
    setClock(Date.UTC(2025, 6, 2, 2));
    await call('briefings', ADMIN, 'publish', { no });
    const { html } = await call('briefings', ADMIN, 'html', { no });

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-briefing-html-'));
    const file = path.join(work, 'briefing.html');
    fs.writeFileSync(file, String(html));
    fs.mkdirSync(path.dirname(OUT_PDF), { recursive: true });
    // Asynchronously: the photos come from this process's local cloud, which must keep serving meanwhile.
    await promisify(execFile)(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        `--print-to-pdf=${OUT_PDF}`,
        '--no-pdf-header-footer',
        `file://${file}`,
      ],
      { timeout: 120_000 },
    );
    fs.rmSync(OUT_PNG, { recursive: true, force: true });
    fs.mkdirSync(OUT_PNG, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', OUT_PDF, path.join(OUT_PNG, 'page')], { stdio: 'ignore' });
    const pages = fs.readdirSync(OUT_PNG).filter((p) => p.endsWith('.png'));
    console.log(`briefing No. ${no}: ${path.relative(ROOT, OUT_PDF)} (${pages.length} pages → ${path.relative(ROOT, OUT_PNG)}/)`);
    fs.rmSync(work, { recursive: true, force: true });

    // The Word document, as a phone opens it; LibreOffice renders its pages where it is installed.
    const docx = await call('briefings', ADMIN, 'exportFile', { no, format: 'docx' });
    const { fileContent } = (await wx.downloadFile({ fileID: String(docx.fileID) })) as { fileContent: Buffer };
    fs.writeFileSync(OUT_DOCX, fileContent);
    console.log(`briefing No. ${no}: ${path.relative(ROOT, OUT_DOCX)} (${(fileContent.length / 1024).toFixed(0)} KB)`);
    const office = ['soffice', 'libreoffice'].find((bin) => {
      try {
        execFileSync('which', [bin], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    if (office) {
      const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-briefing-docx-'));
      execFileSync(office, ['--headless', '--convert-to', 'pdf', '--outdir', pdfDir, OUT_DOCX], { stdio: 'ignore', timeout: 120_000 });
      fs.rmSync(OUT_DOCX_PNG, { recursive: true, force: true });
      fs.mkdirSync(OUT_DOCX_PNG, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '80', path.join(pdfDir, 'briefing-sample.pdf'), path.join(OUT_DOCX_PNG, 'page')], {
        stdio: 'ignore',
      });
      const docxPages = fs.readdirSync(OUT_DOCX_PNG).filter((p) => p.endsWith('.png'));
      console.log(`  rendered by ${office}: ${docxPages.length} pages → ${path.relative(ROOT, OUT_DOCX_PNG)}/`);
      fs.rmSync(pdfDir, { recursive: true, force: true });
    } else console.log('  (install LibreOffice to render the Word document’s pages)');
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
