import { z } from 'zod';
import { attachment } from './chats.js';

/**
 * Executable types refused at upload, by extension (checked on the name with trailing dots and
 * spaces removed, as Windows would run «setup.exe.»). The server also refuses executables by their
 * first bytes (ELF, MZ/PE, Mach-O, «#!» scripts) whatever they are called.
 */
export const forbiddenFileExtensions = [
  // Programs and scripts a double click runs.
  'exe', 'msi', 'msp', 'bat', 'cmd', 'com', 'scr', 'pif', 'cpl', 'hta', 'js', 'jse', 'vbs', 'vbe', 'wsf',
  'ps1', 'psm1', 'sh', 'jar', 'apk', 'dll', 'lnk', 'reg',
  'mjs', 'cjs', 'vb', 'ws', 'wsc', 'wsh', 'sct', 'shb', 'shs', 'msc', 'msu', 'mst', 'gadget', 'inf', 'ins', 'jnlp',
  'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'xbap', 'sys', 'drv', 'ocx', 'command',
  // Installers, packages and launchers (MSIX/AppX, ClickOnce, Windows shortcuts that fetch from elsewhere).
  'msix', 'msixbundle', 'appx', 'appxbundle', 'application', 'appref-ms', 'cab', 'url', 'scf', 'website',
  'settingcontent-ms', 'library-ms', 'diagcab', 'wsb', 'dmg', 'pkg',
  // Disk images: Windows mounts them with a click and their contents lose the «downloaded» mark.
  'iso', 'img', 'vhd', 'vhdx',
  // Compiled help and documents with macros or add-ins: Office runs their code.
  'chm', 'hlp', 'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xll', 'pptm', 'potm', 'ppsm', 'ppam', 'sldm', 'one', 'onepkg',
  'iqy', 'slk',
] as const;

/** Images shown inline as previews (only when their bytes really are that type); everything else downloads. */
export const previewImageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function fileExtension(name: string): string {
  const clean = name.replace(/[.\s]+$/, '');
  const dot = clean.lastIndexOf('.');
  return dot > 0 || (dot === 0 && clean.length > 1) ? clean.slice(dot + 1).toLowerCase() : '';
}

/** True for names the server will refuse by extension; the upload form checks before sending. */
export function isForbiddenFileName(name: string): boolean {
  return (forbiddenFileExtensions as readonly string[]).includes(fileExtension(name));
}

/** GET /api/files/limits: shown before an upload (DOC-1 «список ограничений»). */
export const fileLimits = z.object({
  /** The largest file accepted, in bytes. */
  maxBytes: z.number().int(),
  /** Extensions refused, lower case, without the dot. */
  forbiddenExtensions: z.array(z.string()),
  /** MIME types that get an inline preview. */
  previewTypes: z.array(z.string()),
});
export type FileLimits = z.infer<typeof fileLimits>;
export const fileLimitsResponse = z.object({ data: fileLimits });

/**
 * POST /api/files: multipart/form-data with one part named `file`. The answer is the attachment
 * to pass as `fileIds` when sending a message. Refusals: 413 file_too_large, 400 file_type_forbidden.
 */
export const uploadFileResponse = z.object({ data: attachment });
