/**
 * A briefing as a Word document: the time the real `briefings` function takes to make the `.docx` of a 30-item
 * briefing whose items each carry a before and an after photo (the photos read back from storage and embedded),
 * and the document's size, beside the printable HTML export of the same briefing (which links its photos instead
 * of embedding them). Runs on an in-process local cloud with the demo campus.
 */
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { LocalCloud } from '../scripts/local-cloud/cloud';
import { DEMO_PEOPLE, DEMO_ZONES } from '../scripts/local-cloud/demo-campus';
import { seedIfEmpty } from '../scripts/local-cloud/seed';
import { tempDir } from '../test/helpers/local-cloud';
import { type BenchResult, fmt, median, printTable } from './lib';

process.env.XUNCHA_LOG_QUIET = '1';

const ITEMS = 30;
const RUNS = 5;

/** A photo-sized PNG (320 × 240, noisy so it does not compress away): about 230 KB, as a phone's compressed photo. */
function photo(seed: number): Buffer {
  const w = 320;
  const h = 240;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  let x = Math.imul(seed + 1, 2654435761) >>> 0;
  for (let i = 0; i < raw.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    raw[i] = i % (w * 3 + 1) === 0 ? 0 : x >>> 24;
  }
  const crcTable = new Int32Array(256).map((_v, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc = (b: Buffer) => {
    let c = -1;
    for (const v of b) c = crcTable[(c ^ v) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
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

type Reply = { code: number | string; data?: Record<string, unknown>; message?: string };

export async function run(): Promise<BenchResult[]> {
  const cloud = await LocalCloud.start({ dataDir: tempDir(), port: 0 });
  const call = async (fn: string, openid: string, action: string, payload: Record<string, unknown>) => {
    const r = (await cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid })) as Reply;
    if (r.code !== 0) throw new Error(`${fn}.${action} failed: ${r.code} ${r.message ?? ''}`);
    return r.data as Record<string, unknown>;
  };
  try {
    await seedIfEmpty(cloud);
    const wx = require('wx-server-sdk') as typeof import('wx-server-sdk');
    wx.init({ env: wx.DYNAMIC_CURRENT_ENV as unknown as string });
    const inspector = DEMO_PEOPLE.find((p) => p.roles.some((r) => r.role === 'inspector' && r.level === 'office'));
    const admin = DEMO_PEOPLE.find((p) => p.roles.some((r) => r.role === 'admin'));
    if (!inspector || !admin) throw new Error('the demo campus has no office inspector or admin');
    const zones = DEMO_ZONES.filter((z) => z.sceneId && z.kind !== 'campus');
    let photoBytes = 0;
    // Photos are the uploader's own, under the path their purpose requires (shared/tickets/upload.rules.ts).
    const upload = async (purpose: 'finding' | 'rectify', openid: string, name: string, seed: number) => {
      const png = photo(seed);
      photoBytes += png.length;
      const cloudPath = `uploads/${purpose}/${openid}/20291220/${name}.png`;
      return ((await wx.uploadFile({ cloudPath, fileContent: png })) as { fileID: string }).fileID;
    };
    for (let i = 0; i < ITEMS; i++) {
      // An inspector's finding with a photo; its assignee accepts it and rectifies with an after photo.
      const created = await call('tickets', inspector.openid, 'createFinding', {
        zoneId: zones[i % zones.length]._id,
        categoryCode: 'hygiene',
        severity: i % 3 === 0 ? 'major' : 'minor',
        description: `第${i + 1}处：地面有积水和垃圾，垃圾桶满溢未及时清运，影响就餐环境。`,
        photos: [await upload('finding', inspector.openid, `before-${i}`, i * 2)],
        kind: 'problem',
      });
      const ticketId = String(created.ticketId);
      const t = cloud.engine.find('tickets', { _id: ticketId }, { limit: 1 })[0] as unknown as { assigneeId: string };
      const staff = DEMO_PEOPLE.find((p) => p._id === t.assigneeId)?.openid ?? '';
      await call('tickets', staff, 'accept', { ticketId });
      await call('tickets', staff, 'rectify', {
        ticketId,
        afterPhotos: [await upload('rectify', staff, `after-${i}`, i * 2 + 1)],
        note: '已清理',
        cause: '清运不及时',
      });
    }
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const { no } = await call('briefings', admin.openid, 'generate', { period: month });
    const time = async (format: 'docx' | 'html') => {
      const ms: number[] = [];
      let file: Buffer = Buffer.alloc(0);
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const out = await call('briefings', admin.openid, 'exportFile', { no, format });
        ms.push(performance.now() - t0);
        file = ((await wx.downloadFile({ fileID: String(out.fileID) })) as { fileContent: Buffer }).fileContent;
      }
      return { ms: median(ms), bytes: file.length, file };
    };
    const docx = await time('docx');
    const html = await time('html');
    const embedded = Object.keys((await JSZip.loadAsync(docx.file)).files).filter((f) => f.startsWith('word/media/')).length;
    console.log(
      `  ${ITEMS} items, ${ITEMS * 2} photos (${fmt(photoBytes / 2 ** 20)} MB stored, ${embedded} embedded): .docx ${fmt(docx.ms)} ms, ${fmt(docx.bytes / 1024)} KB; HTML ${fmt(html.ms)} ms, ${fmt(html.bytes / 1024)} KB`,
    );
    return [
      {
        name: `briefing as Word: ${ITEMS} items with before/after photos (median of ${RUNS}, generated in the function and stored)`,
        figure: `${fmt(docx.ms)} ms; ${fmt(docx.bytes / 2 ** 20)} MB`,
        baseline: `printable HTML (photos linked): ${fmt(html.ms)} ms; ${fmt(html.bytes / 1024)} KB`,
        target: '< 10 s (function timeout 30 s); < 10 MB',
        pass: docx.ms < 10_000 && docx.bytes < 10 * 2 ** 20,
      },
    ];
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  run()
    .then((r) => {
      printTable(r, 'briefing documents');
      process.exit(r.every((x) => x.pass) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
