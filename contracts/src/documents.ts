import { z } from 'zod';
import { attachment } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';

/** DOC-1 «Документы школы» holds documents; DOC-3 «Видео школы» holds videos. */
export const documentKinds = ['document', 'video'] as const;
export const documentKind = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof documentKind>;

export const documentLimits = { titleMax: 200, tagMax: 40, tagsMax: 10, folderNameMax: 80 } as const;

/** A tag of the methodical library («расписание», «ОГЭ»): trimmed, stored lower case. */
export const documentTag = z
  .string()
  .trim()
  .min(1)
  .max(documentLimits.tagMax)
  .transform((t) => t.toLocaleLowerCase('ru'));

const tagList = z
  .array(documentTag)
  .max(documentLimits.tagsMax)
  .transform((tags) => [...new Set(tags)]);

/** Video containers a browser plays in a <video> element, recognised by their bytes. */
export const videoFileExtensions = ['mp4', 'webm'] as const;

/** A school document or video as a member of the school sees it. */
export const schoolDocument = z.object({
  id,
  schoolId: id,
  kind: documentKind,
  /** Shown instead of the file name. */
  title: z.string(),
  folder: z.object({ id, name: z.string() }).nullable(),
  tags: z.array(z.string()),
  /** The file itself: GET /api/files/:id downloads it (with Range), /view opens PDFs and images. */
  file: attachment,
  /** The file opens in the browser (a PDF or an image); everything else is downloaded. */
  viewable: z.boolean(),
  /** DOC-3: the video's poster image (GET /api/files/:id/preview). */
  posterFileId: id.nullable(),
  uploadedBy: personSummary.nullable(),
  createdAt: isoDateTime,
  /** What I may do with it: its uploader and the school's administration delete and move it. */
  can: z.object({ delete: z.boolean(), edit: z.boolean() }),
});
export type SchoolDocument = z.infer<typeof schoolDocument>;

/** GET /api/schools/:schoolId/documents: newest first, filtered by kind, folder and tag. */
export const documentsQuery = z.object({
  kind: documentKind.default('document'),
  folderId: id.optional(),
  tag: documentTag.optional(),
});
export const documentsResponse = z.object({
  data: z.array(schoolDocument),
  /** The tags used in this school's documents of this kind, for the filter. */
  tags: z.array(z.string()),
  can: z.object({ upload: z.boolean(), createFolder: z.boolean() }),
});

/**
 * POST /api/schools/:schoolId/documents: shares a file I uploaded (POST /api/files) with every
 * member of the school. A video must really be an MP4 or WebM by its bytes.
 */
export const createDocumentRequest = z.object({
  fileId: id,
  kind: documentKind.default('document'),
  /** Defaults to the file's name. */
  title: z.string().trim().min(1).max(documentLimits.titleMax).optional(),
  folderId: id.nullable().default(null),
  tags: tagList.default([]),
  /** DOC-3: an image I uploaded to be the video's poster; without one the server draws one. */
  posterFileId: id.nullable().default(null),
});
export type CreateDocumentRequest = z.input<typeof createDocumentRequest>;
export const documentResponse = z.object({ data: schoolDocument });

/** PATCH /api/documents/:id: rename, move to a folder (null: out of folders), retag. */
export const updateDocumentRequest = z
  .object({
    title: z.string().trim().min(1).max(documentLimits.titleMax).optional(),
    folderId: id.nullable().optional(),
    tags: tagList.optional(),
  })
  .refine((b) => b.title !== undefined || b.folderId !== undefined || b.tags !== undefined, { message: 'nothing_to_change' });
export type UpdateDocumentRequest = z.input<typeof updateDocumentRequest>;

/** A folder of the school's methodical library. */
export const documentFolder = z.object({
  id,
  name: z.string(),
  /** Documents and videos in it. */
  documentCount: z.number().int(),
  createdAt: isoDateTime,
});
export type DocumentFolder = z.infer<typeof documentFolder>;
export const foldersResponse = z.object({ data: z.array(documentFolder), can: z.object({ create: z.boolean() }) });
/** POST /api/schools/:schoolId/document-folders: administration and teachers. */
export const createFolderRequest = z.object({ name: z.string().trim().min(1).max(documentLimits.folderNameMax) });
export const folderResponse = z.object({ data: documentFolder });

/** Where one of my files is shared. */
export const fileUse = z.discriminatedUnion('kind', [
  /** A message in a chat; `chatName` is null for a personal chat. */
  z.object({ kind: z.literal('chat'), chatId: id, chatName: z.string().nullable() }),
  z.object({ kind: z.literal('document'), schoolId: id, schoolName: z.string(), documentKind }),
]);
export type FileUse = z.infer<typeof fileUse>;

/** DOC-2 «Мои документы»: a file I uploaded, with where it is used. */
export const myFile = z.object({
  file: attachment,
  viewable: z.boolean(),
  createdAt: isoDateTime,
  usedIn: z.array(fileUse),
});
export type MyFile = z.infer<typeof myFile>;
/** GET /api/me/files: my uploads, newest first (profile photos and posters are pictures, not documents). */
export const myFilesQuery = z.object({
  /** The next page: files uploaded before this moment. */
  before: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const myFilesResponse = z.object({
  data: z.array(myFile),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: isoDateTime.nullable(),
});

/** Published to `school:<id>` after commit, so an open list of documents or videos refreshes. */
export const documentEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('document.added'), documentId: id, kind: documentKind }),
  z.object({ type: z.literal('document.removed'), documentId: id, kind: documentKind }),
]);
export type DocumentEvent = z.infer<typeof documentEvent>;
