import { expect } from 'vitest';
import { as } from '../../modules/chats/testHelpers.js';
import { multipartFile } from '../../modules/files/testHelpers.js';
import { createJoinRequestRow, createUser, freshSchool, type SchoolFixture, signedInCookie } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';

/**
 * One school with something of every kind an endpoint can name, made through the API by its
 * administrator where the administrator may (so a request with a valid rest reaches the database),
 * plus the platform operator. Every id an operation's path or body can carry comes from here.
 */
export interface FuzzWorld {
  ctx: TestContext;
  school: SchoolFixture;
  operatorCookie: string;
  fileId: string;
  chatId: string;
  messageId: string;
  pollId: string;
  pollOptionId: string;
  articleId: string;
  documentId: string;
  folderId: string;
  newsPostId: string;
  newsCommentId: string;
  lessonId: string;
  inviteId: string;
  inviteToken: string;
  joinRequestId: string;
  /** 7А's assignment, given by its teacher. */
  assignmentId: string;
  /** PAR-1: a parent's link to the student of 7А. */
  parentLinkId: string;
  /** SAFE-1: a report on the message, and the administrator's notice of it. */
  reportId: string;
  noticeId: string;
  /** An unfinished tus upload of the administrator: «prefix/key». */
  uploadPath: string;
  /** SUP-1: the administrator's question to support. */
  questionId: string;
  /** ORG-9: the student's appeal to the school. */
  appealId: string;
}

/** A parent of 7А's student, asked by link and approved by the administrator: returns the link's id. */
async function seedParentLink(ctx: TestContext, school: SchoolFixture): Promise<string> {
  const admin = as(ctx, school.cookies.admin);
  const invite = created(await admin.post(`/schools/${school.school.id}/invites`, { role: 'parent', classId: school.classA.id }), 'parent invite');
  const parent = as(ctx, await signedInCookie(ctx, await createUser(ctx)));
  created(await parent.post(`/invites/${String(invite.token)}/accept`, { childIds: [school.student.id] }), 'parent request');
  const pending = created(await admin.get(`/schools/${school.school.id}/join-requests`), 'requests') as unknown as Array<{ id: string; role: string }>;
  const request = pending.find((r) => r.role === 'parent');
  created(await admin.post(`/join-requests/${request?.id}/approve`, {}), 'parent approved');
  const mine = created(await parent.get('/me/children'), 'children') as unknown as Array<{ id: string }>;
  return mine[0]?.id ?? '';
}

/** The answer's data, after checking the call succeeded (a broken world would make every case meaningless). */
function created(res: { status: number; body: { data?: Record<string, unknown> } }, what: string): Record<string, unknown> {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body.data ?? {};
}

export async function seedWorld(ctx: TestContext): Promise<FuzzWorld> {
  const school = await freshSchool(ctx);
  const schoolId = school.school.id;
  const admin = as(ctx, school.cookies.admin);
  const operator = await createUser(ctx, { isOperator: true });

  const { payload, headers } = multipartFile('план.pdf', '%PDF-1.4 план');
  const upload = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie: school.cookies.admin }, payload });
  const fileId = String(created({ status: upload.statusCode, body: upload.json() }, 'file').id);
  const { payload: p2, headers: h2 } = multipartFile('устав.pdf', '%PDF-1.4 устав');
  const upload2 = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...h2, cookie: school.cookies.admin }, payload: p2 });
  const documentFileId = String(created({ status: upload2.statusCode, body: upload2.json() }, 'document file').id);

  const chat = created(
    await admin.post('/chats', { kind: 'group', schoolId, name: 'Совет школы', memberIds: [school.teacher.id, school.student.id] }),
    'chat',
  );
  const chatId = String(chat.id);
  const message = created(await admin.post(`/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'Собрание в среду' }), 'message');
  const pollMessage = created(await admin.post(`/chats/${chatId}/polls`, { question: 'Когда?', options: ['Среда', 'Четверг'] }), 'poll');
  const poll = pollMessage.poll as { id: string; options: Array<{ id: string }> };
  const article = created(await admin.post(`/schools/${schoolId}/articles`, { title: 'Итоги четверти', bodyHtml: '<p>Итоги</p>' }), 'article');
  const folder = created(await admin.post(`/schools/${schoolId}/document-folders`, { name: 'Приказы' }), 'folder');
  const document = created(await admin.post(`/schools/${schoolId}/documents`, { fileId: documentFileId, title: 'Устав' }), 'document');
  const post = created(await admin.post(`/schools/${schoolId}/news`, { feed: 'community', text: 'Кто идёт на каток?' }), 'news post');
  const comment = created(await admin.post(`/news/${String(post.id)}/comments`, { text: 'Спасибо' }), 'news comment');
  const lesson = created(await as(ctx, school.cookies.teacher).post('/lessons', { kind: 'class', classId: school.classA.id }), 'lesson');
  const invite = created(await admin.post(`/schools/${schoolId}/invites`, { role: 'student', classId: school.classA.id }), 'invite');
  const joinRequestId = await createJoinRequestRow(ctx, schoolId, school.classA.id);
  const assignment = created(
    await as(ctx, school.cookies.teacher).post(`/classes/${school.classA.id}/assignments`, {
      subject: 'Математика', title: 'Задачи', dueAt: new Date(ctx.deps.clock.now().getTime() + 86_400_000).toISOString(),
    }),
    'assignment',
  );
  const parentLinkId = await seedParentLink(ctx, school);
  const question = created(await admin.post('/support/questions', { section: 'chats', text: 'Не открывается чат' }), 'question');
  const appeal = created(
    await as(ctx, school.cookies.student).post(`/schools/${schoolId}/appeals`, { topic: 'food', text: 'Холодный суп' }),
    'appeal',
  );
  // SAFE-1: an urgent report on the message, which also leaves the administrator a notice.
  const report = created(await as(ctx, school.cookies.student).post('/reports', { targetType: 'message', targetId: message.id, reason: 'danger' }), 'report');
  const notices = await as(ctx, school.cookies.admin).get('/me/notices');
  const noticeId = String((notices.body as { data: { id: string }[] }).data[0]?.id);

  const tus = await ctx.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { cookie: school.cookies.admin, 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': `filename ${Buffer.from('запись.mp4').toString('base64')}` },
  });
  expect(tus.statusCode, tus.body).toBe(201);

  return {
    ctx,
    school,
    operatorCookie: await signedInCookie(ctx, operator),
    fileId,
    chatId,
    messageId: String(message.id),
    pollId: poll.id,
    pollOptionId: poll.options[0]?.id ?? '',
    articleId: String(article.id),
    documentId: String(document.id),
    folderId: String(folder.id),
    newsPostId: String(post.id),
    newsCommentId: String(comment.id),
    lessonId: String(lesson.id),
    inviteId: String(invite.id),
    inviteToken: String(invite.token),
    joinRequestId,
    assignmentId: String(assignment.id),
    parentLinkId,
    questionId: String(question.id),
    appealId: String(appeal.id),
    reportId: String(report.id),
    noticeId,
    uploadPath: String(tus.headers.location).replace('/api/uploads/', ''),
  };
}

/**
 * The world's id for a field or path parameter of this name (on this route, for a bare «id»). A name
 * not known here fails the test: a new kind of id needs a line, not a silent skip.
 */
export function worldValue(w: FuzzWorld, name: string, url: string): string {
  const byName: Record<string, string> = {
    schoolId: w.school.school.id,
    classId: w.school.classA.id,
    classIds: w.school.classA.id,
    userId: w.school.student.id,
    userIds: w.school.student.id,
    studentIds: w.school.student.id,
    studentId: w.school.student.id,
    assignmentId: w.assignmentId,
    memberIds: w.school.student.id,
    teacherIds: w.school.teacher.id,
    chatId: w.chatId,
    messageId: w.messageId,
    replyToId: w.messageId,
    fileId: w.fileId,
    fileIds: w.fileId,
    coverFileId: w.fileId,
    folderId: w.folderId,
    optionIds: w.pollOptionId,
    postId: w.newsPostId,
    commentId: w.newsCommentId,
    lessonId: w.lessonId,
    inviteId: w.inviteId,
    token: w.inviteToken,
    requestId: w.joinRequestId,
    linkId: w.parentLinkId,
    questionId: w.questionId,
    appealId: w.appealId,
    reportId: w.reportId,
    noticeId: w.noticeId,
    targetId: w.messageId,
    actorId: w.school.admin.id,
    childIds: w.school.student.id,
    prefix: w.uploadPath.split('/')[0] ?? '',
    key: w.uploadPath.split('/')[1] ?? '',
    /** A thumbnail's longest side (GET /files/:id/thumb/:side). */
    side: '640',
  };
  if (name === 'id') {
    const byRoute: Array<[RegExp, string]> = [
      [/\/files\/:id/, w.fileId],
      [/\/polls\/:id/, w.pollId],
      [/\/articles\/:id/, w.articleId],
      [/\/documents\/:id/, w.documentId],
    ];
    const hit = byRoute.find(([re]) => re.test(url));
    if (hit) return hit[1];
  } else if (name in byName) {
    return byName[name] as string;
  }
  throw new Error(`the fuzz world has no value for «${name}» of ${url}: add one in security/fuzz/world.ts`);
}
