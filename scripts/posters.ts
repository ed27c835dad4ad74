/**
 * Prints the QR poster sheet of a building or canteen as PDF (and a PNG preview) with headless
 * Chromium: `npx tsx scripts/posters.ts [zoneId]` — by default the first canteen of the demo campus.
 * Runs the real `posters` function as the demo admin on a fresh local cloud; writes docs/posters/.
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
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
