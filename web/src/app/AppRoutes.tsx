import { type ReactNode, Suspense } from 'react';
import { createRoutesFromElements, matchRoutes, Navigate, Outlet, Route, Routes, useLocation, useOutletContext } from 'react-router';
import { useMe } from '../features/auth/useMe';
import { ErrorAlert, Loading, NotFound } from '../features/common/ui';
import { LandingPage } from '../features/landing/LandingPage';
import { lazyScreen, preloadScreensIn } from './lazyScreen';
import { useReadyInSlices } from './readyInSlices';

// Every screen but the landing page is loaded when it is opened: a visitor's first screen carries only its own code
// (the article editor's TipTap, the call screen's WebRTC, the operator's screens load when asked for).
const AppealPage = lazyScreen(() => import('../features/appeals/AppealPage').then((m) => m.AppealPage));
const AppealsPage = lazyScreen(() => import('../features/appeals/AppealsPage').then((m) => m.AppealsPage));
const ArticleEditorPage = lazyScreen(() => import('../features/articles/ArticleEditorPage').then((m) => m.ArticleEditorPage));
const ArticlePage = lazyScreen(() => import('../features/articles/ArticlePage').then((m) => m.ArticlePage));
const ArticlesPage = lazyScreen(() => import('../features/articles/ArticlesPage').then((m) => m.ArticlesPage));
const LoginPage = lazyScreen(() => import('../features/auth/LoginPage').then((m) => m.LoginPage));
const ClassPage = lazyScreen(() => import('../features/classes/ClassPage').then((m) => m.ClassPage));
const ClassesPage = lazyScreen(() => import('../features/classes/ClassesPage').then((m) => m.ClassesPage));
const ChatPage = lazyScreen(() => import('../features/chats/ChatPage').then((m) => m.ChatPage));
const ChatsPage = lazyScreen(() => import('../features/chats/ChatsPage').then((m) => m.ChatsPage));
const PublicChatsPage = lazyScreen(() => import('../features/chats/PublicChatsPage').then((m) => m.PublicChatsPage));
const ContactsPage = lazyScreen(() => import('../features/contacts/ContactsPage').then((m) => m.ContactsPage));
const MyDocumentsPage = lazyScreen(() => import('../features/documents/MyDocumentsPage').then((m) => m.MyDocumentsPage));
const SchoolDocumentsPage = lazyScreen(() => import('../features/documents/SchoolDocumentsPage').then((m) => m.SchoolDocumentsPage));
const VideosPage = lazyScreen(() => import('../features/documents/VideosPage').then((m) => m.VideosPage));
const AssignmentPage = lazyScreen(() => import('../features/homework/AssignmentPage').then((m) => m.AssignmentPage));
const HomeworkPage = lazyScreen(() => import('../features/homework/HomeworkPage').then((m) => m.HomeworkPage));
const JournalPage = lazyScreen(() => import('../features/homework/JournalPage').then((m) => m.JournalPage));
const NewAssignmentPage = lazyScreen(() => import('../features/homework/NewAssignmentPage').then((m) => m.NewAssignmentPage));
const HomePage = lazyScreen(() => import('../features/home/HomePage').then((m) => m.HomePage));
const InvitePage = lazyScreen(() => import('../features/invites/InvitePage').then((m) => m.InvitePage));
const InvitesPage = lazyScreen(() => import('../features/invites/InvitesPage').then((m) => m.InvitesPage));
const JoinPage = lazyScreen(() => import('../features/joinRequests/JoinPage').then((m) => m.JoinPage));
const RequestsPage = lazyScreen(() => import('../features/joinRequests/RequestsPage').then((m) => m.RequestsPage));
const LegalPage = lazyScreen(() => import('../features/legal/LegalPage').then((m) => m.LegalPage));
const AttendancePage = lazyScreen(() => import('../features/lessons/AttendancePage').then((m) => m.AttendancePage));
const LessonHistoryPage = lazyScreen(() => import('../features/lessons/LessonHistoryPage').then((m) => m.LessonHistoryPage));
const LessonPage = lazyScreen(() => import('../features/lessons/LessonPage').then((m) => m.LessonPage));
const OperatorPage = lazyScreen(() => import('../features/operator/OperatorPage').then((m) => m.OperatorPage));
const ProfilePage = lazyScreen(() => import('../features/profile/ProfilePage').then((m) => m.ProfilePage));
const InfoPage = lazyScreen(() => import('../features/school/InfoPage').then((m) => m.InfoPage));
const LeadersPage = lazyScreen(() => import('../features/school/LeadersPage').then((m) => m.LeadersPage));
const MembersPage = lazyScreen(() => import('../features/school/MembersPage').then((m) => m.MembersPage));
const NewsFeedPage = lazyScreen(() => import('../features/news/NewsFeedPage').then((m) => m.NewsFeedPage));
const NewsPostPage = lazyScreen(() => import('../features/news/NewsPostPage').then((m) => m.NewsPostPage));
const MySchoolRedirect = lazyScreen(() => import('../features/school/MySchoolRedirect').then((m) => m.MySchoolRedirect));
const SchoolAbilityGate = lazyScreen(() => import('../features/school/SchoolAbilityGate').then((m) => m.SchoolAbilityGate));
const SchoolLayout = lazyScreen(() => import('../features/school/SchoolLayout').then((m) => m.SchoolLayout));
const SchoolOverview = lazyScreen(() => import('../features/school/SchoolOverview').then((m) => m.SchoolOverview));
const DeskPage = lazyScreen(() => import('../features/support/DeskPage').then((m) => m.DeskPage));
const HelpPage = lazyScreen(() => import('../features/support/HelpPage').then((m) => m.HelpPage));
const HelpSectionPage = lazyScreen(() => import('../features/support/HelpSectionPage').then((m) => m.HelpSectionPage));
const MyQuestionsPage = lazyScreen(() => import('../features/support/MyQuestionsPage').then((m) => m.MyQuestionsPage));
const QuestionPage = lazyScreen(() => import('../features/support/QuestionPage').then((m) => m.QuestionPage));
const MyReportsPage = lazyScreen(() => import('../features/reports/MyReportsPage').then((m) => m.MyReportsPage));
const ReportPage = lazyScreen(() => import('../features/reports/ReportPage').then((m) => m.ReportPage));
const ReportsPage = lazyScreen(() => import('../features/reports/ReportsPage').then((m) => m.ReportsPage));
const SchoolAuditPage = lazyScreen(() => import('../features/audit/AuditPage').then((m) => m.SchoolAuditPage));
const OperatorAuditPage = lazyScreen(() => import('../features/audit/AuditPage').then((m) => m.OperatorAuditPage));
const SearchPage = lazyScreen(() => import('../features/search/SearchPage').then((m) => m.SearchPage));
/** The frame of every screen behind sign-in: the socket, the header and menus, the incoming-call banner. */
const SignedInLayout = lazyScreen(() => import('./SignedInLayout').then((m) => m.SignedInLayout));

/**
 * Where a screen shows while its code loads: the frame around it (header, menus, the school's tabs) stays. The
 * layout's outlet context (the school of SchoolLayout) is handed on to the screens below.
 */
function ScreenOutlet() {
  const context = useOutletContext();
  return (
    <Suspense fallback={<Loading />}>
      <Outlet context={context} />
    </Suspense>
  );
}

/** Screens behind sign-in: a signed-out visitor goes to /login and comes back afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  // The frame and the screen are drawn in slices once who is signed in is known (readyInSlices.ts).
  const shown = useReadyInSlices(Boolean(me.data));
  if (me.isPending || (me.data && !shown)) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}

/** `/`: the landing for visitors, «Главная» for those signed in. */
function Root() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to="/home" replace />;
  return <LandingPage />;
}

const routes = (
  <>
    <Route path="/" element={<Root />} />
    <Route path="/login" element={<LoginPage />} />
    <Route path="/invite/:token" element={<InvitePage />} />
    <Route path="/terms" element={<LegalPage doc="terms" />} />
    <Route path="/privacy" element={<LegalPage doc="privacy" />} />
    <Route
      element={
        <RequireAuth>
          <SignedInLayout />
        </RequireAuth>
      }
    >
      <Route element={<ScreenOutlet />}>
        <Route path="/home" element={<HomePage />} />
        <Route path="/join" element={<JoinPage />} />
        <Route path="/school" element={<MySchoolRedirect />} />
        <Route path="/schools/:schoolId" element={<SchoolLayout />}>
          <Route element={<ScreenOutlet />}>
            <Route index element={<SchoolOverview />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="classes" element={<ClassesPage />} />
            <Route path="info" element={<InfoPage />} />
            <Route path="leaders" element={<LeadersPage />} />
            <Route path="requests" element={<SchoolAbilityGate ability="reviewRequests"><RequestsPage /></SchoolAbilityGate>} />
            <Route path="invites" element={<SchoolAbilityGate ability="invite"><InvitesPage /></SchoolAbilityGate>} />
            <Route path="reports" element={<SchoolAbilityGate ability="manage"><ReportsPage /></SchoolAbilityGate>} />
            <Route path="audit" element={<SchoolAbilityGate ability="manage"><SchoolAuditPage /></SchoolAbilityGate>} />
            <Route path="documents" element={<SchoolDocumentsPage />} />
            <Route path="videos" element={<VideosPage />} />
            <Route path="articles" element={<ArticlesPage />} />
            <Route path="chats" element={<PublicChatsPage />} />
            <Route path="appeals" element={<AppealsPage />} />
            <Route path="appeals/:appealId" element={<AppealPage />} />
            <Route path="news" element={<NewsFeedPage key="channel" feed="channel" />} />
            <Route path="community" element={<NewsFeedPage key="community" feed="community" />} />
          </Route>
        </Route>
        <Route path="/news/:postId" element={<NewsPostPage />} />
        <Route path="/schools/:schoolId/articles/new" element={<ArticleEditorPage />} />
        <Route path="/articles/:articleId" element={<ArticlePage />} />
        <Route path="/articles/:articleId/edit" element={<ArticleEditorPage />} />
        <Route path="/classes/:classId" element={<ClassPage />} />
        <Route path="/chats" element={<ChatsPage />} />
        <Route path="/chats/:chatId" element={<ChatPage />} />
        <Route path="/messages" element={<Navigate to="/chats" replace />} />
        <Route path="/documents" element={<MyDocumentsPage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="/contacts" element={<ContactsPage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/lessons" element={<LessonHistoryPage />} />
        <Route path="/lessons/:lessonId" element={<LessonPage />} />
        <Route path="/lessons/:lessonId/attendance" element={<AttendancePage />} />
        <Route path="/operator" element={<OperatorPage />} />
        <Route path="/operator/support" element={<DeskPage />} />
        <Route path="/operator/support/:questionId" element={<QuestionPage key="desk" desk />} />
        <Route path="/help" element={<HelpPage />} />
        <Route path="/help/questions" element={<MyQuestionsPage />} />
        <Route path="/help/questions/:questionId" element={<QuestionPage key="mine" />} />
        <Route path="/help/:section" element={<HelpSectionPage />} />
        <Route path="/operator/audit" element={<OperatorAuditPage />} />
        <Route path="/reports/:reportId" element={<ReportPage />} />
        <Route path="/my-reports" element={<MyReportsPage />} />
        <Route path="/homework" element={<HomeworkPage />} />
        <Route path="/homework/new" element={<NewAssignmentPage />} />
        <Route path="/homework/:assignmentId" element={<AssignmentPage />} />
        <Route path="/classes/:classId/journal" element={<JournalPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Route>
  </>
);

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>{routes}</Routes>
    </Suspense>
  );
}

/**
 * Starts loading the code of the screen at `pathname` (and of the frame around it) at once, while the app still asks
 * the server who is signed in: the screen does not wait for that answer before its code is even asked for.
 */
export function preloadScreenAt(pathname: string): void {
  for (const match of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) preloadScreensIn(match.route.element);
}
