/**
 * Admin: a briefing's masthead and distribution lines (版头与发送) — the issuer's full name, 总第N期, 编者按,
 * 工作要求, 报 / 送 and 共印N份 — as they print on the Word document and the printable page. A published
 * briefing shows them read-only.
 */
import type { BriefingMasthead } from '../../../../shared/briefings/briefing.masthead';
import { callFunction } from '../../../services/api';
import { briefingMessage } from '../../../services/briefing.format';

type Form = { issuer: string; totalNo: string; editorNote: string; requirements: string; reportTo: string; sendTo: string; copies: string };
const FIELDS: ReadonlyArray<keyof Form> = ['issuer', 'totalNo', 'editorNote', 'requirements', 'reportTo', 'sendTo', 'copies'];

/** `第12期（总第148期）`, as shared/briefings' `issueLabel` prints it (the mini-program imports shared/ as types only). */
const issueLabel = (no: number, totalNo: number | null): string => `第${no}期${totalNo ? `（总第${totalNo}期）` : ''}`;

const formOf = (m: BriefingMasthead): Form => ({
  issuer: m.issuer,
  totalNo: m.totalNo ? String(m.totalNo) : '',
  editorNote: m.editorNote,
  requirements: m.requirements.join('\n'),
  reportTo: m.reportTo,
  sendTo: m.sendTo,
  copies: m.copies ? String(m.copies) : '',
});

/** The form as the server takes it, or the sentence that says what to fix. */
export function mastheadOfForm(f: Form): { masthead: BriefingMasthead } | { error: string } {
  const whole = (s: string, label: string, max: number): number | null | string => {
    const t = s.trim();
    if (!t) return null;
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > max) return `${label}请填写 1 到 ${max} 之间的整数`;
    return Number(t);
  };
  if (!f.issuer.trim()) return { error: '请填写编发单位全称' };
  const totalNo = whole(f.totalNo, '总期数', 99999);
  if (typeof totalNo === 'string') return { error: totalNo };
  const copies = whole(f.copies, '印数', 9999);
  if (typeof copies === 'string') return { error: copies };
  const requirements = f.requirements
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (requirements.length > 10) return { error: '工作要求最多 10 条' };
  if (requirements.some((r) => r.length > 500)) return { error: '每条工作要求最多 500 字' };
  return {
    masthead: {
      issuer: f.issuer.trim(),
      totalNo,
      editorNote: f.editorNote.trim(),
      requirements,
      reportTo: f.reportTo.trim(),
      sendTo: f.sendTo.trim(),
      copies,
    },
  };
}

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    no: 0,
    published: false,
    issue: '',
    issuer: '',
    totalNo: '',
    editorNote: '',
    requirements: '',
    reportTo: '',
    sendTo: '',
    copies: '',
    formError: '',
    saving: false,
  },
  methods: {
    onLoad(query: { no?: string }) {
      this.setData({ no: Number(query.no) || 0 });
      void this.load();
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    async load() {
      const r = await callFunction('briefings', 'get', {
        no: this.data.no,
      });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: briefingMessage(r) });
        return;
      }
      const m = r.data.masthead;
      this.setData({ status: 'ready', published: r.data.status === 'published', issue: issueLabel(r.data.no, m.totalNo), ...formOf(m) });
    },
    onInput(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field) as keyof Form;
      if (!FIELDS.includes(field)) return;
      const patch: Record<string, string> = { [field]: e.detail.value, formError: '' };
      if (field === 'totalNo') patch.issue = issueLabel(this.data.no, /^\d+$/.test(e.detail.value) ? Number(e.detail.value) : null);
      this.setData(patch);
    },
    async onSave() {
      if (this.data.saving || this.data.published) return;
      const form = Object.fromEntries(FIELDS.map((k) => [k, this.data[k]])) as Form;
      const parsed = mastheadOfForm(form);
      if ('error' in parsed) {
        this.setData({ formError: parsed.error });
        return;
      }
      this.setData({ saving: true, formError: '' });
      const r = await callFunction('briefings', 'setMasthead', {
        no: this.data.no,
        masthead: parsed.masthead,
      });
      this.setData({ saving: false });
      if (r.code !== 0) {
        // Nothing typed is lost: the form keeps its values and says what went wrong.
        this.setData({ formError: briefingMessage(r) });
        if (r.code === 'BRIEFING.PUBLISHED') this.setData({ published: true });
        return;
      }
      this.setData({ ...formOf(r.data.masthead), issue: issueLabel(r.data.no, r.data.masthead.totalNo) });
      wx.showToast({ title: '已保存', icon: 'success' });
    },
  },
});
