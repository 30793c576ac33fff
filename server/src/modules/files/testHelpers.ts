import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { chatMembers, chats, files, messageAttachments, messages } from '../../db/chatSchema.js';
import type { TestContext } from '../../test/testApp.js';

/** A multipart/form-data request body with one file part, as a browser's FormData would send it. */
export function multipartFile(filename: string, content: Buffer | string, contentType = 'application/octet-stream') {
  const boundary = `----parta${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const payload = Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every object file under the store's directory (not the temporary ones). */
export async function storedObjects(filesDir: string): Promise<string[]> {
  const out: string[] = [];
  let dirs: string[];
  try {
    dirs = await readdir(filesDir);
  } catch {
    return [];
  }
  for (const d of dirs) {
    if (d === '.tmp') continue;
    for (const f of await readdir(path.join(filesDir, d))) out.push(`${d}/${f}`);
  }
  return out;
}

export async function tmpLeftovers(filesDir: string): Promise<string[]> {
  return readdir(path.join(filesDir, '.tmp')).catch(() => []);
}

export async function fileRowsOf(ctx: TestContext, ownerId: string) {
  return ctx.deps.db.select().from(files).where(eq(files.ownerId, ownerId));
}

/**
 * A chat with these members and one message by `authorId` carrying `fileIds`, written straight to
 * the tables: the files tests need a chat, not the chats module. Returns the chat's and message's ids.
 */
export async function chatWithAttachment(
  ctx: TestContext,
  opts: { schoolId: string; memberIds: string[]; authorId: string; fileIds: string[]; kind?: 'class' | 'group' | 'personal' },
): Promise<{ chatId: string; messageId: string }> {
  const db = ctx.deps.db;
  const [chat] = await db
    .insert(chats)
    .values({ kind: opts.kind ?? 'group', schoolId: opts.schoolId, name: 'Экскурсия', createdBy: opts.authorId, lastSeq: 1 })
    .returning({ id: chats.id });
  if (!chat) throw new Error('chat not inserted');
  await db.insert(chatMembers).values(opts.memberIds.map((userId) => ({ chatId: chat.id, userId })));
  const [msg] = await db
    .insert(messages)
    .values({ chatId: chat.id, seq: 1, authorId: opts.authorId, text: 'Файлы к уроку' })
    .returning({ id: messages.id });
  if (!msg) throw new Error('message not inserted');
  if (opts.fileIds.length > 0) {
    await db.insert(messageAttachments).values(opts.fileIds.map((fileId, position) => ({ messageId: msg.id, fileId, position })));
  }
  return { chatId: chat.id, messageId: msg.id };
}
