/**
 * Prints the QR poster sheet of a building or canteen as PDF (and a PNG preview) with headless
 * Chromium: `npx tsx scripts/posters.ts [zoneId]` — by default the first canteen of the demo campus.
 * Runs the real `posters` function as the demo admin on a fresh local cloud; writes docs/posters/. The Word
 * sheet an office prints from a phone is written beside it, with the demo school's name and hotline, and rendered
 * to a PNG by LibreOffice where it is installed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCloud, ROOT } from './local-cloud/cloud';
import { seedIfEmpty } from './local-cloud/seed';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--hide-scrollbars',
];

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-posters-'));
  const cloud = await LocalCloud.start({ dataDir, port: 0 });
  try {
    await seedIfEmpty(cloud);
    const zones = cloud.engine.find('zones', process.argv[2] ? { _id: process.argv[2] } : { kind: 'canteen' }, { limit: 1 });
    if (zones.length === 0) throw new Error('no such zone');
    const reply = (await cloud.host.invoke(
      'posters',
      { action: 'sheet', payload: { zoneId: zones[0]._id } },
      { source: 'wx_client', openid: 'demo-admin' },
    )) as {
      code: number | string;
      data?: { html: string; zones: number };
      message?: string;
    };
    if (reply.code !== 0 || !reply.data) throw new Error(`posters.sheet failed: ${reply.code} ${reply.message}`);
    const admin = (action: string, payload: Record<string, unknown>) =>
      cloud.host.invoke('posters', { action, payload }, { source: 'wx_client', openid: 'demo-admin' }) as Promise<{
        code: number | string;
        data: { fileID: string; zones: number };
      }>;
    await admin('saveProfile', { schoolName: '示范大学', hotline: '0571-8888 6666', version: 0 });
    const word = await admin('sheet', { zoneId: zones[0]._id, format: 'docx' });
    if (word.code !== 0) throw new Error(`posters.sheet (docx) failed: ${word.code}`);
    const out = path.join(ROOT, 'docs', 'posters');
    fs.mkdirSync(out, { recursive: true });
    const html = path.join(out, `${zones[0]._id}.html`);
    fs.writeFileSync(html, reply.data.html);
    const pdf = html.replace(/\.html$/, '.pdf');
    const png = html.replace(/\.html$/, '.png');
    execFileSync('chromium', [...CHROMIUM_FLAGS, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { stdio: 'ignore' });
    execFileSync('chromium', [...CHROMIUM_FLAGS, '--window-size=794,1123', `--screenshot=${png}`, `file://${html}`], { stdio: 'ignore' });
    console.log(
      `${reply.data.zones} posters of ${zones[0].name as string}: ${path.relative(ROOT, pdf)} (preview ${path.relative(ROOT, png)})`,
    );
    const wx = require('wx-server-sdk') as typeof import('wx-server-sdk');
    wx.init({ env: wx.DYNAMIC_CURRENT_ENV as unknown as string });
    const docx = html.replace(/\.html$/, '.docx');
    fs.writeFileSync(docx, ((await wx.downloadFile({ fileID: word.data.fileID })) as { fileContent: Buffer }).fileContent);
    try {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-posters-docx-'));
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'ignore', timeout: 120_000 });
      execFileSync(
        'pdftoppm',
        [
          '-png',
          '-r',
          '60',
          '-f',
          '1',
          '-l',
          '1',
          '-singlefile',
          path.join(tmp, `${path.basename(docx, '.docx')}.pdf`),
          docx.replace(/\.docx$/, '-docx'),
        ],
        { stdio: 'ignore' },
      );
      fs.rmSync(tmp, { recursive: true, force: true });
      console.log(
        `Word sheet: ${path.relative(ROOT, docx)} (page 1 as rendered by LibreOffice: ${path.relative(ROOT, docx.replace(/\.docx$/, '-docx.png'))})`,
      );
    } catch {
      console.log(`Word sheet: ${path.relative(ROOT, docx)} (install LibreOffice to render it)`);
    }
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
