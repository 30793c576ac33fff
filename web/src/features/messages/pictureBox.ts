/** The largest a picture is shown in a chat, in CSS pixels. */
export const PICTURE_MAX_WIDTH = 320;
export const PICTURE_MAX_HEIGHT = 320;
/** The box of a picture whose size is unknown (uploaded before sizes were read, or unreadable). */
const UNKNOWN = { width: 240, height: 180 };

export interface PictureBox {
  /** CSS pixels wide (the picture may still shrink to its column). */
  width: number;
  /** For CSS aspect-ratio: the height follows the width before the picture loads. */
  aspectRatio: string;
  known: boolean;
}

/**
 * The box a picture takes in a chat, known before it loads: its own proportions within 320 × 320,
 * never wider than it is, yet at least 48 px wide, so a tiny or thin picture stays something to click.
 */
export function pictureBox(width: number | null, height: number | null): PictureBox {
  if (!width || !height) return { width: UNKNOWN.width, aspectRatio: `${UNKNOWN.width} / ${UNKNOWN.height}`, known: false };
  const fit = Math.min(PICTURE_MAX_WIDTH, (PICTURE_MAX_HEIGHT * width) / height, width);
  return { width: Math.max(48, Math.round(fit)), aspectRatio: `${width} / ${height}`, known: true };
}
