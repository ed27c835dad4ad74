/**
 * One ticket: what was reported, photos before and after, the timeline, and — for its reporter once it is
 * rectified — confirm or send back with a rating.
 */
import { tickets } from '../../services/api';
import { categoryName, EVENT_LABELS, formatTime, ROLE_LABELS, SEVERITY_LABELS, STATE_LABELS, STATE_TONES } from '../../services/format';
import { RELOAD_METHODS } from '../../services/paged-list';
import { messageOf } from '../../services/reply';

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    id: '',
    t: null as null | Record<string, unknown>,
    photos: [] as string[],
    after: [] as string[],
    timeline: [] as Array<{ time: string; title: string; note: string }>,
    canVerify: false,
    rating: 0,
    note: '',
    busy: false,
    actionError: '',
  },
  methods: {
    onLoad(options: { id?: string }) {
      this.setData({ id: options.id ?? '' });
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      if (!this.data.t) this.setData({ status: 'loading' });
      const r = await tickets('detail', { ticketId: this.data.id });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: messageOf(r) });
        return;
      }
      const { ticket: t, photoUrls } = r.data;
      const url = (f: string) => photoUrls[f] ?? '';
      this.setData({
        status: 'ready',
        t: {
          no: t.no,
          title: categoryName(t.categoryCode),
          description: t.description,
          stateLabel: t.kind === 'positive' ? '典型示范' : STATE_LABELS[t.state],
          tone: t.kind === 'positive' ? 'ok' : STATE_TONES[t.state],
          severityLabel: SEVERITY_LABELS[t.severity] ?? '',
          created: formatTime(t.createdAt),
          due: t.dueAt ? formatTime(t.dueAt) : '',
          rectNote: t.rectification?.note ?? '',
          rectCause: t.rectification?.cause ?? '',
        },
        photos: t.photos.map(url).filter(Boolean),
        after: (t.rectification?.afterPhotos ?? []).map(url).filter(Boolean),
        timeline: t.history
          .slice()
          .reverse()
          .map((h) => ({
            time: formatTime(h.at),
            title: `${ROLE_LABELS[h.role] ?? ''}${EVENT_LABELS[h.event] ?? h.event}`,
            note: h.note ?? '',
          })),
        canVerify: 'mine' in t && t.mine === true && t.state === 'rectified',
      });
    },
    onPreview(e: WechatMiniprogram.TouchEvent) {
      const list = e.currentTarget.dataset.list === 'after' ? this.data.after : this.data.photos;
      wx.previewImage({ urls: list, current: String(e.currentTarget.dataset.src) });
    },
    onRating(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ rating: e.detail.value });
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value, actionError: '' });
    },
    onApprove() {
      void this.verify(true);
    },
    onReject() {
      void this.verify(false);
    },
    async verify(approve: boolean) {
      if (this.data.busy) return;
      const note = this.data.note.trim();
      const payload = {
        ticketId: this.data.id,
        approve,
        ...(this.data.rating > 0 ? { rating: this.data.rating } : {}),
        ...(note ? { note } : {}),
      };
      // VerifyRequest: a rejection needs a note.
      if (!approve && !note) {
        this.setData({ actionError: '退回时请说明还有什么问题' });
        return;
      }
      this.setData({ busy: true, actionError: '' });
      const r = await tickets('verify', payload);
      this.setData({ busy: false });
      if (r.code !== 0) {
        this.setData({ actionError: messageOf(r) });
        return;
      }
      wx.showToast({ title: approve ? '已确认，感谢评价' : '已退回重改', icon: 'success' });
      this.setData({ note: '', rating: 0 });
      await this.load();
    },
  },
});
