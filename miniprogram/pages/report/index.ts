/**
 * The QR landing page, built for a lunch queue: a zone's code opens it with `scene`, which is checked at once
 * (a disabled or unknown code gets a clear page, not a form). Stars come first: a rating is two taps (a star,
 * then 提交). A problem is a category the admin shows to reporters, a quick phrase or a few words, and photos;
 * the words are optional when a category and a photo say enough. The submit bar is always on screen. Works
 * for a first-time user without any setup; staff never see who reported.
 */
import { requestSubscribe, tickets, zoneByScene } from '../../services/api';
import { type CategoryItem, forReporters, knownCategories, loadCategories } from '../../services/categories';
import { QUICK_PHRASES } from '../../services/checklists';
import { LIMITS } from '../../services/format';
import { uuid } from '../../services/ids';
import { privateState } from '../../services/instance';
import { CLIENT_ERRORS, messageOf } from '../../services/reply';
import { cachedRoles } from '../../services/session';
import { type InputOf, sceneOfScan } from '../../shared/contract';

const own = privateState(() => ({ requestId: '', categoriesAsked: false }));

/** What the grid renders of a category. */
const gridOf = (items: readonly CategoryItem[]) => forReporters(items).map(({ code, name, icon }) => ({ code, name, icon }));

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
    zonePath: '',
    zoneStatus: 'loading' as 'loading' | 'ready' | 'unknown' | 'offline' | 'none',
    categories: [] as Array<{ code: string; name: string; icon: string }>,
    category: '',
    phrases: [] as readonly string[],
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
      // An inspector scanning a poster is on patrol: the code opens the patrol form for that zone.
      if (options.as !== 'reporter' && cachedRoles()?.includes('inspector')) {
        wx.redirectTo({ url: `/packages/inspector/patrol/index?scene=${encodeURIComponent(scene)}` });
        return;
      }
      void this.loadZone(scene);
    },
    async loadZone(scene: string) {
      this.setData({ scene, zoneStatus: 'loading' });
      const r = await zoneByScene(scene);
      if (r.code === 0) this.setData({ zoneName: r.data.name, zonePath: (r.data.pathNames ?? []).join(' · '), zoneStatus: 'ready' });
      else this.setData({ zoneStatus: r.code === CLIENT_ERRORS.NETWORK ? 'offline' : 'unknown' });
      // After the zone, not alongside it: a first-time local-mode user gets one device identity, not two.
      if (r.code === 0 && !own(this).categoriesAsked) {
        own(this).categoriesAsked = true;
        await this.refreshCategories();
      }
    },
    onRetryZone() {
      void this.loadZone(this.data.scene);
    },
    /** Loads the configured categories (the known ones stay when the call fails). */
    async refreshCategories() {
      const { items, fresh } = await loadCategories();
      if (!fresh) return;
      const grid = gridOf(items);
      const keep = grid.some((c) => c.code === this.data.category);
      this.setData({ categories: grid, ...(keep ? {} : { category: '', phrases: [] }) });
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        success: (res) => {
          const scene = sceneOfScan(res);
          if (scene) void this.loadZone(scene);
          else wx.showToast({ title: '不是场所二维码', icon: 'none' });
        },
      });
    },
    onCategory(e: WechatMiniprogram.TouchEvent) {
      const code = String(e.currentTarget.dataset.code);
      const category = code === this.data.category ? '' : code;
      this.setData({ category, phrases: category ? (QUICK_PHRASES[category] ?? []) : [], error: '' });
    },
    onPhrase(e: WechatMiniprogram.TouchEvent) {
      const phrase = String(e.currentTarget.dataset.text);
      const text = this.data.text.trim();
      this.setData({ text: text ? `${text}，${phrase}` : phrase, error: '' });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value, error: '' });
    },
    onRating(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ rating: e.detail.value, error: '' });
    },
    onPhotos(e: WechatMiniprogram.CustomEvent<{ fileIDs: string[]; uploading: boolean; failed?: boolean }>) {
      this.setData({
        fileIDs: e.detail.fileIDs,
        uploading: e.detail.uploading,
        error: e.detail.failed ? '有照片没传上去，点照片重试；填写的内容都还在' : '',
      });
    },
    /** The payload to send, or a zh-CN hint of what is missing. */
    payload(): { ok: true; value: InputOf<'tickets', 'createReport'> } | { ok: false; hint: string } {
      const d = this.data;
      const rating = d.rating > 0 ? d.rating : undefined;
      const typed = d.text.trim();
      const requestId = own(this).requestId;
      // Shapes of shared/tickets/ticket.requests.schema.ts (RatingOnlyRequest, CreateReportRequest); the server
      // parses them again. zod itself stays out of the package: its classic build is ~450 KB minified.
      if (!d.category && !typed && rating) return { ok: true, value: { requestId, sceneId: d.scene, rating } };
      if (!d.category) return { ok: false, hint: typed ? '请选择问题类型' : '请先打分，或选择要反馈的问题' };
      const name = d.categories.find((c) => c.code === d.category)?.name ?? '';
      // A category and a photo say enough: the description names what the photo shows.
      const text = typed || (d.fileIDs.length > 0 ? `${name}（见照片）` : '');
      if (!text) return { ok: false, hint: '请点一个常见问题、写几个字，或拍张照片' };
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
      const subscribed = 'categoryCode' in p.value ? requestSubscribe(['rectified']) : Promise.resolve([]);
      const r = await tickets('createReport', p.value);
      await subscribed;
      if (r.code !== 0) {
        // Everything typed stays, and the request id too: resending cannot create a second ticket.
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
    onMine() {
      wx.switchTab({ url: '/pages/my-reports/index' });
    },
    onAnother() {
      own(this).requestId = uuid();
      this.setData({ done: false, category: '', phrases: [], text: '', rating: 0, error: '' });
    },
  },
});
