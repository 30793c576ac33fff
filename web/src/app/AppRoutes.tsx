import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { ArticleEditorPage } from '../features/articles/ArticleEditorPage';
import { ArticlePage } from '../features/articles/ArticlePage';
import { ArticlesPage } from '../features/articles/ArticlesPage';
import { LoginPage } from '../features/auth/LoginPage';
import { useMe } from '../features/auth/useMe';
import { ClassPage } from '../features/classes/ClassPage';
import { ClassesPage } from '../features/classes/ClassesPage';
import { ChatPage } from '../features/chats/ChatPage';
import { ChatsPage } from '../features/chats/ChatsPage';
import { PublicChatsPage } from '../features/chats/PublicChatsPage';
import { RealtimeProvider } from '../features/chats/RealtimeProvider';
import { ErrorAlert, Loading, NotFound } from '../features/common/ui';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { MyDocumentsPage } from '../features/documents/MyDocumentsPage';
import { SchoolDocumentsPage } from '../features/documents/SchoolDocumentsPage';
import { VideosPage } from '../features/documents/VideosPage';
import { HomePage } from '../features/home/HomePage';
import { InvitePage } from '../features/invites/InvitePage';
import { InvitesPage } from '../features/invites/InvitesPage';
import { JoinPage } from '../features/joinRequests/JoinPage';
import { RequestsPage } from '../features/joinRequests/RequestsPage';
import { LandingPage } from '../features/landing/LandingPage';
import { LegalPage } from '../features/legal/LegalPage';
import { AttendancePage } from '../features/lessons/AttendancePage';
import { IncomingCall } from '../features/lessons/IncomingCall';
import { LessonHistoryPage } from '../features/lessons/LessonHistoryPage';
import { LessonPage } from '../features/lessons/LessonPage';
import { OperatorPage } from '../features/operator/OperatorPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { InfoPage } from '../features/school/InfoPage';
import { LeadersPage } from '../features/school/LeadersPage';
import { MembersPage } from '../features/school/MembersPage';
import { NewsFeedPage } from '../features/news/NewsFeedPage';
import { NewsPostPage } from '../features/news/NewsPostPage';
import { MySchoolRedirect } from '../features/school/MySchoolRedirect';
import { SchoolAbilityGate } from '../features/school/SchoolAbilityGate';
import { SchoolLayout } from '../features/school/SchoolLayout';
import { SchoolOverview } from '../features/school/SchoolOverview';
import { SoonSection } from '../features/school/SoonSection';
import { SearchPage } from '../features/search/SearchPage';
import { Shell } from './Shell';

/** Screens behind sign-in: a signed-out visitor goes to /login and comes back afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
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

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Root />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/terms" element={<LegalPage doc="terms" />} />
      <Route path="/privacy" element={<LegalPage doc="privacy" />} />
      <Route
        element={
          <RequireAuth>
            <RealtimeProvider>
              <Shell />
              <IncomingCall />
            </RealtimeProvider>
          </RequireAuth>
        }
      >
        <Route path="/home" element={<HomePage />} />
        <Route path="/join" element={<JoinPage />} />
        <Route path="/school" element={<MySchoolRedirect />} />
        <Route path="/schools/:schoolId" element={<SchoolLayout />}>
          <Route index element={<SchoolOverview />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="classes" element={<ClassesPage />} />
          <Route path="info" element={<InfoPage />} />
          <Route path="leaders" element={<LeadersPage />} />
          <Route path="requests" element={<SchoolAbilityGate ability="reviewRequests"><RequestsPage /></SchoolAbilityGate>} />
          <Route path="invites" element={<SchoolAbilityGate ability="invite"><InvitesPage /></SchoolAbilityGate>} />
          <Route path="documents" element={<SchoolDocumentsPage />} />
          <Route path="videos" element={<VideosPage />} />
          <Route path="articles" element={<ArticlesPage />} />
          <Route path="chats" element={<PublicChatsPage />} />
          <Route path="appeals" element={<SoonSection item="appeals" />} />
          <Route path="news" element={<NewsFeedPage key="channel" feed="channel" />} />
          <Route path="community" element={<NewsFeedPage key="community" feed="community" />} />
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
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
