import { photoSide } from '@parta/contracts';
import sharp from 'sharp';
import { AppError } from '../../lib/errors.js';
import { sniffImageType } from '../files/fileTypes.js';

/**
 * A profile photo or a school logo from whatever picture was sent: only raster images by their bytes
 * (PNG, JPEG, GIF, WebP — never SVG, never anything named like a picture), turned upright by its EXIF
 * orientation, cropped to a square, resized and re-encoded as JPEG. sharp writes no metadata unless
 * asked, so GPS positions, camera and author fields of the original do not survive: only pixels do.
 */
export async function resizePhoto(input: Buffer): Promise<Buffer> {
  if (!sniffImageType(input.subarray(0, 16))) throw new AppError('image_invalid');
  try {
    return await sharp(input, { limitInputPixels: 50_000_000, animated: false })
      .rotate()
      .resize(photoSide, photoSide, { fit: 'cover', position: 'attention' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer();
  } catch {
    throw new AppError('image_invalid');
  }
}
