import { SEVERITY_LABELS } from '../contract/labels';
import { asShanghaiWall, shanghaiDate } from '../time/shanghai';
import type { BriefingContent, BriefingCoverage, BriefingItem } from './briefing';
import { type BriefingMasthead, cnOrdinal, issueLabel, mastheadOf } from './briefing.masthead';

/** Display names the renderer needs (units, zones, categories), and temporary URLs of photos. */
export interface BriefingNames {
  unit: Record<string, string>;
  zone: Record<string, string>;
  category: Record<string, string>;
  photoUrl: Record<string, string>;
  /** Who issues the briefing (the general-affairs office's name), printed under the masthead. */
  issuer?: string;
}

export interface BriefingHeader {
  no: number;
  title: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML (every value from the database goes through this). */
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);

/** Severity labels: the contract's (shared/contract/labels.ts), as the pages show them. */
export const SEVERITY_ZH = SEVERITY_LABELS;
/**
 * State labels as the printed briefing words them: an office report's vocabulary (已分派, 待验收, 已撤销), not
 * the work queue's of STATE_LABELS (待接单, 待确认, 已作废).
 */
export const STATE_ZH: Record<string, string> = {
  reported: '待分派',
  assigned: '已分派',
  accepted: '整改中',
  paused: '暂停',
  coordinating: '协调中',
  rectified: '待验收',
  rework: '返工',
  verified: '已验收',
  closed: '已办结',
  cancelled: '已撤销',
};
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const share = (n: number, total: number) => (total > 0 ? `${Math.round((n / total) * 1000) / 10}%` : '—');
/** `2030-07-08 10:00` in Shanghai, or `—`. */
export const shanghaiTime = (d: Date | null) => (d ? `${shanghaiDate(d)} ${asShanghaiWall(d).toISOString().slice(11, 16)}` : '—');
/** `2030-07-08` → `2030年7月8日`. */
const longDate = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
/** `2030-07` → `2030年7月1日—7月31日`. */
function periodRange(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return `${y}年${m}月1日—${m}月${new Date(Date.UTC(y, m, 0)).getUTCDate()}日`;
}

/** Thumbnails per item: enough to show the before and after, without letting one item fill a page. */
const MAX_PHOTOS = 4;

function photosHtml(i: BriefingItem, n: BriefingNames): string {
  const before = i.kind === 'positive' ? '现场' : '整改前';
  const all = [...i.photos.map((p) => [before, p]), ...i.afterPhotos.map((p) => ['整改后', p])].filter(([, p]) => n.photoUrl[p]);
  // Keep the first before and the first after photos when there are more than fit.
  const firstAfter = all.findIndex(([label]) => label === '整改后');
  const shown =
    all.length <= MAX_PHOTOS
      ? all
      : firstAfter > 0
        ? [...all.slice(0, Math.min(firstAfter, MAX_PHOTOS - 1)), ...all.slice(firstAfter)].slice(0, MAX_PHOTOS)
        : all.slice(0, MAX_PHOTOS);
  if (shown.length === 0) return '';
  const more = all.length - shown.length;
  return `<div class="photos">${shown
    .map(
      ([label, p]) =>
        `<figure><img src="${esc(n.photoUrl[p])}" alt="${esc(label)}"><figcaption class="${label === '整改后' ? 'after' : ''}">${esc(label)}</figcaption></figure>`,
    )
    .join('')}${more > 0 ? `<p class="more">另有照片 ${more} 张</p>` : ''}</div>`;
}

function itemHtml(i: BriefingItem, n: BriefingNames, index: number): string {
  const name = (map: Record<string, string>, k: string) => esc(map[k] ?? k);
  const positive = i.kind === 'positive';
  const tags = positive
    ? ''
    : `<span class="tag tag--${i.severity}">${esc(SEVERITY_ZH[i.severity])}</span>${i.repeat ? '<span class="tag tag--repeat">重复</span>' : ''}${
        i.notRectified ? '<span class="tag tag--repeat">查而不改</span>' : ''
      }`;
  const meta = positive
    ? `${name(n.category, i.categoryCode)} · 编号 ${esc(i.no)} · 发现 ${esc(shanghaiTime(i.createdAt))}`
    : `${name(n.category, i.categoryCode)} · 编号 ${esc(i.no)} · 发现 ${esc(shanghaiTime(i.createdAt))} · ${esc(STATE_ZH[i.state] ?? i.state)}${
        i.rectifiedAt ? ` · 整改于 ${esc(shanghaiTime(i.rectifiedAt))}` : i.dueAt ? ` · 时限 ${esc(shanghaiTime(i.dueAt))}` : ''
      }${i.overdue ? ' · <span class="overdue">已超时</span>' : ''}`;
  return `<section class="item">
<div class="item__text">
<h3><span class="item__index">${index}</span>${name(n.unit, i.unitId)} · ${name(n.zone, i.zoneId)}${tags}</h3>
<p class="meta">${meta}</p>
<p class="desc">${esc(i.description)}</p>${i.cause ? `\n<p class="cause">原因：${esc(i.cause)}</p>` : ''}
</div>${photosHtml(i, n)}
</section>`;
}

function table(head: string[], rows: Array<Array<string | number>>, cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A table of counts with their share of the period's problems and a bar. */
function countTable(head: string, rows: Array<{ key: string; n: number }>, label: (k: string) => string, total: number): string {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return `<table class="counts"><thead><tr><th>${esc(head)}</th><th class="num">问题数</th><th class="num">占比</th><th class="bar-cell"></th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><td>${esc(label(r.key))}</td><td class="num">${esc(r.n)}</td><td class="num">${esc(share(r.n, total))}</td><td class="bar-cell"><span class="bar" style="width:${Math.max(
          2,
          Math.round((r.n / max) * 100),
        )}%"></span></td></tr>`,
    )
    .join('')}</tbody></table>`;
}

const STYLE = `
@page { size: A4; margin: 20mm 18mm 18mm; @bottom-center { content: "— " counter(page) " —"; font-size: 9pt; color: #555; } }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #111; font-size: 11.5pt; line-height: 1.65; }
.masthead { text-align: center; }
.masthead__name { color: #c00; font-size: 34pt; font-weight: 900; letter-spacing: 10pt; line-height: 1.3; margin-right: -10pt; }
.masthead__no { font-size: 13pt; margin: 2pt 0 10pt; }
.masthead__line { display: flex; justify-content: space-between; font-size: 11pt; padding: 0 2pt 4pt; border-bottom: 2.5pt solid #c00; }
.masthead__rule { border-bottom: 0.75pt solid #c00; margin-top: 1.5pt; }
.draft-mark { color: #c00; font-weight: bold; }
body.draft::before { content: "草稿"; position: fixed; top: 38%; left: 22%; font-size: 120pt; color: rgba(200, 0, 0, 0.08); transform: rotate(-30deg); z-index: -1; letter-spacing: 30pt; }
h1 { font-size: 18pt; text-align: center; margin: 16pt 0 2pt; font-weight: 700; }
.period { text-align: center; color: #444; margin: 0 0 8pt; font-size: 10.5pt; }
h2 { font-size: 14pt; font-family: "Noto Sans CJK SC", sans-serif; font-weight: 700; margin: 16pt 0 6pt; break-after: avoid; page-break-after: avoid; }
h3.sub { font-size: 12pt; font-family: "Noto Sans CJK SC", sans-serif; font-weight: 600; margin: 8pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; text-align: justify; }
.lead { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 10pt; line-height: 1.45; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #444; padding: 3pt 6pt; text-align: left; vertical-align: middle; }
th { background: #f0f0f0; font-family: "Noto Sans CJK SC", sans-serif; font-weight: 600; }
.num { text-align: right; width: 16%; white-space: nowrap; font-variant-numeric: tabular-nums; }
.counts td:first-child { width: 34%; }
.bar-cell { width: 34%; }
.bar { display: inline-block; height: 8pt; background: #c44; border-radius: 1pt; vertical-align: middle; }
.figures th, .figures td { text-align: center; width: 12.5%; }
.figures td { font-size: 13pt; font-weight: 700; font-family: "Noto Sans CJK SC", sans-serif; }
.figures td.good { color: #17703a; }
.figures td.bad { color: #b00; }
.item { display: flex; gap: 10pt; padding: 7pt 0; border-bottom: 0.75pt dashed #999; break-inside: avoid; page-break-inside: avoid; }
.item__text { flex: 1; min-width: 0; }
h3 { font-size: 11.5pt; margin: 0 0 2pt; font-family: "Noto Sans CJK SC", sans-serif; font-weight: 600; }
.item__index { display: inline-block; min-width: 16pt; height: 16pt; line-height: 16pt; margin-right: 5pt; border-radius: 8pt; background: #c00; color: #fff; font-size: 9pt; text-align: center; vertical-align: 1pt; }
.positives .item__index { background: #17703a; }
.tag { display: inline-block; margin-left: 5pt; padding: 0 4pt; font-size: 8.5pt; line-height: 13pt; border-radius: 2pt; vertical-align: 1pt; border: 0.6pt solid; font-weight: 400; }
.tag--critical { color: #b00; border-color: #b00; }
.tag--major { color: #b35900; border-color: #b35900; }
.tag--minor { color: #555; border-color: #888; }
.tag--repeat { color: #fff; background: #b00; border-color: #b00; }
.meta { color: #555; font-size: 9pt; margin: 0 0 3pt; }
.overdue { color: #b00; font-weight: 700; }
.desc { margin: 0 0 2pt; }
.cause { margin: 0; color: #333; font-size: 10pt; }
.photos { flex: none; display: flex; gap: 4pt; align-items: flex-start; flex-wrap: wrap; max-width: 232pt; justify-content: flex-end; }
figure { margin: 0; width: 112pt; }
img { display: block; width: 112pt; height: 84pt; object-fit: cover; border: 0.5pt solid #999; }
figcaption { font-size: 8pt; color: #555; text-align: center; line-height: 1.4; }
figcaption.after { color: #17703a; }
.more { font-size: 8pt; color: #555; width: 100%; text-align: right; margin: 0; }
.none { color: #444; }
.distribution { margin-top: 22pt; border-top: 0.75pt solid #111; border-bottom: 0.75pt solid #111; padding: 4pt 2pt; font-size: 10.5pt; break-inside: avoid; }
.distribution p { margin: 0; }
.note { border: 0.75pt solid #c00; padding: 4pt 8pt; margin: 6pt 0 4pt; text-indent: 2em; }
.distribution .copies { text-align: right; font-size: 9.5pt; }
.distribution .issued { display: flex; justify-content: space-between; border-top: 0.5pt solid #111; margin-top: 4pt; padding-top: 4pt; }
`;

/**
 * The coverage section's sentence (六、巡查覆盖), the same in the printable page and the Word document: the share of
 * the period's service hours covered by each level and by both, the blind intervals, the on-time rate of planned
 * patrols and self-checks, and the zones nobody visited in the last 14 days.
 */
export function coverageSentence(v: BriefingCoverage): string {
  const c = v.compliance;
  const stale = v.staleZoneCount
    ? `近 14 天无人巡查的场所 ${v.staleZoneCount} 个${v.staleZones.length ? `（${v.staleZones.join('、')}${v.staleZoneCount > v.staleZones.length ? ' 等' : ''}）` : ''}。`
    : '所有场所近 14 天内均有巡查。';
  return `本期各场所服务时段共 ${v.cells} 个（场所 × 星期 × 服务时段），两级巡查覆盖 ${pct(v.together)}，其中总务部 ${pct(v.office)}、服务中心 ${pct(
    v.centre,
  )}，两级重叠 ${pct(v.overlap)}；从未覆盖的服务时段 ${v.blindCells} 个。计划巡查与每日自查应完成 ${c.scheduled} 次，按时完成 ${c.onTime} 次，漏巡 ${
    c.missed
  } 次，经批准豁免 ${c.excused} 次，按时率 ${pct(c.rate)}。${stale}`;
}

/** 六、巡查覆盖: the coverage of the period's service hours by the two levels, and the gaps. */
function coverageHtml(v: BriefingCoverage): string {
  return `<h2>六、巡查覆盖</h2>
<p class="lead">${esc(coverageSentence(v))}</p>
`;
}

/**
 * The printable HTML of a briefing (A4, zh-CN) in the form of a Chinese office bulletin (简报): red masthead
 * with the number, issuer and date; summary and key figures; distribution by category and unit; repeat
 * problems; the selected problems with before/after photos; positive examples; the distribution block.
 * Self-contained but for photo URLs; every stored value is escaped. Renders the same for the same input (no
 * clock): the date comes from the header. A draft carries a 草稿 watermark.
 */
export function renderBriefingHtml(h: BriefingHeader, c: BriefingContent, n: BriefingNames, masthead?: BriefingMasthead): string {
  const name = (map: Record<string, string>) => (k: string) => map[k] ?? k;
  const m = masthead ?? mastheadOf(undefined, n.issuer ?? '总务部');
  const issuer = m.issuer;
  const published = h.status === 'published' && h.publishedAt;
  const date = published ? longDate(shanghaiDate(h.publishedAt as Date)) : '';
  const r = c.rectification;
  const repeatCount = c.repeatOffenders.reduce((s, o) => s + o.count, 0);
  const summary = `本期（${periodRange(c.period)}）共发现问题 ${c.totals.problems} 个，其中严重 ${c.bySeverity.critical} 个、较重 ${
    c.bySeverity.major
  } 个、一般 ${c.bySeverity.minor} 个；已整改 ${r.closed} 个，尚在整改 ${r.open} 个${r.cancelled ? `，经核实撤销 ${r.cancelled} 个` : ''}。应按时整改的问题 ${
    r.eligible
  } 个，按时完成 ${r.onTime} 个，按时整改率 ${pct(r.rate)}。${
    c.repeatOffenders.length
      ? `同一区域同类问题反复出现 ${c.repeatOffenders.length} 处（共 ${repeatCount} 个问题），请相关单位重点整改。`
      : '本期未出现同一区域同类问题反复发生的情况。'
  }发现服务工作正面典型 ${c.totals.positives} 个，予以通报表扬。`;
  const rateClass = r.rate === null ? '' : r.rate >= 0.9 ? 'good' : r.rate < 0.8 ? 'bad' : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(`巡查简报第${h.no}期 ${h.title}`)}</title>
<style>${STYLE}</style></head><body${h.status === 'draft' ? ' class="draft"' : ''}>
<header class="masthead">
<div class="masthead__name">巡查简报</div>
<div class="masthead__no">${esc(issueLabel(h.no, m.totalNo))}${h.status === 'draft' ? '　<span class="draft-mark">（草稿，未发布）</span>' : ''}</div>
<div class="masthead__line"><span>${esc(issuer)}编</span><span>${esc(date)}</span></div>
<div class="masthead__rule"></div>
</header>
<h1>${esc(h.title)}</h1>
<p class="period">统计期间：${esc(periodRange(c.period))}</p>
${m.editorNote ? `<p class="note"><b>编者按：</b>${esc(m.editorNote)}</p>\n` : ''}
<h2>一、总体情况</h2>
<p class="lead">${esc(summary)}</p>
${`<table class="figures"><thead><tr><th>发现问题</th><th>严重</th><th>较重</th><th>一般</th><th>已整改</th><th>整改中</th><th>按时整改率</th><th>正面典型</th></tr></thead><tbody><tr><td>${esc(
  c.totals.problems,
)}</td><td class="${c.bySeverity.critical ? 'bad' : ''}">${esc(c.bySeverity.critical)}</td><td>${esc(c.bySeverity.major)}</td><td>${esc(
  c.bySeverity.minor,
)}</td><td>${esc(r.closed)}</td><td>${esc(r.open)}</td><td class="${rateClass}">${esc(pct(r.rate))}</td><td class="good">${esc(
  c.totals.positives,
)}</td></tr></tbody></table>`}

<h2>二、问题分布</h2>
<h3 class="sub">（一）按问题类别</h3>
${c.byCategory.length ? countTable('类别', c.byCategory, name(n.category), c.totals.problems) : '<p class="none">本期未发现问题。</p>'}
<h3 class="sub">（二）按责任单位</h3>
${c.byUnit.length ? countTable('单位', c.byUnit, name(n.unit), c.totals.problems) : '<p class="none">本期未发现问题。</p>'}

<h2>三、重复问题</h2>
${
  c.repeatOffenders.length
    ? table(
        ['责任单位', '区域', '类别', '次数'],
        c.repeatOffenders.map((o) => [name(n.unit)(o.unitId), name(n.zone)(o.zoneId), name(n.category)(o.categoryCode), o.count]),
      )
    : '<p class="none">本期无重复问题。</p>'
}

<h2>四、通报问题</h2>
${
  c.items.length
    ? `<p class="lead">本期通报问题 ${c.items.length} 个，按严重程度排列，请责任单位对照整改、举一反三。</p>\n${c.items
        .map((i, k) => itemHtml(i, n, k + 1))
        .join('\n')}`
    : '<p class="none">本期无通报问题。</p>'
}

<h2>五、正面典型</h2>
<div class="positives">
${c.positives.length ? c.positives.map((i, k) => itemHtml(i, n, k + 1)).join('\n') : '<p class="none">本期无。</p>'}
</div>

${c.coverage ? coverageHtml(c.coverage) : ''}
${
  m.requirements.length
    ? `\n<h2>${cnOrdinal(c.coverage ? 7 : 6)}、工作要求</h2>\n${m.requirements.map((r, k) => `<p class="lead">${k + 1}. ${esc(r)}</p>`).join('\n')}\n`
    : ''
}
<footer class="distribution">
${m.reportTo ? `<p>报：${esc(m.reportTo)}</p>` : ''}
${m.sendTo ? `<p>送：${esc(m.sendTo)}</p>` : ''}
<p class="issued"><span>${esc(issuer)}</span><span>${published ? `${esc(date)}印发` : '草稿，未印发'}</span></p>${
    m.copies ? `\n<p class="copies">（共印${esc(m.copies)}份）</p>` : ''
  }
</footer>
</body></html>
`;
}
