import { type ClientFrame, clientFrame, type ErrorCode, errorMessage } from '@parta/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../deps.js';
import { AppError } from '../lib/errors.js';
import { cleanStrings } from '../lib/storableText.js';
import { markChatRead } from '../modules/chats/markChatRead.js';
import type { LessonLive } from '../modules/lessons/live.js';
import { sendMessage } from '../modules/messages/sendMessage.js';
import type { ChatViewers } from '../modules/push/viewers.js';
import type { Connection } from './connection.js';
import type { FrameLimits } from './frameLimits.js';
import type { Gateway } from './gateway.js';

const PONG = JSON.stringify({ t: 'pong' });

export interface FrameContext {
  deps: AppDeps;
  gateway: Gateway;
  lessons: LessonLive;
  /** Which chat each tab shows: no pushes for it meanwhile. */
  viewers: ChatViewers;
  limits: FrameLimits;
  log: FastifyBaseLogger;
  locale: 'ru' | 'en';
}

/** Parses one client frame and acts on it. Never throws: a bad frame is answered or ignored. */
export async function handleFrame(ctx: FrameContext, conn: Connection, raw: string): Promise<void> {
  let data: unknown;
  try {
    // As for HTTP bodies (http/textHygiene): NUL removed and unpaired surrogates replaced before the contract sees it.
    data = cleanStrings(JSON.parse(raw));
  } catch {
    return nack(ctx, conn, '', 'invalid_input');
  }
  const parsed = clientFrame.safeParse(data);
  if (!parsed.success) {
    const ref = typeof data === 'object' && data && 'ref' in data && typeof data.ref === 'string' ? data.ref.slice(0, 64) : '';
    return nack(ctx, conn, ref, 'invalid_input');
  }
  try {
    await act(ctx, conn, parsed.data);
  } catch (err) {
    // Lesson frames are answered by their own type, so the call screen knows which step failed.
    const ref = parsed.data.t === 'send' ? parsed.data.ref : parsed.data.t.startsWith('lesson.') ? parsed.data.t : '';
    if (err instanceof AppError) return nack(ctx, conn, ref, err.code, err.details);
    ctx.log.error({ err }, 'realtime: frame failed');
    nack(ctx, conn, ref, 'internal');
  }
}

async function act(ctx: FrameContext, conn: Connection, frame: ClientFrame): Promise<void> {
  switch (frame.t) {
    case 'ping':
      conn.write(PONG);
      return;
    case 'resume':
      return ctx.gateway.resume(conn, frame.chats);
    case 'typing':
      return ctx.gateway.typing(conn, frame.chatId);
    case 'viewing':
      return ctx.viewers.set(conn, frame.chatId);
    case 'read':
      // Moves the mark forward only and tells the person's other tabs (chat.read to their user room).
      await markChatRead(ctx.deps, conn.actor, frame.chatId, frame.seq);
      return;
    case 'send': {
      await takeMessage(ctx, conn);
      const message = await sendMessage(ctx.deps, conn.actor, {
        chatId: frame.chatId,
        clientId: frame.clientId,
        text: frame.text,
        replyToId: frame.replyToId ?? null,
        fileIds: frame.fileIds ?? [],
      });
      conn.write(JSON.stringify({ t: 'ack', ref: frame.ref, message }));
      return;
    }
    case 'lesson.enter':
      return ctx.lessons.enter(conn, frame.lessonId);
    case 'lesson.publish':
      return ctx.lessons.publish(conn, frame.lessonId, frame.sdp, frame.state);
    case 'lesson.subscribe':
      return ctx.lessons.subscribe(conn, frame.lessonId, frame.feeds);
    case 'lesson.answer':
      return ctx.lessons.answer(conn, frame.lessonId, frame.sdp);
    case 'lesson.state':
      return ctx.lessons.setState(conn, frame.lessonId, frame.state);
    case 'lesson.chat':
      await takeMessage(ctx, conn);
      return ctx.lessons.chat(conn, frame.lessonId, frame.text);
    case 'lesson.exit':
      return ctx.lessons.exit(conn, frame.lessonId);
  }
}

async function takeMessage(ctx: FrameContext, conn: Connection): Promise<void> {
  if (!(await ctx.limits.takeMessage(conn.userId))) throw new AppError('rate_limited');
}

/** A refusal as the client reads it: `ref` names the frame refused (a send's ref, a lesson frame's type, or ''). */
export function nackFrame(ref: string, code: ErrorCode, locale: 'ru' | 'en', details?: Record<string, unknown>): string {
  // SAFE-1: a chat's flood limit and a write ban say how long, as the HTTP answer does (contracts' serverFrame nack).
  const extra: { retryInSeconds?: number; until?: string } = {};
  if (typeof details?.retryInSeconds === 'number') extra.retryInSeconds = details.retryInSeconds;
  if (typeof details?.until === 'string') extra.until = details.until;
  return JSON.stringify({ t: 'nack', ref, error: { code, message: errorMessage(code, locale, details ?? {}), ...extra } });
}

function nack(ctx: FrameContext, conn: Connection, ref: string, code: ErrorCode, details?: Record<string, unknown>): void {
  conn.write(nackFrame(ref, code, ctx.locale, details));
}
