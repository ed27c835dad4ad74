/**
 * The QR landing page: a zone's code opens it with `scene` (the zone's scene id). A reporter picks a
 * category, writes what is wrong, adds up to six photos and optionally a star rating, and submits; or only
 * rates. Works for a first-time user without any setup; staff never see who reported.
 */
import { CONFIG } from '../../config';
import { requestSubscribe, tickets, zoneByScene } from '../../services/api';
import { type CategoryItem, knownCategories, loadCategories } from '../../services/categories';
import { LIMITS } from '../../services/format';
import { uuid } from '../../services/ids';
import { privateState } from '../../services/instance';
import { messageOf } from '../../services/reply';
import type { InputOf } from '../../shared/contract';

const own = privateState(() => ({ requestId: '', categoriesAsked: false }));

/** What the grid renders of a category. */
const gridOf = (items: readonly CategoryItem[]) => items.map(({ code, name, icon }) => ({ code, name, icon }));

const OUTCOME_TEXT: Record<string, string> = {
  created: '已提交，工作人员会尽快处理',
  joined: '该问题已有人反馈，已为你加入跟进',
  held: '已提交，内容审核后处理',
  feedback: '感谢你的评价',
};

Component({
  data: {
    scene: '',
    zoneName: '',
    zoneStatus: 'loading' as 'loading' | 'ready' | 'unknown' | 'none',
    categories: [] as Array<{ code: string; name: string; icon: string }>,
    category: '',
    text: '',
    rating: 0,
    fileIDs: [] as string[],
    uploading: false,
    submitting: false,
    error: '',
    done: false,
    outcomeText: '',
    ticketNo: '',
    ticketId: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      // A QR code opens the page with `scene`, URL-encoded; a link inside the app passes `sceneId`.
      const scene = decodeURIComponent(options.scene ?? options.sceneId ?? '');
      own(this).requestId = uuid();
      // The categories known so far show at once; the configured ones replace them once loaded.
      this.setData({ categories: gridOf(knownCategories()) });
      if (!scene) {
        this.setData({ zoneStatus: 'none' });
        return;
      }
      void this.loadZone(scene);
    },
    async loadZone(scene: string) {
      this.setData({ scene, zoneStatus: 'loading' });
      const r = await zoneByScene(scene);
      if (r.code === 0) this.setData({ zoneName: r.data.name, zoneStatus: 'ready' });
      else this.setData({ zoneStatus: 'unknown' });
      // After the zone, not alongside it: a first-time local-mode user gets one device identity, not two.
      if (!own(this).categoriesAsked) {
        own(this).categoriesAsked = true;
        await this.refreshCategories();
      }
    },
    /** Loads the configured categories (the known ones stay when the call fails). */
    async refreshCategories() {
      const { items, fresh } = await loadCategories();
      if (!fresh) return;
      const keep = items.some((c) => c.code === this.data.category);
      this.setData({ categories: gridOf(items), ...(keep ? {} : { category: '' }) });
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        success: (res) => {
          const m = /scene=([A-Za-z0-9_%-]+)/.exec(res.path ?? '') ?? /^([A-Za-z0-9_-]{1,32})$/.exec(res.result ?? '');
          if (m) void this.loadZone(decodeURIComponent(m[1]));
          else wx.showToast({ title: '不是场所二维码', icon: 'none' });
        },
      });
    },
    onCategory(e: WechatMiniprogram.TouchEvent) {
      const code = String(e.currentTarget.dataset.code);
      this.setData({ category: code === this.data.category ? '' : code, error: '' });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value, error: '' });
    },
    onRating(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ rating: e.detail.value, error: '' });
    },
    onPhotos(e: WechatMiniprogram.CustomEvent<{ fileIDs: string[]; uploading: boolean }>) {
      this.setData({ fileIDs: e.detail.fileIDs, uploading: e.detail.uploading });
    },
    /** The payload to send, or a zh-CN hint of what is missing. */
    payload(): { ok: true; value: InputOf<'tickets', 'createReport'> } | { ok: false; hint: string } {
      const d = this.data;
      const rating = d.rating > 0 ? d.rating : undefined;
      const text = d.text.trim();
      const requestId = own(this).requestId;
      // Shapes of shared/tickets/ticket.requests.schema.ts (RatingOnlyRequest, CreateReportRequest); the server
      // parses them again. zod itself stays out of the package: its classic build is ~450 KB minified.
      if (!d.category && !text && rating) return { ok: true, value: { requestId, sceneId: d.scene, rating } };
      if (!d.category) return { ok: false, hint: '请选择问题类型' };
      if (!text) return { ok: false, hint: '请简单描述一下问题' };
      if (text.length > LIMITS.reportText) return { ok: false, hint: `描述最多 ${LIMITS.reportText} 字` };
      return {
        ok: true,
        value: { requestId, sceneId: d.scene, categoryCode: d.category, text, photos: d.fileIDs, ...(rating ? { rating } : {}) },
      };
    },
    async onSubmit() {
      if (this.data.submitting) return;
      if (this.data.uploading) {
        this.setData({ error: '照片还在上传，请稍候' });
        return;
      }
      const p = this.payload();
      if (!p.ok) {
        this.setData({ error: p.hint });
        return;
      }
      this.setData({ submitting: true, error: '' });
      // Must start inside the tap: WeChat only shows the subscription prompt in response to a user gesture.
      const subscribed = requestSubscribe([CONFIG.templates.rectified]);
      const r = await tickets('createReport', p.value);
      await subscribed;
      if (r.code !== 0) {
        // The request id is kept: resending after a network error cannot create a second ticket.
        this.setData({ submitting: false, error: messageOf(r) });
        return;
      }
      const res = r.data;
      this.setData({
        submitting: false,
        done: true,
        outcomeText: OUTCOME_TEXT[res.outcome],
        ticketNo: res.outcome === 'feedback' ? '' : res.no,
        ticketId: res.outcome === 'feedback' ? '' : res.ticketId,
      });
    },
    onFollow() {
      wx.navigateTo({ url: `/pages/ticket/index?id=${this.data.ticketId}` });
    },
    onAnother() {
      own(this).requestId = uuid();
      this.setData({ done: false, category: '', text: '', rating: 0, error: '' });
    },
  },
});
