/**
 * Up to `max` photos, taken or picked compressed, uploaded to cloud storage at once with progress.
 * Emits `change` { fileIDs, uploading } whenever the set of uploaded files or the upload state changes.
 */
import { uploadPhoto } from '../../services/api';
import { photoPath } from '../../services/ids';

type Photo = { path: string; progress: number; fileID: string; failed: boolean };

Component({
  externalClasses: ['ext-class'],
  properties: {
    max: { type: Number, value: 6 },
    prefix: { type: String, value: 'tickets' },
  },
  data: { photos: [] as Photo[] },
  methods: {
    onAdd() {
      const room = this.data.max - this.data.photos.length;
      if (room <= 0) return;
      wx.chooseMedia({
        count: room,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
        success: (res) => {
          const start = this.data.photos.length;
          const patch: Record<string, unknown> = {};
          res.tempFiles.slice(0, room).forEach((f, i) => {
            patch[`photos[${start + i}]`] = { path: f.tempFilePath, progress: 0, fileID: '', failed: false };
          });
          this.setData(patch);
          res.tempFiles.slice(0, room).forEach((_f, i) => {
            void this.upload(start + i);
          });
        },
      });
    },
    async upload(i: number) {
      const photo = this.data.photos[i] as Photo;
      this.setData({ [`photos[${i}].failed`]: false, [`photos[${i}].progress`]: 0 });
      this.emitChange();
      let shown = 0;
      const r = await uploadPhoto(photo.path, photoPath(this.data.prefix, new Date()), (p) => {
        // A progress bar needs steps, not every event: at most ten setData calls per photo.
        if (p - shown >= 10 || p === 100) {
          shown = p;
          this.setData({ [`photos[${i}].progress`]: p });
        }
      });
      // The photo may have been removed meanwhile; only patch it if it is still the same one.
      if ((this.data.photos[i] as Photo | undefined)?.path !== photo.path) return;
      if (r.code === 0) this.setData({ [`photos[${i}].fileID`]: r.data.fileID, [`photos[${i}].progress`]: 100 });
      else this.setData({ [`photos[${i}].failed`]: true });
      this.emitChange();
    },
    onRetry(e: WechatMiniprogram.TouchEvent) {
      void this.upload(Number(e.currentTarget.dataset.i));
    },
    onRemove(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      const photos = (this.data.photos as Photo[]).filter((_p, k) => k !== i);
      this.setData({ photos });
      this.emitChange();
    },
    emitChange() {
      const photos = this.data.photos as Photo[];
      this.triggerEvent('change', {
        fileIDs: photos.filter((p) => p.fileID).map((p) => p.fileID),
        uploading: photos.some((p) => !p.fileID && !p.failed),
        failed: photos.some((p) => p.failed),
      });
    },
  },
});
