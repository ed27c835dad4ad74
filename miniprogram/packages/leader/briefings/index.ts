/** Leaders and managers: published briefings (巡查简报), newest first, 20 a page; tap one to read it. */
import { callFunction } from '../../../services/api';
import { type BriefingListItem, type BriefingRow, toListItem } from '../../../services/briefing.format';
import { LIST_DATA, LIST_METHODS, reload } from '../../../services/paged-list';

Component({
  data: { ...LIST_DATA },
  methods: {
    onLoad() {
      void reload(this);
    },
    ...LIST_METHODS,
    fetchPage(cursor: string | undefined) {
      return callFunction('briefings', 'list', cursor ? { cursor } : {});
    },
    toItem(row: BriefingRow): BriefingListItem {
      return toListItem(row);
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/leader/briefing/index?no=${e.currentTarget.dataset.no}` });
    },
  },
});
