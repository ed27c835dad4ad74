import { cloud } from './cloud';

/** Uploads a generated file to cloud storage and returns its file id and a temporary download URL. */
export async function publishFile(cloudPath: string, content: Buffer): Promise<{ fileID: string; url: string | null }> {
  const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
  const res = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL?: string }> };
  return { fileID, url: res.fileList[0]?.tempFileURL ?? null };
}
