import { Badge, Button, Grid, NavLink, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import {
  IconBook, IconChalkboard, IconChevronDown, IconChevronUp, IconFileText, IconFlag, IconHistory, IconInfoCircle, IconLink,
  IconMailQuestion, IconMessages, IconNews, IconUserCheck, IconUserPlus, IconUsers, IconUsersGroup, IconVideo,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { ErrorAlert, Loading, NotFound } from '../common/ui';
import { ApiError } from '../../api/client';
import { AppealsBadge } from '../appeals/AppealsBadge';
import { NewsMenuBadge } from '../news/NewsMenuBadge';
import { ReportsMenuBadge } from '../reports/ReportsMenuBadge';
import { type SchoolMenuKey, visibleMenu } from './schoolMenu';
import { useSchoolPage } from './useSchool';

const icons: Record<SchoolMenuKey, typeof IconBook> = {
  documents: IconFileText,
  videos: IconVideo,
  articles: IconBook,
  members: IconUsers,
  classes: IconChalkboard,
  chats: IconMessages,
  info: IconInfoCircle,
  appeals: IconMailQuestion,
  leaders: IconUserCheck,
  requests: IconUserPlus,
  invites: IconLink,
  news: IconNews,
  community: IconUsersGroup,
  reports: IconFlag,
  audit: IconHistory,
};

/** «Моя школа»: the page on the left, the school's menu on the right (above the page on phones). */
export function SchoolLayout() {
  const { t } = useTranslation();
  const { schoolId } = useParams();
  const location = useLocation();
  const school = useSchoolPage(schoolId);
  const [menuOpen, { toggle: toggleMenu, close: closeMenu }] = useDisclosure(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a chosen item folds the phone menu
  useEffect(() => closeMenu(), [location.pathname]);

  if (school.isPending) return <Loading />;
  if (school.isError) {
    if (school.error instanceof ApiError && school.error.status === 404) return <NotFound />;
    return <ErrorAlert error={school.error} onRetry={() => void school.refetch()} />;
  }
  const base = `/schools/${schoolId}`;
  const pending = school.data.data.pendingRequestCount ?? 0;

  const items = visibleMenu(school.data.can);
  const current = items.find((key) => location.pathname === `${base}/${key}`);
  const links = (
    <Stack gap={0}>
      {items.map((key) => (
          <NavLink
            key={key}
            component={Link}
            to={`${base}/${key}`}
            label={t(`schoolMenu.${key}`)}
            leftSection={(() => {
              const Icon = icons[key];
              return <Icon size={18} stroke={1.6} />;
            })()}
            rightSection={
              key === 'requests' && pending > 0 ? (
                <Badge size="sm" color="red" circle aria-label={String(pending)}>
                  {pending}
                </Badge>
              ) : key === 'appeals' ? (
                <AppealsBadge schoolId={school.data.data.id} />
              ) : key === 'reports' ? (
                <ReportsMenuBadge schoolId={school.data.data.id} />
              ) : key === 'news' || key === 'community' ? (
                <NewsMenuBadge schoolId={school.data.data.id} feed={key === 'news' ? 'channel' : 'community'} />
              ) : undefined
            }
            active={location.pathname === `${base}/${key}`}
          />
      ))}
    </Stack>
  );

  // Wide screens: the guide's right-hand menu. Phones: one button that folds the same menu out.
  const menu = (
    <>
      <Paper withBorder p="xs" component="nav" aria-label={t('school.menu')} visibleFrom="md">
        <Text size="sm" fw={700} px="sm" py={6} lineClamp={2}>
          {school.data.data.name}
        </Text>
        {links}
      </Paper>
      <Paper withBorder p={4} component="nav" aria-label={t('school.menu')} hiddenFrom="md">
        <Button
          variant="subtle"
          fullWidth
          justify="space-between"
          onClick={toggleMenu}
          aria-expanded={menuOpen}
          rightSection={menuOpen ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
        >
          {current ? t(`schoolMenu.${current}`) : t('school.menu')}
          {pending > 0 && (
            <Badge size="sm" color="red" circle ml={8}>
              {pending}
            </Badge>
          )}
          {/* Folded on phones: the administration still sees that new appeals wait. */}
          {!menuOpen && current !== 'appeals' && <AppealsBadge schoolId={school.data.data.id} ml={8} />}
        </Button>
        {menuOpen && links}
      </Paper>
    </>
  );

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 8, lg: 9 }} order={{ base: 2, md: 1 }}>
        <Outlet context={school.data} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4, lg: 3 }} order={{ base: 1, md: 2 }}>
        {menu}
      </Grid.Col>
    </Grid>
  );
}
