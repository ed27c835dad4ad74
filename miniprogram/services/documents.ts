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
