import type { AlignmentType as AlignmentTypeT, BorderStyle as BorderStyleT } from 'docx';
import { POSTER_INSTRUCTION, POSTER_NOTE, type PosterProfile, posterBrand, posterHotline } from '../../shared/posters/poster-sheet';
import { imageInfo } from '../_lib/image';

/** A poster as the Word sheet prints it: the zone, its place, and its code's image bytes (PNG or JPEG). */
export type DocxPoster = { name: string; place: string; sceneId: string; code: Buffer };

const BLUE = '1F6FEB';
const GREY = '646A73';
/** A4 in twips, with 10 mm margins; two posters across, two down. */
const PAGE = { width: 11906, height: 16838, margin: 567 };
const CELL_HEIGHT = Math.floor((PAGE.height - 2 * PAGE.margin) / 2) - 120;
/** The code's printed size (docx transformation units ≈ pixels at 96 dpi: 230 ≈ 61 mm). */
const CODE_SIZE = 230;

/**
 * A sheet of QR posters as a Word document, four to an A4 page (the printable HTML's layout), for offices that
 * print from a phone: each poster has the school's line, the zone's name and place, its mini-program code, the
 * instruction, the notes, the supervision hotline and the scene number. Loads `docx` only when called.
 */
export async function posterSheetDocx(title: string, posters: readonly DocxPoster[], profile: PosterProfile): Promise<Buffer> {
  const d = await import('docx');
  const { Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = d;
  const align = d.AlignmentType as typeof AlignmentTypeT;
  const border = d.BorderStyle as typeof BorderStyleT;
  const font = { eastAsia: '黑体', ascii: 'Arial', hAnsi: 'Arial' };
  const line = (text: string, o: { size: number; color?: string; bold?: boolean; before?: number }) =>
    new Paragraph({
      alignment: align.CENTER,
      spacing: { before: o.before ?? 60, after: 0 },
      children: [new TextRun({ text, size: o.size, color: o.color, bold: o.bold, font })],
    });
  const hotline = posterHotline(profile);
  const cellOf = (p: DocxPoster | undefined) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      margins: { top: 200, bottom: 120, left: 160, right: 160 },
      borders: p
        ? {
            top: { style: border.SINGLE, size: 12, color: BLUE },
            bottom: { style: border.SINGLE, size: 12, color: BLUE },
            left: { style: border.SINGLE, size: 12, color: BLUE },
            right: { style: border.SINGLE, size: 12, color: BLUE },
          }
        : undefined,
      children: p
        ? [
            line(posterBrand(profile), { size: 20, color: BLUE, before: 0 }),
            line(p.name, { size: 30, bold: true, before: 120 }),
            line(p.place, { size: 18, color: GREY }),
            new Paragraph({
              alignment: align.CENTER,
              spacing: { before: 120, after: 60 },
              children: [
                new ImageRun({
                  type: imageInfo(p.code)?.type ?? 'png',
                  data: p.code,
                  transformation: { width: CODE_SIZE, height: CODE_SIZE },
                }),
              ],
            }),
            line(POSTER_INSTRUCTION, { size: 24, bold: true }),
            ...POSTER_NOTE.map((n) => line(n, { size: 16, color: GREY, before: 20 })),
            ...(hotline ? [line(hotline, { size: 22, bold: true, color: BLUE, before: 100 })] : []),
            line(`编号 ${p.sceneId}`, { size: 14, color: '8F959E', before: 100 }),
          ]
        : [new Paragraph({ children: [] })],
    });
  const rows = [];
  for (let i = 0; i < posters.length; i += 2) {
    rows.push(
      new TableRow({
        cantSplit: true,
        height: { value: CELL_HEIGHT, rule: d.HeightRule.EXACT },
        children: [cellOf(posters[i]), cellOf(posters[i + 1])],
      }),
    );
  }
  const none = { style: border.NONE, size: 0, color: 'FFFFFF' };
  const doc = new Document({
    creator: profile.schoolName || 'xuncha',
    title,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        children: [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: none,
              bottom: none,
              left: none,
              right: none,
              insideHorizontal: { style: border.NONE, size: 0, color: 'FFFFFF' },
              insideVertical: none,
            },
            rows,
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
