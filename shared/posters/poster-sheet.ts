/**
 * A printable sheet of QR posters, one per zone, four to an A4 page: the zone's name and place, its
 * mini-program code, and a short instruction. Pure: the caller supplies each code as an image source.
 */
export type PosterZone = { name: string; place: string; sceneId: string; imageSrc: string };

export const POSTER_INSTRUCTION = '微信扫一扫，反馈这里的问题或评价服务';
/** Two short lines under the instruction. */
export const POSTER_NOTE = ['匿名反馈 · 工作人员看不到您是谁', '小问题一小时内解决，大问题不过夜'] as const;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * What the admin sets once for every poster: the school's name (printed above each poster) and the supervision
 * hotline (监督电话, printed at its foot). Empty strings leave them out.
 */
export type PosterProfile = { schoolName: string; hotline: string };
export const EMPTY_PROFILE: PosterProfile = { schoolName: '', hotline: '' };

/** The line above a poster: the school's name with 后勤服务, or 后勤服务 alone. */
export const posterBrand = (p: PosterProfile): string => (p.schoolName ? `${p.schoolName} · 后勤服务` : '后勤服务 · 巡查反馈');
/** The line at a poster's foot: `监督电话 0571-8888 8888`, or '' when none is set. */
export const posterHotline = (p: PosterProfile): string => (p.hotline ? `监督电话 ${p.hotline}` : '');

/** Texts of a sheet that differ by use (zone posters by default; asset labels pass their own), and the profile. */
export interface PosterTexts {
  brand?: string;
  instruction?: string;
  note?: readonly string[];
  /** Shown before each poster's scene id. */
  sceneLabel?: string;
  /** The school's name and hotline (zone posters). */
  profile?: PosterProfile;
}

/** The HTML of a poster sheet titled `title` for `zones` (in order). */
export function posterSheetHtml(title: string, zones: readonly PosterZone[], texts: PosterTexts = {}): string {
  const profile = texts.profile ?? EMPTY_PROFILE;
  const brand = escapeHtml(texts.brand ?? posterBrand(profile));
  const instruction = escapeHtml(texts.instruction ?? POSTER_INSTRUCTION);
  const note = (texts.note ?? POSTER_NOTE).map(escapeHtml).join('<br>');
  const sceneLabel = escapeHtml(texts.sceneLabel ?? '编号');
  const hotline = posterHotline(profile);
  const posters = zones
    .map(
      (z) => `<section class="poster">
  <div class="brand">${brand}</div>
  <h2>${escapeHtml(z.name)}</h2>
  <div class="place">${escapeHtml(z.place)}</div>
  <img src="${escapeHtml(z.imageSrc)}" alt="${escapeHtml(z.name)} 小程序码">
  <p class="instruction">${instruction}</p>
  <p class="note">${note}</p>${hotline ? `\n  <p class="hotline">${escapeHtml(hotline)}</p>` : ''}
  <div class="scene">${sceneLabel} ${escapeHtml(z.sceneId)}</div>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 10mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f2329; }
  .sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
  .poster { height: 128mm; border: 1.5px solid #1f6feb; border-radius: 6mm; padding: 6mm; text-align: center;
            display: flex; flex-direction: column; align-items: center; break-inside: avoid; }
  .brand { font-size: 10pt; color: #1f6feb; letter-spacing: 1px; }
  h2 { margin: 3mm 0 1mm; font-size: 14pt; line-height: 1.3; word-break: keep-all; }
  .place { font-size: 9pt; color: #646a73; min-height: 4mm; }
  img { width: 62mm; height: 62mm; margin: 4mm 0 3mm; image-rendering: pixelated; }
  .instruction { margin: 0; font-size: 12pt; font-weight: 600; }
  .note { margin: 2mm 0 0; font-size: 8pt; line-height: 1.5; color: #646a73; }
  .hotline { margin: 2mm 0 0; font-size: 10pt; font-weight: 600; color: #1f6feb; }
  .scene { margin-top: auto; font-size: 7pt; color: #8f959e; }
  h1 { font-size: 12pt; margin: 0 0 4mm; color: #646a73; font-weight: normal; }
</style>
</head>
<body>
<h1>${escapeHtml(title)} · 共 ${zones.length} 张</h1>
<div class="sheet">
${posters}
</div>
</body>
</html>
`;
}
