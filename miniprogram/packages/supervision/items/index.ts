/**
 * 督办事项: the office sees every open (or closed) item, a unit manager the items of their units; each with
 * its number, lead unit, deadline and a red / amber / green mark by time used. Tabs to the cases and agenda.
 */
import { callFunction } from '../../../services/api';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { dateOf, ITEM_STATE_LABELS, RAG_LABELS, RAG_TONES, supervisionMessage } from '../labels';

type Scope = 'open' | 'closed' | 'mine';
type Row = {
  id: string;
  no: string;
  title: string;
  lead: string;
  deadline: string;
  state: string;
  rag: string;
  tone: string;
  used: string;
};

Component({
  data: { status: 'loading' as 'loading' | 'ready' | 'error', errorText: '', scope: 'open' as Scope, items: [] as Row[] },
  methods: {
    onLoad(query: { scope?: Scope } = {}) {
      this.setData({ scope: query.scope ?? 'open' });
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      this.setData({ status: 'loading' });
      const r = await callFunction('supervision', 'items', { scope: this.data.scope });
      if (r.code === 'SUPERVISION.NOT_PARTY' && this.data.scope !== 'mine') {
        // A unit manager sees the items of their own units.
        this.setData({ scope: 'mine' });
        await this.load();
        return;
      }
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: supervisionMessage(r) });
        return;
      }
      this.setData({
        status: 'ready',
        items: r.data.items.map((i) => ({
          id: i._id,
          no: i.no,
          title: i.title,
          lead: i.leadUnit,
          deadline: dateOf(new Date(Date.parse(i.deadline) - 1).toISOString()),
          state: ITEM_STATE_LABELS[i.state],
          rag: RAG_LABELS[i.rag],
          tone: RAG_TONES[i.rag],
          used: `已用时${Math.min(999, Math.round(i.used * 100))}%`,
        })),
      });
    },
    onScope(e: WechatMiniprogram.TouchEvent) {
      this.setData({ scope: e.currentTarget.dataset.scope as Scope });
      void this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/supervision/item/index?id=${e.currentTarget.dataset.id}` });
    },
    onCases() {
      wx.navigateTo({ url: '/packages/supervision/cases/index' });
    },
    onIssue() {
      wx.navigateTo({ url: '/packages/supervision/issue/index' });
    },
    onAgenda() {
      wx.navigateTo({ url: '/packages/supervision/agenda/index' });
    },
  },
});
