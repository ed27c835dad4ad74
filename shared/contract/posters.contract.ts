import type { FileRef } from './common.contract';

export interface PosterSheet extends FileRef {
  /** How many posters the sheet holds. */
  zones: number;
  /** A readable file name (`二食堂 反馈二维码（4张）.docx`). */
  fileName: string;
  /** The printable HTML itself (the `html` format only). */
  html?: string;
}

/** What every poster prints besides its zone, with the version an edit quotes. */
export interface PosterProfile {
  schoolName: string;
  hotline: string;
  version: number;
}

/** The posters function: QR poster sheets (printable HTML, or a Word document to print from a phone). */
export interface PostersContract {
  sheet: { input: { zoneId: string; format?: 'html' | 'docx' }; reply: PosterSheet };
  profile: { input: Record<string, never>; reply: PosterProfile };
  saveProfile: { input: PosterProfile; reply: PosterProfile };
}
