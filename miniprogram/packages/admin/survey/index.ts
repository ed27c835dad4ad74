/**
 * Admin: one survey (意见征集). Its results per question from the maintained aggregate (rating: mean and the
 * distribution of stars; choice: counts per option; text: how many wrote, and the latest answers, 20 a page),
 * its QR code once open, and the lifecycle actions: edit or open a draft, close an open survey.
 */

import { privateState } from '../../../services/instance';
import { periodText, STATUS_LABELS, STATUS_TONES, type SurveyStatus, surveyMessage, surveys } from '../../../services/surveys.view';
import { type QuestionResult, shanghaiDayTimeZh, type TextRow } from '../../../shared/contract';

type Bar = { label: string; count: number; pct: number };
type QuestionView = { id: string; kind: string; title: string; n: number; satisfaction: boolean; meanText: string; bars: Bar[] };
type TextItem = { id: string; time: string; lines: Array<{ key: string; title: string; text: string; flagged: boolean }> };

const own = privateState(() => ({ id: '', cursor: null as string | null, loaded: false }));

const pct = (share: number) => Math.round(share * 100);

/** `2032-03-10T04:05:00Z` → `3月10日 12:05` (Shanghai). */
const timeText = (iso: string): string => shanghaiDayTimeZh(iso);

const questionView = (q: QuestionResult): QuestionView => ({
  id: q.id,
  kind: q.kind,
  title: q.title,
  n: q.n,
  satisfaction: q.kind === 'rating' && q.satisfaction,
  meanText: q.kind === 'rating' && q.mean !== null ? q.mean.toFixed(2) : '—',
  bars:
    q.kind === 'rating'
      ? q.distribution.map((d) => ({ label: `${d.value} 星`, count: d.count, pct: pct(d.share) }))
      : q.kind === 'choice'
        ? q.options.map((o) => ({ label: o.label, count: o.count, pct: pct(o.share) }))
        : [],
});

const textItem = (r: TextRow): TextItem => ({
  id: r._id,
  time: timeText(r.at),
  lines: r.texts.map((t) => ({ key: t.questionId, title: t.title, text: t.text, flagged: t.flagged })),
});

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    survey: { title: '', intro: '', place: '', period: '', status: 'draft' as SurveyStatus, statusLabel: '', tone: '' },
    responses: 0,
    questions: [] as QuestionView[],
    texts: [] as TextItem[],
    textsStatus: 'ready' as 'loading' | 'ready' | 'error',
    textsLoadingMore: false,
    textsMoreError: false,
    textsEnded: true,
    qr: { status: 'none' as 'none' | 'loading' | 'ready' | 'error', url: '', error: '' },
    acting: false,
  },
  pageLifetimes: {
    show() {
      // Back from editing the draft: show the saved version.
      if (own(this).loaded) void this.load();
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      own(this).id = options.id ?? '';
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      void this.moreTexts();
    },
    onRetry() {
      void this.load();
    },
    /**
     * The card an open survey is shared as (转发到班级群, or the menu's 转发): it opens the survey page for that
     * survey, as its QR code does. A draft or closed survey is shared as the app's home.
     */
    onShareAppMessage() {
      const { survey } = this.data;
      if (survey.status !== 'open') return { title: '后勤服务意见征集', path: '/pages/home/index' };
      return { title: `请参与：${survey.title}`, path: `/pages/survey/index?id=${encodeURIComponent(own(this).id)}` };
    },
    async load() {
      const st = own(this);
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const r = await surveys('results', { surveyId: st.id });
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: surveyMessage(r) });
        return;
      }
      const { survey: s, responses, questions, texts } = r.data;
      st.loaded = true;
      st.cursor = texts.nextCursor;
      this.setData({
        status: 'ready',
        survey: {
          title: s.title,
          intro: s.intro,
          place: s.zoneName ? `${s.unitName} · ${s.zoneName}` : s.unitName,
          period: periodText(s.from, s.to),
          status: s.status,
          statusLabel: STATUS_LABELS[s.status],
          tone: STATUS_TONES[s.status],
        },
        responses,
        questions: questions.map(questionView),
        texts: texts.items.map(textItem),
        textsStatus: 'ready',
        textsEnded: texts.nextCursor === null,
        textsMoreError: false,
      });
      if (s.status !== 'draft' && this.data.qr.status !== 'ready') void this.loadQr();
    },
    async loadQr() {
      this.setData({ 'qr.status': 'loading', 'qr.error': '' });
      const r = await surveys('qrCode', { surveyId: own(this).id });
      if (r.code !== 0 || !r.data.url) {
        this.setData({ 'qr.status': 'error', 'qr.error': r.code === 0 ? '二维码暂时无法显示' : surveyMessage(r) });
        return;
      }
      this.setData({ 'qr.status': 'ready', 'qr.url': r.data.url });
    },
    onQrRetry() {
      void this.loadQr();
    },
    onPreviewQr() {
      if (this.data.qr.url) wx.previewImage({ urls: [this.data.qr.url], current: this.data.qr.url });
    },
    /** The next page of text answers, appended by path. */
    async moreTexts() {
      const st = own(this);
      if (this.data.textsLoadingMore || this.data.textsEnded || !st.cursor) return;
      this.setData({ textsLoadingMore: true, textsMoreError: false });
      const r = await surveys('texts', { surveyId: st.id, cursor: st.cursor });
      if (r.code !== 0) {
        this.setData({ textsLoadingMore: false, textsMoreError: true });
        return;
      }
      const start = this.data.texts.length;
      const patch: Record<string, unknown> = { textsLoadingMore: false, textsEnded: r.data.nextCursor === null };
      r.data.items.forEach((row, i) => {
        patch[`texts[${start + i}]`] = textItem(row);
      });
      st.cursor = r.data.nextCursor;
      this.setData(patch);
    },
    onEdit() {
      wx.navigateTo({ url: `/packages/admin/surveys/index?edit=${own(this).id}` });
    },
    onOpen() {
      void this.act('open', '开始征集？', '开始后题目不能再修改，扫码即可填写。', '已开始征集');
    },
    onClose() {
      void this.act('close', '结束征集？', '结束后不再接受新的回复，结果会保留。', '已结束征集');
    },
    async act(action: 'open' | 'close', title: string, content: string, done: string) {
      if (this.data.acting) return;
      const confirmed = await new Promise<boolean>((resolve) =>
        wx.showModal({ title, content, success: (res) => resolve(res.confirm), fail: () => resolve(false) }),
      );
      if (!confirmed) return;
      this.setData({ acting: true });
      const r = await surveys(action, { surveyId: own(this).id });
      this.setData({ acting: false });
      if (r.code !== 0) {
        wx.showToast({ title: surveyMessage(r), icon: 'none' });
        return;
      }
      wx.showToast({ title: done, icon: 'success' });
      await this.load();
    },
  },
});
