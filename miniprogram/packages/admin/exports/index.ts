/**
 * Admin: a scored month's results from the phone — the 目标管理考核 workbook (opened with `wx.openDocument`, from
 * where it can be sent on in WeChat) and a recompute with its reason, with every run's who, when and why.
 */

import { callFunction } from '../../../services/api';
import { openRemoteDocument } from '../../../services/documents';
import { type MessageOverrides, messageOf } from '../../../services/reply';
import { asShanghaiWall, type ReplyOf } from '../../../shared/contract';

type Period = ReplyOf<'stats', 'rankingOptions'>['periods'][number];

/** This page's wording of two scoring codes; every other code has the contract's sentence. */
const OVERRIDES: MessageOverrides = {
  'SCORING.NOT_SCORED': '该月份还没有考核结果',
  'SCORING.STALE': '刚有人重算了该月份，请刷新后再试',
};
const message = (r: { code: string | 0 }) => messageOf(r, OVERRIDES);
const periodText = (p: string) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`;
const timeText = (iso: string) => {
  const d = asShanghaiWall(iso).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};
export const MIN_REASON = 4;

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    periods: [] as Period[],
    periodNames: [] as string[],
    index: 0,
    runs: [] as Array<{ key: string; when: string; reason: string; current: boolean }>,
    reason: '',
    reasonError: '',
    exporting: false,
    recomputing: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    async load() {
      const r = await callFunction('stats', 'rankingOptions', {});
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: message(r) });
        return;
      }
      const periods = r.data.periods;
      this.setData({
        status: 'ready',
        periods,
        periodNames: periods.map((p) => periodText(p.period)),
        index: Math.min(this.data.index, Math.max(0, periods.length - 1)),
      });
      if (periods.length > 0) await this.loadRuns();
    },
    async loadRuns() {
      const period = this.data.periods[this.data.index]?.period;
      if (!period) return;
      const r = await callFunction('scoring', 'result', { period, lines: false });
      if (r.code !== 0) {
        wx.showToast({ title: message(r), icon: 'none' });
        return;
      }
      this.setData({
        runs: [...r.data.runs].reverse().map((run) => ({
          key: run.runId,
          when: timeText(run.at),
          // The monthly timer's own run is recorded by 'system' (with an English note for the logs).
          reason: run.by === 'system' ? '月初自动考核' : run.reason,
          current: run.runId === r.data.runId,
        })),
      });
    },
    onPeriod(e: WechatMiniprogram.PickerChange) {
      this.setData({ index: Number(e.detail.value), runs: [] });
      void this.loadRuns();
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },
    /** The month's assessment workbook, made in the cloud, downloaded and opened. */
    async onExport() {
      const period = this.data.periods[this.data.index]?.period;
      if (!period || this.data.exporting) return;
      this.setData({ exporting: true });
      const r = await callFunction('scoring', 'assessmentExport', { period });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ exporting: false });
        wx.showToast({ title: r.code !== 0 ? message(r) : '文件生成失败，请重试', icon: 'none' });
        return;
      }
      const url = r.data.url;
      await openRemoteDocument(url, 'xlsx');
      this.setData({ exporting: false });
    },
    /** Recomputes the month after a confirmation; the reason is recorded with who and when. */
    onRecompute() {
      const period = this.data.periods[this.data.index]?.period;
      if (!period || this.data.recomputing) return;
      const reason = this.data.reason.trim();
      if (reason.length < MIN_REASON) {
        this.setData({ reasonError: `请写明重算原因（至少 ${MIN_REASON} 个字）` });
        return;
      }
      wx.showModal({
        title: `重算${periodText(period)}考核？`,
        content: '将按当时适用的规则重新计算各单位得分，原结果保留可查。',
        confirmText: '确认重算',
        success: (res) => {
          if (res.confirm) void this.recompute(period, reason);
        },
      });
    },
    async recompute(period: string, reason: string) {
      this.setData({ recomputing: true });
      const r = await callFunction('scoring', 'recompute', { period, reason });
      this.setData({ recomputing: false });
      if (r.code !== 0) {
        this.setData({ reasonError: message(r) });
        return;
      }
      wx.showToast({ title: '已重算', icon: 'success' });
      this.setData({ reason: '' });
      await this.load();
    },
  },
});
