/**
 * Admin import of the existing ledger: pick the Excel sheet someone sent in a WeChat chat
 * (`wx.chooseMessageFile`), upload it, see the preview with every row's problems, and import only when the
 * admin confirms (a sheet with errors imports nothing). A re-import updates assets by tag.
 */
import { uploadPhoto } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { assetMessage, assetsCall, rowMessage } from '../assets.text';

const own = privateState(() => ({ importId: '' }));
/** Row errors shown on the page at most (the count is always exact). */
const SHOWN = 100;

function chooseSheet(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['xlsx'],
      success: (r) => resolve(r.tempFiles[0]?.path ?? null),
      fail: () => resolve(null),
    });
  });
}

Component({
  data: {
    step: 'pick' as 'pick' | 'working' | 'preview' | 'done',
    working: '',
    errorText: '',
    summary: null as null | { rows: number; valid: number; newCount: number; updateCount: number; errorCount: number },
    errors: [] as Array<{ key: string; text: string }>,
    result: '',
  },
  methods: {
    onLoad() {},
    async onPick() {
      const path = await chooseSheet();
      if (!path) return;
      this.setData({ step: 'working', working: '正在上传…', errorText: '' });
      const where = await assetsCall('importPath');
      if (where.code !== 0) return this.fail(assetMessage(where));
      const up = await uploadPhoto(path, where.data.cloudPath);
      if (up.code !== 0) return this.fail('文件上传失败，请重试');
      this.setData({ working: '正在检查表格…' });
      const r = await assetsCall('importPreview', { fileID: up.data.fileID });
      if (r.code !== 0) return this.fail(assetMessage(r));
      own(this).importId = r.data.importId;
      this.setData({
        step: 'preview',
        summary: {
          rows: r.data.rows,
          valid: r.data.valid,
          newCount: r.data.newCount,
          updateCount: r.data.updateCount,
          errorCount: r.data.errorCount,
        },
        errors: r.data.errors
          .slice(0, SHOWN)
          .map((e) => ({ key: `${e.row}-${e.column}`, text: `第 ${e.row} 行「${e.column}」：${rowMessage(e.code)}` })),
      });
    },
    fail(text: string) {
      this.setData({ step: 'pick', errorText: text });
    },
    async onConfirm() {
      if (!this.data.summary || this.data.summary.errorCount > 0) return;
      this.setData({ step: 'working', working: '正在导入…' });
      const r = await assetsCall('importConfirm', { importId: own(this).importId });
      if (r.code !== 0) {
        this.setData({ step: 'preview', errorText: assetMessage(r) });
        return;
      }
      this.setData({ step: 'done', result: `导入完成：新增 ${r.data.created} 件，更新 ${r.data.updated} 件` });
    },
    onAgain() {
      own(this).importId = '';
      this.setData({ step: 'pick', summary: null, errors: [], result: '', errorText: '' });
    },
  },
});
