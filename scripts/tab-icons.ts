/**
 * The tabBar icons (WeChat wants PNG files, 81×81): a house, a list, a person, in grey and in the primary
 * blue, drawn as SVG and rasterised by headless chromium into miniprogram/images/tab/.
 *
 *   npx tsx scripts/tab-icons.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OUT = path.resolve(__dirname, '..', 'miniprogram', 'images', 'tab');
const SHAPES: Record<string, string> = {
  home: '<path d="M12 40 L40 14 L68 40 M20 34 V66 H60 V34" fill="none" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/><rect x="34" y="46" width="12" height="20" fill="none" stroke-width="5"/>',
  reports:
    '<rect x="16" y="12" width="48" height="58" rx="6" fill="none" stroke-width="6"/><path d="M28 30 H52 M28 42 H52 M28 54 H44" stroke-width="6" stroke-linecap="round"/>',
  me: '<circle cx="40" cy="28" r="13" fill="none" stroke-width="6"/><path d="M14 70 C18 52 30 46 40 46 C50 46 62 52 66 70" fill="none" stroke-width="6" stroke-linecap="round"/>',
};
const COLOURS = { '': '#6b7280', '-on': '#1f6feb' };

fs.mkdirSync(OUT, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-icons-'));
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [suffix, colour] of Object.entries(COLOURS)) {
    const html = path.join(tmp, `${name}${suffix}.html`);
    fs.writeFileSync(
      html,
      `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80" stroke="${colour}">${shape}</svg></body></html>`,
    );
    execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--hide-scrollbars',
        '--default-background-color=00000000',
        '--window-size=81,81',
        `--screenshot=${path.join(OUT, `${name}${suffix}.png`)}`,
        `file://${html}`,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`tab icons written to ${OUT}`);
