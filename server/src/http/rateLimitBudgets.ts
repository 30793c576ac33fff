/**
 * Every request budget of the API, in one place: how many requests one person (counted by their user id when
 * signed in) or one client address (when not) may make in a window, and why that number. A school sits behind one
 * NAT, so a signed-in person is never counted by address: hundreds of pupils on one address each have their own
 * budget. Budgets are fixed windows counted by @fastify/rate-limit (memory, or Redis with REDIS_URL so that all
 * nodes share the count); RATE_LIMIT_SCALE and RATE_LIMIT_ANON_SCALE multiply them.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export interface Budget {
  /** Requests one signed-in person may make per window. */
  max: number;
  /** Requests one client address may make per window without a session (`max` when absent). */
  anonMax?: number;
  windowMs: number;
  why: string;
}

export const budgets = {
  general: {
    max: 100,
    anonMax: 200,
    windowMs: 10 * SECOND,
    why:
      'Every route without a budget below. A page asks for 5–15 things when it opens; ten a second on average is ' +
      'more than clicking through the app as fast as it draws, yet a script looping on one endpoint is stopped ' +
      'within a second or two, in 10-second windows so that its bursts stay short. Without a session the count is ' +
      'per address and twice as high: the sign-in page of a whole class behind one NAT.',
  },
  auth: {
    max: 200,
    windowMs: MINUTE,
    why:
      'Signing in, codes, sign-up, reset: each may hash a password (argon2, ~50 ms of CPU) or send an SMS. A sign-in ' +
      'takes 3–5 of these, so a class of 30 behind one address signing in at once needs ~150 within a minute; one ' +
      'address can then keep at most a sixth of a core busy hashing. The rules per phone, code and device are in ' +
      'modules/auth.',
  },
  search: {
    max: 20,
    windowMs: 10 * SECOND,
    why:
      'Search runs on submit and on «Показать ещё» and costs ~14 ms of CPU on the database; 2 a second is far more ' +
      'than a reader asks, and a flood of 2,000 gets 20 answers per 10 s instead of slowing everyone else.',
  },
  registry: {
    max: 60,
    windowMs: 10 * SECOND,
    why: 'Countries, cities and schools are looked up as a person types (debounced); a text search of a shared table.',
  },
  chatLists: {
    max: 30,
    windowMs: 2 * SECOND,
    why:
      'Chat lists, unread counts and a chat’s card are read again (debounced to 300 ms) whenever a chat event ' +
      'arrives: in a busy class chat a tab reads 2–3 of them up to 3 times a second, ~10 a second. 15 a second, in ' +
      'short windows: a loop over them gets 30 answers at a time, a burst short enough not to hold up others.',
  },
  members: {
    max: 10,
    windowMs: 2 * SECOND,
    why:
      'Lists of people (school members, leaders, a class, voters, attendance, contacts) join several tables and can ' +
      'be hundreds long; the member search asks as one types (debounced to 300 ms, ~3 a second). Short windows keep ' +
      'a loop’s bursts small.',
  },
  posting: {
    max: 20,
    windowMs: 10 * SECOND,
    why:
      'Messages, comments and their edits reach everyone in the chat or school at once. A person sends at most about ' +
      'one a second in a burst («да», «ок», a few lines pasted one by one); 20 per 10 s is twice that, while a ' +
      'script sending 500 in a second has all but 20 refused.',
  },
  uploads: {
    max: 60,
    windowMs: MINUTE,
    why:
      'Each upload writes a file and, for a picture, decodes and resizes it; a teacher dropping a few dozen photos ' +
      'at once passes, a loop does not. Sizes have their own limits (FILE_MAX_BYTES, unfinished tus uploads).',
  },
  files: {
    max: 600,
    windowMs: MINUTE,
    why:
      'Downloads and previews: a chat or album shows dozens of pictures at once, each its own request, so the budget ' +
      'is high; it still stops one client re-reading files in a loop.',
  },
  polls: {
    max: 10,
    windowMs: MINUTE,
    why: 'A new poll is a message with a card for everyone in the chat; nobody asks ten questions a minute.',
  },
  votes: {
    max: 20,
    windowMs: 10 * SECOND,
    why: 'Each vote or its withdrawal sends the new counts to everyone in the chat.',
  },
  inviting: {
    max: 60,
    windowMs: 10 * MINUTE,
    why: 'Invitation links are made by the administration one per class or role; 60 in 10 minutes covers a whole school.',
  },
  joining: {
    max: 30,
    anonMax: 300,
    windowMs: MINUTE,
    why:
      'Opening and accepting an invitation, asking to join a school: each tells the school’s administration. Opened ' +
      'before signing in, so counted per address: a class of 30 opening one link from one address several times passes.',
  },
  broadcast: {
    max: 20,
    windowMs: MINUTE,
    why:
      'Things that notify many people at once: a new chat with a whole class, a news post, a published article, a ' +
      'lesson started or rung (every invited pupil’s device rings).',
  },
  pushSettings: {
    max: 30,
    windowMs: MINUTE,
    why:
      'Switching notifications on or off for a device, saving quiet hours, «Без звука» in a chat: each writes a setting a ' +
      'person changes a few times a day (the page re-sends its subscription once per visit). 30 a minute is clicking ' +
      'a switch back and forth for fun; a loop registering endpoints (each one a URL the server will POST to) is stopped.',
  },
  asking: {
    max: 10,
    windowMs: 10 * MINUTE,
    why:
      'A question to support, feedback to the platform, an appeal to the school: each reaches people who must read ' +
      'it by hand. Ten in ten minutes is more than anyone with something to say writes; a loop filling the desk or ' +
      'the school’s inbox is stopped at ten («Слишком часто — подождите N с»).',
  },
  reports: {
    max: 10,
    windowMs: 10 * MINUTE,
    why:
      'SAFE-1 «Пожаловаться»: each report reaches the school’s administration (an urgent one as a push to every ' +
      'administrator). A child who sees several bad messages reports a few in a row; ten in 10 minutes is that, while ' +
      'a script flooding the administration with reports is stopped.',
  },
  socket: {
    max: 30,
    windowMs: MINUTE,
    why:
      'Opening the real-time socket: one per tab, again after a drop (with a back-off from 0.5 to 15 s). 30 a minute ' +
      'covers several tabs reloading; a loop opening sockets is stopped before the gateway joins it to rooms.',
  },
} as const satisfies Record<string, Budget>;

export type BudgetName = keyof typeof budgets;

/**
 * Routes with a budget of their own, as `METHOD /api/path` exactly as registered (HEAD counts as GET). Every other
 * route under /api, and any unknown /api path, counts against `general`.
 */
export const routeBudgets: Record<string, BudgetName> = {
  'POST /api/auth/identify': 'auth',
  'POST /api/auth/code': 'auth',
  'POST /api/auth/verify': 'auth',
  'POST /api/auth/signup': 'auth',
  'POST /api/auth/signin': 'auth',
  'POST /api/auth/reset': 'auth',
  'POST /api/auth/signout': 'auth',

  'GET /api/search': 'search',

  'GET /api/registry/countries': 'registry',
  'GET /api/registry/cities': 'registry',
  'GET /api/registry/schools': 'registry',
  'GET /api/registry/schools/:schoolId/classes': 'registry',

  'GET /api/chats': 'chatLists',
  'GET /api/chats/unread': 'chatLists',
  'GET /api/chats/:chatId': 'chatLists',
  'GET /api/classes/:classId/chats': 'chatLists',
  'GET /api/schools/:schoolId/public-chats': 'chatLists',

  'GET /api/schools/:schoolId/members': 'members',
  'GET /api/schools/:schoolId/leaders': 'members',
  'GET /api/schools/:schoolId/join-requests': 'members',
  'GET /api/classes/:classId': 'members',
  'GET /api/polls/:id/voters': 'members',
  'GET /api/lessons/:lessonId/attendance': 'members',
  'GET /api/lessons/:lessonId/attendance.csv': 'members',
  'GET /api/contacts': 'members',

  'POST /api/chats/:chatId/messages': 'posting',
  'PATCH /api/messages/:messageId': 'posting',
  'DELETE /api/messages/:messageId': 'posting',
  'POST /api/news/:postId/comments': 'posting',
  'PATCH /api/news/comments/:commentId': 'posting',
  'DELETE /api/news/comments/:commentId': 'posting',

  'POST /api/files': 'uploads',
  'POST /api/uploads': 'uploads',
  'PUT /api/me/photo': 'uploads',
  'PUT /api/schools/:schoolId/logo': 'uploads',

  'GET /api/files/:id': 'files',
  'GET /api/files/:id/view': 'files',
  'GET /api/files/:id/preview': 'files',
  'GET /api/files/:id/thumb/:side': 'files',

  'POST /api/chats/:chatId/polls': 'polls',
  'POST /api/articles/:id/polls': 'polls',
  'POST /api/polls/:id/votes': 'votes',
  'DELETE /api/polls/:id/votes': 'votes',

  'POST /api/schools/:schoolId/invites': 'inviting',
  'POST /api/me/parent-invite': 'inviting',
  'GET /api/invites/:token': 'joining',
  'POST /api/invites/:token/accept': 'joining',
  'POST /api/join-requests': 'joining',
  // PAR-1: a parent's invitation lists the class's students (names only) to whoever holds the link.
  'GET /api/invites/:token/students': 'joining',
  'GET /api/classes/:classId/parents': 'members',
  // PAR-1: the parent's «Главная» reads every child's homework, marks, lessons and teachers at once.
  'GET /api/parents/home': 'members',

  'POST /api/chats': 'broadcast',
  'POST /api/schools/:schoolId/news': 'broadcast',
  'POST /api/schools/:schoolId/articles': 'broadcast',
  'POST /api/articles/:id/publish': 'broadcast',
  'POST /api/lessons': 'broadcast',
  'POST /api/lessons/:lessonId/invite': 'broadcast',

  'GET /api/socket': 'socket',

  // The key and my settings are read when «Уведомления» opens, like any page's data.
  'GET /api/push/key': 'general',
  'GET /api/push/preferences': 'general',
  'POST /api/push/subscriptions': 'pushSettings',
  'DELETE /api/push/subscriptions': 'pushSettings',
  'PUT /api/push/preferences': 'pushSettings',
  'PUT /api/chats/:chatId/mute': 'pushSettings',

  // HW-1: a new assignment rings the whole class; a submission or a mark is one person's word to another.
  'POST /api/classes/:classId/assignments': 'broadcast',
  'PUT /api/assignments/:assignmentId/submission': 'posting',
  'DELETE /api/assignments/:assignmentId/submission': 'posting',
  'PUT /api/assignments/:assignmentId/marks/:studentId': 'posting',
  'GET /api/assignments/:assignmentId/review': 'members',
  'GET /api/classes/:classId/journal': 'members',
  'GET /api/classes/:classId/journal.csv': 'members',

  // SUP-1, SUP-2, ORG-9: new questions, feedback and appeals are read by people; replies are one person's word to another.
  'POST /api/support/questions': 'asking',
  'POST /api/support/feedback': 'asking',
  'POST /api/schools/:schoolId/appeals': 'asking',
  'POST /api/support/questions/:questionId/messages': 'posting',
  'POST /api/support/questions/:questionId/close': 'posting',
  'POST /api/appeals/:appealId/messages': 'posting',
  'POST /api/appeals/:appealId/take': 'posting',
  'POST /api/appeals/:appealId/close': 'posting',
  // SAFE-1: reports are their own budget; the audit log and report lists are lists of people's actions.
  'POST /api/reports': 'reports',
  'GET /api/schools/:schoolId/audit': 'members',
  'GET /api/schools/:schoolId/audit.csv': 'members',
  'GET /api/operator/audit': 'members',
  'GET /api/schools/:schoolId/reports': 'members',
};

/** The budget of a route as registered; null for a route outside /api (the web app's files are not limited). */
export function budgetOfRoute(method: string, url: string): BudgetName | null {
  if (url !== '/api' && !url.startsWith('/api/')) return null;
  return routeBudgets[`${method === 'HEAD' ? 'GET' : method} ${url}`] ?? 'general';
}

/** A budget's numbers after RATE_LIMIT_SCALE (and RATE_LIMIT_ANON_SCALE without a session); never below 1. */
export function scaledMax(name: BudgetName, signedIn: boolean, scales: { scale: number; anonScale: number }): number {
  const b: Budget = budgets[name];
  const max = signedIn ? b.max * scales.scale : (b.anonMax ?? b.max) * scales.scale * scales.anonScale;
  return Math.max(1, Math.round(max));
}
