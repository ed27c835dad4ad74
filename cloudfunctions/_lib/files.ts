import { cloud } from './cloud';

/** A fresh temporary download URL for a stored file, or null when storage has none for it. */
export async function signedUrl(fileID: string): Promise<string | null> {
  const res = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL?: string }> };
  return res.fileList[0]?.tempFileURL ?? null;
}

/** Uploads a generated file to cloud storage and returns its file id and a temporary download URL. */
export async function publishFile(cloudPath: string, content: Buffer): Promise<{ fileID: string; url: string | null }> {
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
  return { fileID, url: await signedUrl(fileID) };
}

/**
 * The mini-program code that opens `page` with `scene` (`wxacode.getUnlimited`; the local cloud answers with a
 * real QR image). The calling function's config.json must list the open API.
 */
export async function miniProgramCode(scene: string, page: string): Promise<{ buffer: Buffer; contentType: string }> {
  const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 } as never)) as unknown as {
    buffer: Buffer;
    contentType?: string;
  };
  return { buffer: Buffer.from(res.buffer), contentType: res.contentType || 'image/png' };
}
