/**
 * One contract's monthly assessment: the score, grade and payable amount; every line with what it is, its
 * points and yuan and the tickets behind it; how the payment was computed; and the sign-off chain
 * (supervising unit → office) with the buttons the caller may press. A return needs a reason.
 */
import type { SignoffEvent } from '../../../../shared/contracts/signoff.machine';
import { callFunction } from '../../../services/api';
import { openRemoteDocument } from '../../../services/documents';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { contractMessage, GRADE_LABELS, GRADE_TONES, monthText, SIGNOFF_LABELS, yuanText } from '../labels';

type Line = { label: string; note: string; points: string; yuan: string; tickets: string; tone: string };
const EVENT_TEXT: Record<SignoffEvent, string> = { sign: '监管单位签字', approve: '总务部审定', return: '退回' };
const BUTTON_TEXT: Record<SignoffEvent, string> = { sign: '签字确认', approve: '审定通过', return: '退回重算' };

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    month: '',
    contractId: '',
    title: '',
    sub: '',
    score: '',
    grade: '',
    tone: '',
    payable: '',
    scores: '',
    flag: '',
    lines: [] as Line[],
    steps: [] as Array<{ label: string; amount: string }>,
    signoff: '',
    history: [] as Array<{ text: string }>,
    buttons: [] as Array<{ event: SignoffEvent; text: string; ghost: boolean }>,
    returning: false,
    note: '',
    noteError: '',
    busy: false,
  },
  methods: {
    onLoad(query: { month?: string; contractId?: string }) {
      this.setData({ month: query.month ?? '', contractId: query.contractId ?? '' });
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const r = await callFunction('contracts', 'assessment', {
        month: this.data.month,
        contractId: this.data.contractId,
      });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: contractMessage(r) });
        return;
      }
      const a = r.data.assessment;
      this.setData({
        status: 'ready',
        title: a.contractName,
        sub: `${a.contractNo} · ${monthText(a.month)}`,
        score: a.score.toFixed(1),
        grade: GRADE_LABELS[a.grade],
        tone: GRADE_TONES[a.grade],
        payable: yuanText(a.payment.payableFen),
        scores: `管理方 ${a.supervisorScore} 分（${a.weights.supervisor}%）· 服务对象 ${a.recipientScore ?? '无评价'}${a.recipientScore === null ? '' : ' 分'}（${a.weights.recipient}%）`,
        flag: a.belowPassTwice ? '连续两个月低于合格分' : a.belowPass ? '本月低于合格分' : '',
        lines: a.lines
          .filter((l) => l.kind !== 'weighting')
          .map((l) => ({
            label: l.label,
            note: l.note,
            points: l.points === 0 ? '' : `${l.points > 0 ? '+' : ''}${l.points}分`,
            yuan: l.fen === 0 ? '' : yuanText(l.fen),
            tickets: l.ticketNos.join('、'),
            tone: l.points < 0 || l.fen < 0 ? 'danger' : 'muted',
          })),
        steps: a.payment.steps.map((s) => ({ label: s.label, amount: yuanText(s.fen) })),
        signoff: r.data.current ? SIGNOFF_LABELS[r.data.signoff.state] : '历史批次（已重新计算）',
        history: r.data.signoff.history.map((h) => ({
          text: `${EVENT_TEXT[h.event]}：${h.byName}，${h.at.slice(0, 10)}${h.note ? `，${h.note}` : ''}`,
        })),
        buttons: r.data.can.map((e) => ({ event: e, text: BUTTON_TEXT[e], ghost: e === 'return' })),
        returning: false,
        note: '',
      });
    },
    onButton(e: WechatMiniprogram.TouchEvent) {
      const event = e.currentTarget.dataset.event as SignoffEvent;
      if (event === 'return') {
        this.setData({ returning: true, noteError: '' });
        return;
      }
      void this.send(event);
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value, noteError: '' });
    },
    onConfirmReturn() {
      if (this.data.note.trim().length === 0) {
        this.setData({ noteError: '请填写退回理由' });
        return;
      }
      void this.send('return');
    },
    /** The sheet as a Word document, opened in WeChat's viewer to print and sign. */
    async onWord() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const r = await callFunction('contracts', 'sheetDocx', {
        month: this.data.month,
        contractId: this.data.contractId,
      });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ busy: false });
        wx.showToast({ title: r.code !== 0 ? contractMessage(r) : '文件暂时无法下载，请稍后重试', icon: 'none' });
        return;
      }
      await openRemoteDocument(r.data.url, 'docx');
      this.setData({ busy: false });
    },
    async send(event: SignoffEvent) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const payload = {
        month: this.data.month,
        contractId: this.data.contractId,
        event,
        ...(event === 'return' ? { note: this.data.note.trim() } : {}),
      };
      const r = await callFunction('contracts', 'signoff', payload);
      this.setData({ busy: false });
      if (r.code !== 0) {
        wx.showToast({ title: contractMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: event === 'return' ? '已退回' : '已签字', icon: 'success' });
      await this.load();
    },
  },
});
