import { esc } from '../briefings/briefing.html';
import type { AssessmentResult } from './assessment';
import { GRADE_LABELS } from './contract.schema';
import { yuanText } from './payment.rules';
import { SIGNOFF_LABELS, type SignoffState } from './signoff.machine';

/** What the printable sheet names besides the result. */
export interface SheetHeader {
  contractNo: string;
  contractName: string;
  contractor: string;
  supervisingUnit: string;
  runId: string;
  signoff: { state: SignoffState; history: Array<{ at: Date; byName: string; event: string; note?: string }> };
}

const EVENT_ZH: Record<string, string> = { sign: '监管单位签字', approve: '总务部审定', return: '退回' };
const fmt = (v: number) => (v > 0 ? `+${v}` : String(v));

/** The monthly assessment as a printable A4 sheet (HTML; every value escaped), ready for headless Chromium. */
export function assessmentSheetHtml(r: AssessmentResult, h: SheetHeader): string {
  const rows = r.lines
    .filter((l) => l.kind !== 'weighting')
    .map(
      (l) =>
        `<tr><td>${esc(l.label)}</td><td class="n">${l.count}</td><td class="n">${l.points === 0 ? '' : fmt(l.points)}</td><td class="n">${
          l.fen === 0 ? '' : esc(yuanText(l.fen))
        }</td><td>${esc(l.note)}${l.ticketNos.length ? `<br><small>${esc(l.ticketNos.join('、'))}</small>` : ''}</td></tr>`,
    )
    .join('');
  const steps = r.payment.steps.map((s) => `<tr><td>${esc(s.label)}</td><td class="n">${esc(yuanText(s.fen))}</td></tr>`).join('');
  const signs = h.signoff.history
    .map(
      (s) =>
        `<li>${esc(EVENT_ZH[s.event] ?? s.event)}：${esc(s.byName)}（${esc(s.at.toISOString().slice(0, 10))}）${s.note ? ` ${esc(s.note)}` : ''}</li>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(h.contractName)} ${esc(r.month)} 月度考核表</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;margin:24px;font-size:13px}h1{font-size:20px;text-align:center}
table{border-collapse:collapse;width:100%;margin:8px 0}td,th{border:1px solid #999;padding:4px 6px;vertical-align:top}.n{text-align:right;white-space:nowrap}
.sum td{font-weight:bold}.flag{color:#b91c1c;font-weight:bold}@page{size:A4;margin:16mm}</style></head><body>
<h1>外包服务合同月度考核表</h1>
<p>合同：${esc(h.contractNo)} ${esc(h.contractName)}　服务单位：${esc(h.contractor)}　监管单位：${esc(h.supervisingUnit)}　考核月份：${esc(r.month)}</p>
<table><thead><tr><th>考核项目</th><th>次数</th><th>扣/加分</th><th>扣款</th><th>说明及涉及工单</th></tr></thead><tbody>${rows}</tbody></table>
<table><tbody><tr><td>管理方得分</td><td class="n">${r.supervisorScore}</td></tr>
<tr><td>服务对象满意度得分</td><td class="n">${r.recipientScore ?? '无评价'}</td></tr>
<tr class="sum"><td>加权得分（管理方${r.weights.supervisor}%，服务对象${r.weights.recipient}%）</td><td class="n">${r.score}</td></tr>
<tr class="sum"><td>考核等级</td><td class="n">${GRADE_LABELS[r.grade]}</td></tr></tbody></table>
${r.belowPassTwice ? '<p class="flag">连续两个月低于合格分，请按合同约定处理。</p>' : r.belowPass ? '<p class="flag">本月低于合格分。</p>' : ''}
<table><thead><tr><th>付款计算</th><th>金额</th></tr></thead><tbody>${steps}
<tr class="sum"><td>本月应付</td><td class="n">${esc(yuanText(r.payment.payableFen))}</td></tr></tbody></table>
<p>签字流程：${esc(SIGNOFF_LABELS[h.signoff.state])}</p><ul>${signs}</ul>
<p><small>计算批次 ${esc(h.runId)}</small></p></body></html>`;
}
