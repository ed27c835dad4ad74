/**
 * 合同考核: a month's contract assessments (the month before this one at first), each with its score, grade,
 * payable amount, flags and sign-off state; tap one to read every line and sign it. Leaders and admins can
 * export the month to Excel.
 */
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { messageFor } from '../../../shared/contract';
import { contractMessage, GRADE_LABELS, GRADE_TONES, lastMonth, monthText, SIGNOFF_LABELS, yuanText } from '../labels';

type Row = {
  contractId: string;
  no: string;
  name: string;
  contractor: string;
  score: string;
  grade: string;
  tone: string;
  payable: string;
  flag: string;
  signoff: string;
};

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'empty' | 'error',
    errorText: '',
    month: '',
    monthText: '',
    canNext: false,
    items: [] as Row[],
    exporting: false,
  },
  methods: {
    onLoad(query: { month?: string } = {}) {
      const month = query.month && /^\d{4}-\d{2}$/.test(query.month) ? query.month : lastMonth(Date.now());
      this.setMonth(month);
    },
    ...RELOAD_METHODS,
    setMonth(month: string) {
      this.setData({ month, monthText: monthText(month), canNext: month < lastMonth(Date.now()) });
      void this.load();
    },
    onPrev() {
      this.setMonth(shift(this.data.month, -1));
    },
    onNext() {
      if (this.data.canNext) this.setMonth(shift(this.data.month, 1));
    },
    async load() {
      this.setData({ status: 'loading', items: [] });
      const r = await callFunction('contracts', 'results', { month: this.data.month });
      if (r.code === 'CONTRACT.NOT_ASSESSED') {
        this.setData({ status: 'empty', errorText: messageFor('CONTRACT.NOT_ASSESSED') });
        return;
      }
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: contractMessage(r) });
        return;
      }
      this.setData({
        status: r.data.items.length ? 'ready' : 'empty',
        errorText: r.data.items.length ? '' : '本月没有在期合同',
        items: r.data.items.map((a) => ({
          contractId: a.contractId,
          no: a.contractNo,
          name: a.contractName,
          contractor: a.contractor,
          score: a.score.toFixed(1),
          grade: GRADE_LABELS[a.grade],
          tone: GRADE_TONES[a.grade],
          payable: yuanText(a.payableFen),
          flag: a.belowPassTwice ? '连续两月低于合格分' : a.belowPass ? '低于合格分' : '',
          signoff: SIGNOFF_LABELS[a.signoff],
        })),
      });
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/contracts/assessment/index?month=${this.data.month}&contractId=${e.currentTarget.dataset.id}` });
    },
    onContracts() {
      wx.navigateTo({ url: '/packages/contracts/list/index' });
    },
    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      const r = await callFunction('contracts', 'exportMonth', { month: this.data.month });
      this.setData({ exporting: false });
      if (r.code !== 0) {
        wx.showToast({ title: contractMessage(r), icon: 'none' });
        return;
      }
      wx.setClipboardData({ data: r.data.url ?? '' });
      wx.showToast({ title: '下载链接已复制', icon: 'success' });
    },
  },
});
