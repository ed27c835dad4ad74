/**
 * A rectification notice (整改通知单). Opened from a finding that cites a contract clause (`?ticketId=`): when the
 * finding has no notice yet, the supervising unit (or an inspector, or the office) writes what must be fixed and
 * by when and issues it; otherwise, and from the contract's notice list (`?noticeId=`), the notice is shown with
 * where it stands, and can be printed as a Word document. A fix after its deadline costs the contract extra.
 */
import type { ContractsContract, NoticeView } from '../../../../shared/contract/contracts.contract';
import { callFunction, tickets } from '../../../services/api';
import { openRemoteDocument } from '../../../services/documents';
import { contractMessage, NOTICE_STATE_LABELS as STATE_LABELS, NOTICE_STATE_TONES as STATE_TONES } from '../labels';

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as Shanghai date and time fields (the pickers' values). */
function shanghaiParts(iso: string): { date: string; time: string } {
  const s = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return {
    date: `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`,
    time: `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`,
  };
}
const shanghaiText = (iso: string) => {
  const { date, time } = shanghaiParts(iso);
  return `${date} ${time}`;
};

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'issue' | 'view',
    errorText: '',
    ticketId: '',
    noticeId: '',
    /** The finding a new notice is about. */
    finding: null as null | { no: string; zone: string; clause: string; problem: string },
    note: '',
    dueDate: '',
    dueTime: '',
    formError: '',
    busy: false,
    n: null as null | Record<string, string>,
  },
  methods: {
    onLoad(query: { ticketId?: string; noticeId?: string }) {
      this.setData({ ticketId: query.ticketId ?? '', noticeId: query.noticeId ?? '' });
      void this.load();
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    async load() {
      const ref = this.data.noticeId ? { noticeId: this.data.noticeId } : { ticketId: this.data.ticketId };
      const r = await callFunction('contracts', 'notice', ref);
      if (r.code === 0) {
        this.show(r.data);
        return;
      }
      if (r.code !== 'CONTRACT.NOTICE_NOT_FOUND' || !this.data.ticketId) {
        this.setData({ status: 'error', errorText: contractMessage(r) });
        return;
      }
      // No notice on this finding yet: the form to issue one.
      const t = await tickets('detail', { ticketId: this.data.ticketId });
      if (t.code !== 0) {
        this.setData({ status: 'error', errorText: contractMessage(t) });
        return;
      }
      const ticket = t.data.ticket;
      const due = shanghaiParts(ticket.dueAt ?? new Date(Date.now() + 86_400_000).toISOString());
      this.setData({
        status: 'issue',
        finding: { no: ticket.no, zone: ticket.zoneName ?? '', clause: ticket.clauseCode ?? '', problem: ticket.description },
        dueDate: due.date,
        dueTime: due.time,
      });
    },
    show(n: NoticeView) {
      this.setData({
        status: 'view',
        noticeId: n._id,
        n: {
          no: n.no,
          state: STATE_LABELS[n.state],
          tone: STATE_TONES[n.state],
          contract: `${n.contractName}（${n.contractNo}）`,
          contractor: n.contractor,
          supervising: n.supervisingUnit,
          zone: n.zone,
          clause: n.clause,
          problem: `${n.problem}（工单 ${n.ticketNo}）`,
          note: n.note,
          due: shanghaiText(n.dueAt),
          issued: `${n.issuedBy ? `${n.issuedBy} ` : ''}${shanghaiText(n.issuedAt)}`,
          fixed: n.fixedAt ? shanghaiText(n.fixedAt) : '',
          cost: [n.lateFix.points > 0 ? `扣${n.lateFix.points}分` : '', n.lateFix.yuan > 0 ? `扣款${n.lateFix.yuan}元` : '']
            .filter(Boolean)
            .join('、'),
        },
      });
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value, formError: '' });
    },
    onDueDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ dueDate: String(e.detail.value), formError: '' });
    },
    onDueTime(e: WechatMiniprogram.PickerChange) {
      this.setData({ dueTime: String(e.detail.value), formError: '' });
    },
    async onIssue() {
      const d = this.data;
      if (d.busy) return;
      const note = d.note.trim();
      const dueAt = new Date(`${d.dueDate}T${d.dueTime}:00+08:00`);
      const hint = !note
        ? '请填写整改要求'
        : note.length > 300
          ? '整改要求最多 300 字'
          : Number.isNaN(dueAt.getTime())
            ? '请选择整改期限'
            : '';
      if (hint) {
        this.setData({ formError: hint });
        return;
      }
      this.setData({ busy: true, formError: '' });
      const payload: ContractsContract['issueNotice']['input'] = { ticketId: d.ticketId, dueAt: dueAt.toISOString(), note };
      const r = await callFunction('contracts', 'issueNotice', payload);
      if (r.code !== 0) {
        this.setData({ busy: false, formError: contractMessage(r) });
        return;
      }
      wx.showToast({ title: `已下发 ${r.data.no}`, icon: 'success' });
      this.setData({ busy: false, noticeId: r.data.noticeId });
      await this.load();
    },
    async onWord() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const r = await callFunction('contracts', 'noticeDocx', { noticeId: this.data.noticeId });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ busy: false });
        wx.showToast({ title: r.code !== 0 ? contractMessage(r) : '文件暂时无法下载，请稍后重试', icon: 'none' });
        return;
      }
      await openRemoteDocument(r.data.url, 'docx');
      this.setData({ busy: false });
    },
  },
});
