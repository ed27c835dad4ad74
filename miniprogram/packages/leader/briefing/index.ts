/**
 * One briefing (巡查简报 第N期), readable on a phone: headline figures, counts by severity, category and unit
 * as bars, rectification and the on-time rate, repeat offenders, positive examples and the selected items
 * with their before/after photos. Opens the Word document and the Excel workbook with `wx.openDocument` (from where
 * they can be sent on in WeChat); the printable page is HTML, which a phone cannot print, so its link is copied.
 */
import { callFunction } from '../../../services/api';
import { briefingMessage, percent, periodLabel, shanghaiDay } from '../../../services/briefing.format';
import { openRemoteDocument } from '../../../services/documents';
import { categoryName, SEVERITY_LABELS, STATE_LABELS } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import type { BriefingView, BriefingItem as ItemRow, Severity } from '../../../shared/contract';

export type { BriefingView };

type Bar = { key: string; label: string; n: number; width: number; tone: string };
type Item = {
  key: string;
  index: number;
  place: string;
  category: string;
  severity: string;
  tone: string;
  repeat: boolean;
  notRectified: boolean;
  overdue: boolean;
  state: string;
  description: string;
  cause: string;
  meta: string;
  before: string[];
  after: string[];
};

/** Items and positive examples are revealed this many at a time, appended by path (a briefing may list 100). */
export const CHUNK = 10;
const FIRST_POSITIVES = 5;
const SEVERITY_TONES: Record<Severity, string> = { critical: 'danger', major: 'warn', minor: 'info' };

const own = privateState(() => ({ items: [] as Item[], positives: [] as Item[] }));

function bars(rows: Array<{ key: string; n: number }>, label: (k: string) => string, tone = 'info'): Bar[] {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return rows.map((r) => ({ key: r.key, label: label(r.key), n: r.n, width: Math.max(2, Math.round((r.n / max) * 100)), tone }));
}

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    no: 0,
    head: null as null | { name: string; title: string; period: string; draft: boolean; date: string },
    figures: null as null | Record<string, string | number>,
    severity: [] as Bar[],
    byCategory: [] as Bar[],
    byUnit: [] as Bar[],
    repeats: [] as Array<{ key: string; place: string; category: string; count: number }>,
    positives: [] as Item[],
    positivesTotal: 0,
    items: [] as Item[],
    itemsTotal: 0,
    exporting: '',
  },
  methods: {
    onLoad(options: { no?: string }) {
      this.setData({ no: Number(options.no) || 0 });
      void this.load();
    },
    ...RELOAD_METHODS,
    onReachBottom() {
      this.onMoreItems();
    },
    async load() {
      if (!this.data.head) this.setData({ status: 'loading' });
      const r = await callFunction('briefings', 'view', { no: this.data.no });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: briefingMessage(r) });
        return;
      }
      const { briefing: b, names, photoUrls } = r.data;
      const c = b.content;
      const unit = (k: string) => names.unit[k] ?? k;
      const zone = (k: string) => names.zone[k] ?? k;
      const category = (k: string) => names.category[k] ?? categoryName(k);
      const urls = (files: string[]) => files.map((f) => photoUrls[f] ?? '').filter(Boolean);
      const toItem = (i: ItemRow, k: number): Item => ({
        key: i.ticketId,
        index: k + 1,
        place: `${unit(i.unitId)} · ${zone(i.zoneId)}`,
        category: category(i.categoryCode),
        severity: SEVERITY_LABELS[i.severity] ?? i.severity,
        tone: SEVERITY_TONES[i.severity] ?? 'muted',
        repeat: i.repeat,
        notRectified: i.notRectified === true,
        overdue: i.overdue === true,
        state: STATE_LABELS[i.state as keyof typeof STATE_LABELS] ?? i.state,
        description: i.description,
        cause: i.cause ?? '',
        meta: `${i.no} · 发现 ${shanghaiDay(i.createdAt)}${i.rectifiedAt ? ` · 整改 ${shanghaiDay(i.rectifiedAt)}` : ''}`,
        before: urls(i.photos),
        after: urls(i.afterPhotos),
      });
      const st = own(this);
      st.items = c.items.map(toItem);
      st.positives = c.positives.map(toItem);
      const rect = c.rectification;
      this.setData({
        status: 'ready',
        head: {
          name: `巡查简报 第${b.no}期`,
          title: b.title,
          period: periodLabel(b.period),
          draft: b.status === 'draft',
          date: shanghaiDay(b.status === 'published' ? b.publishedAt : b.createdAt),
        },
        figures: {
          problems: c.totals.problems,
          closed: rect.closed,
          open: rect.open,
          cancelled: rect.cancelled,
          rate: percent(rect.rate),
          onTime: rect.onTime,
          eligible: rect.eligible,
          positives: c.totals.positives,
          closedText: `已整改 ${rect.closed} 个，尚在整改 ${rect.open} 个${rect.cancelled ? `，撤销 ${rect.cancelled} 个` : ''}`,
          onTimeText: `按时整改 ${rect.onTime} / ${rect.eligible} 个，按时整改率 ${percent(rect.rate)}`,
          closedWidth: c.totals.problems > 0 ? Math.round((rect.closed / c.totals.problems) * 100) : 0,
        },
        severity: (['critical', 'major', 'minor'] as const).map((s) => ({
          ...bars([{ key: s, n: c.bySeverity[s] }], () => SEVERITY_LABELS[s], SEVERITY_TONES[s])[0],
          width: Math.max(2, Math.round((c.bySeverity[s] / Math.max(1, c.totals.problems)) * 100)),
        })),
        byCategory: bars(c.byCategory, category),
        byUnit: bars(c.byUnit, unit),
        repeats: c.repeatOffenders.map((o) => ({
          key: `${o.zoneId}|${o.categoryCode}|${o.unitId}`,
          place: `${unit(o.unitId)} · ${zone(o.zoneId)}`,
          category: category(o.categoryCode),
          count: o.count,
        })),
        positives: st.positives.slice(0, FIRST_POSITIVES),
        positivesTotal: st.positives.length,
        items: st.items.slice(0, CHUNK),
        itemsTotal: st.items.length,
      });
    },
    /** Appends the next items by path. */
    onMoreItems() {
      const { items } = own(this);
      const start = this.data.items.length;
      if (this.data.status !== 'ready' || start >= items.length) return;
      const patch: Record<string, unknown> = {};
      items.slice(start, start + CHUNK).forEach((it, k) => {
        patch[`items[${start + k}]`] = it;
      });
      this.setData(patch);
    },
    onMorePositives() {
      const { positives } = own(this);
      const start = this.data.positives.length;
      if (start >= positives.length) return;
      const patch: Record<string, unknown> = {};
      positives.slice(start, start + CHUNK).forEach((it, k) => {
        patch[`positives[${start + k}]`] = it;
      });
      this.setData(patch);
    },
    onPreview(e: WechatMiniprogram.TouchEvent) {
      const { urls, src } = e.currentTarget.dataset as { urls: string[]; src: string };
      wx.previewImage({ urls, current: src });
    },
    /** The Word document (laid out as the printed bulletin): opened in WeChat's viewer, from where it can be sent on. */
    onWord() {
      return this.openExport('docx');
    },
    /** The Excel workbook of the items: downloaded and opened in WeChat's document viewer. */
    onExcel() {
      return this.openExport('xlsx');
    },
    /** Makes an export in the cloud, downloads it and opens it with `wx.openDocument` (its menu forwards it in WeChat). */
    async openExport(format: 'docx' | 'xlsx') {
      if (this.data.exporting) return;
      this.setData({ exporting: format });
      const r = await callFunction('briefings', 'exportFile', {
        no: this.data.no,
        format,
      });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ exporting: '' });
        wx.showToast({ title: r.code !== 0 ? briefingMessage(r) : '文件生成失败，请重试', icon: 'none' });
        return;
      }
      await openRemoteDocument(r.data.url, format);
      this.setData({ exporting: '' });
    },
    /** The printable page (A4 HTML): its link is copied, to open and print in a computer's browser. */
    async onPrint() {
      if (this.data.exporting) return;
      this.setData({ exporting: 'html' });
      const r = await callFunction('briefings', 'exportFile', {
        no: this.data.no,
        format: 'html',
      });
      this.setData({ exporting: '' });
      if (r.code !== 0 || !r.data.url) {
        wx.showToast({ title: r.code !== 0 ? briefingMessage(r) : '文件生成失败，请重试', icon: 'none' });
        return;
      }
      wx.setClipboardData({
        data: r.data.url,
        success: () =>
          wx.showModal({
            title: '打印版链接已复制',
            content: '请在电脑浏览器中粘贴打开，再用浏览器的“打印”输出为纸质或 PDF。链接有效期有限，请尽快打开。',
            showCancel: false,
            confirmText: '知道了',
          }),
      });
    },
  },
});
