/**
 * Opens a file the cloud made (a Word document, an Excel workbook) on the phone: downloads it and shows it in
 * WeChat's viewer, whose menu sends it on. Failures are said in zh-CN; it always resolves.
 */
export function openRemoteDocument(url: string, fileType: 'docx' | 'xlsx'): Promise<void> {
  return new Promise<void>((resolve) => {
    const failed = (title: string) => {
      wx.showToast({ title, icon: 'none' });
      resolve();
    };
    wx.downloadFile({
      url,
      success: (res) =>
        res.statusCode === 200
          ? wx.openDocument({
              filePath: res.tempFilePath,
              fileType,
              showMenu: true,
              success: () => resolve(),
              fail: () => failed('无法打开文件'),
            })
          : failed('文件下载失败，请重试'),
      fail: () => failed('文件下载失败，请重试'),
    });
  });
}

/**
 * Saves an image the cloud made (a zone's or an invite's mini-program code) to the phone's album, to print or
 * forward as a picture. Says how it went in zh-CN; a refusal suggests long-pressing the preview instead.
 */
export function saveRemoteImage(url: string): void {
  wx.showLoading({ title: '保存中', mask: true });
  wx.downloadFile({
    url,
    success: (res) => {
      wx.saveImageToPhotosAlbum({
        filePath: res.tempFilePath,
        success: () => {
          wx.hideLoading();
          wx.showToast({ title: '已保存到相册', icon: 'success' });
        },
        fail: () => {
          wx.hideLoading();
          wx.showToast({ title: '未能保存，请在预览中长按保存', icon: 'none' });
        },
      });
    },
    fail: () => {
      wx.hideLoading();
      wx.showToast({ title: '下载失败，请重试', icon: 'none' });
    },
  });
}
