import {
  AppShell, Burger, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook, IconBell, IconHeadset, IconHelp, IconBuildingCommunity, IconChevronDown, IconClipboardList, IconFileText, IconFlag, IconHome,
  IconLanguage, IconLock, IconLogout, IconMessage, IconSchool, IconSettings, IconUser,
} from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../features/auth/useMe';
import { UnreadBadge } from '../features/chats/UnreadBadge';
import { HomeworkBadge } from '../features/homework/HomeworkBadge';
import { SchoolNewsBadge } from '../features/news/NewsMenuBadge';
import { STATUS_BAR_HEIGHT, StatusBars, frameShowsBars, useStatusBars } from '../features/pwa/StatusBars';
import { TabAttention } from '../features/pwa/TabAttention';
import { SearchBox } from '../features/search/SearchBox';
import { fullName } from '../features/common/personName';
import { PersonAvatar } from '../features/photos/PersonAvatar';
import { changeLanguage, currentLanguage } from '../i18n';
import { lazyScreen } from './lazyScreen';
import { Logo } from './Logo';
import { ThemeMenuItems } from './ThemeMenu';
import { mySchools, primaryRole } from './primaryRole';
import { useHasNotices } from '../features/reports/noticesGate';

/** The signed-in frame: header, left menu (a burger at phone width) and the page. */
// «Уведомления» is opened rarely: its code (the browser's push, quiet hours) loads when it is.
// The support desk's count is the operator's only: its code loads for them, not with everyone's first screen.
const SupportBadge = lazyScreen(() => import('../features/support/SupportBadge').then((m) => m.SupportBadge));
// SAFE-1: a warning from the administration, an urgent report: shown above every page; its code loads after the frame.
const SafetyNotices = lazyScreen(() => import('../features/reports/SafetyNotices').then((m) => m.SafetyNotices));
// The child switcher is a parent's only: its code loads for them.
const ChildSwitcher = lazyScreen(() => import('../features/parents/ChildSwitcher').then((m) => m.ChildSwitcher));
const NotificationSettingsModal = lazyScreen(() => import('../features/push/NotificationSettingsModal').then((m) => m.NotificationSettingsModal));

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const [notificationsOpen, notifications] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe().data;
  const isParent = !!me?.memberships.some((m) => m.role === 'parent');
  const hasNotices = useHasNotices();
  const signOut = useSignOut();
  const schoolMatch = useMatch('/schools/:schoolId/*');

  // A chosen menu item closes the burger menu on phones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [location.pathname]);
  // «Нет связи» and «Доступна новая версия» sit at the top of this header, which grows by their height.
  const bars = useStatusBars();
  useEffect(() => frameShowsBars(), []);

  if (!me) return null;
  const role = primaryRole(me, schoolMatch?.params.schoolId);
  const schools = mySchools(me);
  const firstSchool = schools[0];
  const path = location.pathname;

  const onSignOut = async () => {
    await signOut();
    navigate('/', { replace: true });
  };
  const otherLanguage = currentLanguage() === 'ru' ? 'en' : 'ru';

  const items = [
    { to: '/home', label: t('nav.home'), icon: IconHome, active: path === '/home' },
    {
      to: firstSchool ? `/schools/${firstSchool.schoolId}` : '/school',
      label: t('nav.school'),
      icon: IconSchool,
      active: path.startsWith('/schools/') || path.startsWith('/classes/') || path === '/school',
    },
    { to: '/chats', label: t('nav.messages'), icon: IconMessage, active: path.startsWith('/chats') },
    { to: '/documents', label: t('nav.documents'), icon: IconFileText, active: path === '/documents' },
    { to: '/profile', label: t('nav.profile'), icon: IconUser, active: path === '/profile' },
    { to: '/contacts', label: t('nav.contacts'), icon: IconAddressBook, active: path === '/contacts' },
  ];
  // HW-1: «Задания» for those who learn or teach, and for parents (their children's, read-only).
  if (me.memberships.some((m) => m.role === 'student' || m.role === 'teacher' || m.role === 'parent')) {
    items.splice(3, 0, { to: '/homework', label: t('nav.homework'), icon: IconClipboardList, active: path.startsWith('/homework') || path.endsWith('/journal') });
  }
  if (me.isOperator) {
    items.push({ to: '/operator', label: t('nav.operator'), icon: IconSettings, active: path === '/operator' });
    // SUP-1: the support desk, with the count of questions waiting for an answer.
    items.push({ to: '/operator/support', label: t('nav.support'), icon: IconHeadset, active: path.startsWith('/operator/support') });
  }

  return (
    <AppShell
      header={{ height: 60 + bars.count * STATUS_BAR_HEIGHT }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <StatusBars bars={bars} />
        <Group h={60} px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openMenu')} />
            <Logo to="/home" />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {isParent && (
              <Suspense fallback={null}>
                <ChildSwitcher where="header" />
              </Suspense>
            )}
            <SearchBox />
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <UnstyledButton>
                  {/* The name «Профиль …» comes from the content, so it always contains what is seen. */}
                  <VisuallyHidden>{t('nav.profile')}</VisuallyHidden>
                  <Group gap="xs" wrap="nowrap">
                    <PersonAvatar person={me} size="md" aria-hidden />
                    <Stack gap={0} visibleFrom="xs">
                      <Text size="sm" fw={600} lh={1.2}>
                        {role ? `${fullName(me)}, ${t(`roles.${role}`)}` : fullName(me)}
                      </Text>
                    </Stack>
                    <IconChevronDown size={16} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} />}>
                  {t('nav.profile')}
                </Menu.Item>
                <Menu.Item component={Link} to="/my-reports" leftSection={<IconFlag size={16} />}>
                  {t('nav.myReports')}
                </Menu.Item>
                <Menu.Item leftSection={<IconBell size={16} />} onClick={notifications.open}>
                  {t('push.menu')}
                </Menu.Item>
                <Menu.Item component={Link} to="/help" leftSection={<IconHelp size={16} />}>
                  {t('nav.help')}
                </Menu.Item>
                <Menu.Item leftSection={<IconLanguage size={16} />} onClick={() => changeLanguage(otherLanguage)}>
                  {otherLanguage === 'en' ? t('app.langEn') : t('app.langRu')}
                </Menu.Item>
                <Menu.Divider />
                <ThemeMenuItems />
                <Menu.Divider />
                <Menu.Item c="var(--mantine-color-error)" leftSection={<IconLogout size={16} />} onClick={() => void onSignOut()}>
                  {t('nav.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.mainMenu')}>
        <AppShell.Section>
          {schools.length > 0 && (
            <Stack gap={2} mb="sm">
              <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm">
                {t('nav.mySchools')}
              </Text>
              {schools.map((s) => (
                <NavLink
                  key={s.schoolId}
                  component={Link}
                  to={`/schools/${s.schoolId}`}
                  label={s.schoolName}
                  leftSection={<IconBuildingCommunity size={18} />}
                  active={schoolMatch?.params.schoolId === s.schoolId}
                  variant="light"
                />
              ))}
            </Stack>
          )}
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <div>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                leftSection={<item.icon size={20} stroke={1.6} />}
                active={item.active}
                aria-current={item.active ? 'page' : undefined}
                rightSection={
                  item.to === '/chats' ? <UnreadBadge /> : item.to === '/homework' ? <HomeworkBadge /> : item.to === '/operator/support' ? <Suspense fallback={null}><SupportBadge /></Suspense> : item.icon === IconSchool && firstSchool ? <SchoolNewsBadge schoolId={firstSchool.schoolId} /> : undefined
                }
              />
            ))}
          </div>
        </AppShell.Section>
        <AppShell.Section>
          <NavLink component={Link} to="/privacy" label={t('nav.privacy')} leftSection={<IconLock size={16} />} />
          <NavLink component={Link} to="/terms" label={t('nav.terms')} leftSection={<IconFileText size={16} />} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        {hasNotices && (
          <Suspense fallback={null}>
            <SafetyNotices />
          </Suspense>
        )}
        <Outlet />
      </AppShell.Main>
      {notificationsOpen && (
        <Suspense fallback={null}>
          <NotificationSettingsModal opened onClose={notifications.close} />
        </Suspense>
      )}
      <TabAttention me={me} />
    </AppShell>
  );
}
