import { z } from 'zod';
import { Id } from '../../shared/common';
import { type PosterZone, posterSheetHtml } from '../../shared/posters/poster-sheet';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { miniProgramCode, publishFile } from '../_lib/files';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { pathNamesOf, zoneById } from '../_lib/refdata';

/** The page a scanned code opens: the QR report landing, which reads the scene. */
export const REPORT_PAGE = 'pages/report/index';
/** Posters per sheet at most (one building or canteen). */
const MAX_ZONES = 200;

type ZoneRow = { _id: string; name: string; sceneId: string; path: string[] };

/** The zone and every zone under it, in path order (a building, then its floors; a canteen, then its windows). */
async function zonesUnder(zoneId: string): Promise<ZoneRow[]> {
  const root = await zoneById(zoneId);
  const _ = db().command;
  const res = await db()
    .collection(COLLECTIONS.zones)
    .where(_.or([{ _id: zoneId }, { path: zoneId }]))
    .field({ name: true, sceneId: true, path: true })
    .limit(MAX_ZONES)
    .get();
  const rows = rowsOf<ZoneRow>(res);
  return [
    rows.find((r) => r._id === root._id) as ZoneRow,
    ...rows.filter((r) => r._id !== root._id).sort((a, b) => a.sceneId.localeCompare(b.sceneId)),
  ];
}

/** The mini-program code of a scene, as a data URI for the sheet. */
async function codeOf(sceneId: string): Promise<string> {
  const code = await miniProgramCode(sceneId, REPORT_PAGE);
  return `data:${code.contentType};base64,${code.buffer.toString('base64')}`;
}

export const ACTIONS = {
  /** A printable sheet of posters for a building or canteen and everything under it (admin only). */
  sheet: action({
    input: z.strictObject({ zoneId: Id }),
    roles: ['admin'],
    handler: async ({ input, now }) => {
      const zones = await zonesUnder(input.zoneId);
      const posters: PosterZone[] = [];
      for (const z of zones) {
        const names = await pathNamesOf(z);
        posters.push({ name: z.name, place: names.join(' · '), sceneId: z.sceneId, imageSrc: await codeOf(z.sceneId) });
      }
      const html = posterSheetHtml(`${zones[0].name} 反馈二维码`, posters);
      const file = await publishFile(`posters/${input.zoneId}-${now.getTime()}.html`, Buffer.from(html));
      return { zones: posters.length, fileID: file.fileID, url: file.url, html };
    },
  }),
} satisfies Record<string, AnyAction>;

export const main = createHandler('posters', ACTIONS);
