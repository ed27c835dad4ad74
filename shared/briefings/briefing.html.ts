import { shanghaiDate } from '../time/shanghai';
import type { BriefingContent, BriefingItem } from './briefing';

/** Display names the renderer needs (units, zones, categories), and temporary URLs of photos. */
export interface BriefingNames {
  unit: Record<string, string>;
  zone: Record<string, string>;
  category: Record<string, string>;
  photoUrl: Record<string, string>;
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

const SEVERITY_ZH = { minor: '一般', major: '较重', critical: '严重' } as const;
const STATE_ZH: Record<string, string> = {
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
const time = (d: Date | null) => (d ? `${shanghaiDate(d)} ${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}` : '—');

function table(head: string[], rows: Array<Array<string | number>>): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function itemHtml(i: BriefingItem, n: BriefingNames, index: number): string {
  const photos = [...i.photos.map((p) => ['整改前', p]), ...i.afterPhotos.map((p) => ['整改后', p])]
    .filter(([, p]) => n.photoUrl[p])
    .map(([label, p]) => `<figure><img src="${esc(n.photoUrl[p])}" alt="${esc(label)}"><figcaption>${esc(label)}</figcaption></figure>`)
    .join('');
  return `<section class="item"><h3>${index}. ${esc(n.unit[i.unitId] ?? i.unitId)} · ${esc(n.zone[i.zoneId] ?? i.zoneId)}（${esc(
    n.category[i.categoryCode] ?? i.categoryCode,
  )}）</h3><p class="meta">编号 ${esc(i.no)} · ${esc(SEVERITY_ZH[i.severity])}${i.repeat ? ' · 重复问题' : ''} · ${esc(
    STATE_ZH[i.state] ?? i.state,
  )} · 发现 ${esc(time(i.createdAt))} · 时限 ${esc(time(i.dueAt))} · 整改 ${esc(time(i.rectifiedAt))}</p><p>${esc(i.description)}</p>${
    i.cause ? `<p class="cause">原因：${esc(i.cause)}</p>` : ''
  }${photos ? `<div class="photos">${photos}</div>` : ''}</section>`;
}

/**
 * The printable HTML of a briefing (A4, zh-CN), self-contained but for photo URLs. Every stored value is
 * escaped. Renders the same for the same input (no clock): the publication time comes from the header.
 */
export function renderBriefingHtml(h: BriefingHeader, c: BriefingContent, n: BriefingNames): string {
  const name = (map: Record<string, string>) => (k: string) => map[k] ?? k;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(h.title)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #111; font-size: 12pt; line-height: 1.6; }
header { text-align: center; border-bottom: 3px double #b00; margin-bottom: 12pt; }
header .org { color: #b00; font-size: 26pt; font-weight: bold; letter-spacing: 4pt; }
header .no { font-size: 12pt; }
.draft { color: #b00; font-weight: bold; }
h2 { font-size: 14pt; border-left: 4pt solid #b00; padding-left: 6pt; margin-top: 14pt; }
h3 { font-size: 12pt; margin: 8pt 0 2pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 10.5pt; }
th, td { border: 1px solid #555; padding: 2pt 4pt; text-align: left; }
th { background: #eee; }
.item { page-break-inside: avoid; border-bottom: 1px dashed #aaa; padding-bottom: 6pt; }
.meta { color: #444; font-size: 10pt; margin: 0; }
.photos { display: flex; gap: 6pt; flex-wrap: wrap; }
figure { margin: 0; } img { max-width: 160pt; max-height: 120pt; } figcaption { font-size: 9pt; color: #555; }
</style></head><body>
<header><div class="org">巡查简报</div><div class="no">第 ${esc(h.no)} 期 · ${esc(c.period)}${
    h.status === 'published' ? ` · ${esc(shanghaiDate(h.publishedAt as Date))} 发布` : ' · <span class="draft">草稿</span>'
  }</div><h1>${esc(h.title)}</h1></header>
<h2>一、总体情况</h2>
<p>本期共发现问题 ${esc(c.totals.problems)} 个（严重 ${esc(c.bySeverity.critical)}、较重 ${esc(c.bySeverity.major)}、一般 ${esc(
    c.bySeverity.minor,
  )}），已整改办结 ${esc(c.rectification.closed)} 个，尚在整改 ${esc(c.rectification.open)} 个，按时整改率 ${esc(pct(c.rectification.rate))}（${esc(
    c.rectification.onTime,
  )}/${esc(c.rectification.eligible)}）；发现正面典型 ${esc(c.totals.positives)} 个。</p>
<h2>二、问题分类</h2>
${table(
  ['类别', '问题数'],
  c.byCategory.map((r) => [name(n.category)(r.key), r.n]),
)}
<h2>三、各单位情况</h2>
${table(
  ['单位', '问题数'],
  c.byUnit.map((r) => [name(n.unit)(r.key), r.n]),
)}
<h2>四、重复问题</h2>
${
  c.repeatOffenders.length
    ? table(
        ['单位', '区域', '类别', '次数'],
        c.repeatOffenders.map((r) => [name(n.unit)(r.unitId), name(n.zone)(r.zoneId), name(n.category)(r.categoryCode), r.count]),
      )
    : '<p>本期无重复问题。</p>'
}
<h2>五、正面典型</h2>
${c.positives.length ? c.positives.map((i, k) => itemHtml(i, n, k + 1)).join('\n') : '<p>本期无。</p>'}
<h2>六、问题清单</h2>
${c.items.map((i, k) => itemHtml(i, n, k + 1)).join('\n')}
</body></html>
`;
}
