import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mySchools } from '../../app/primaryRole';
import { useReadyInSlices } from '../../app/readyInSlices';
import { useMe } from '../auth/useMe';
import { myRequestsKey } from '../chats/RealtimeProvider';
import { relativeTime } from '../common/dates';
import { roleTitle } from '../common/roleLabel';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { RequestStatusBadge } from '../joinRequests/RequestStatusBadge';
import { HomeChats } from '../chats/HomeChats';
import { ClassCallButton, HomeLessons } from '../lessons/HomeLessons';
import { HomeNews } from '../news/HomeNews';
import { fetchMyRequests, useHomeSettled } from './useHomeSettled';
import { teachingClasses } from './useTeachingClasses';
import { lazyScreen } from '../../app/lazyScreen';

// PAR-1: the parent's part of «Главная» loads with its own code, only for a parent.
const ParentHome = lazyScreen(() => import('../parents/ParentHome').then((m) => m.ParentHome));

/** «Главная»: greeting, my schools and roles, my join requests with their outcome, my classes. */
export function HomePage() {
  const me = useMe().data;
  if (!me) return null;
  return <Home me={me} />;
}

function Home({ me }: { me: NonNullable<ReturnType<typeof useMe>['data']> }) {
  const { t, i18n } = useTranslation();
  // No polling: the outcome arrives over the socket (`joinRequest.decided` in my room refetches this list, and
  // `member.joined` refetches `me`, so the new school appears in the left menu at once).
  const requests = useQuery({ queryKey: myRequestsKey, queryFn: fetchMyRequests });
  // The blocks are drawn in slices once their data is in (app/readyInSlices.ts); the skeletons stay until then.
  const settled = useReadyInSlices(useHomeSettled(me));
  const teaching = teachingClasses(me);
  const schools = mySchools(me);
  const title = (
    <PageTitle
      right={
        <Button component={Link} to="/join" leftSection={<IconPlus size={16} />} variant="light">
          {t('home.addSchool')}
        </Button>
      }
    >
      {t('home.greeting', { name: me.firstName })}
    </PageTitle>
  );
  if (!settled) {
    return (
      <Stack gap="md">
        {title}
        <HomeSkeleton />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {title}

      {me.memberships.some((m) => m.role === 'parent') && (
        <Suspense fallback={<Loading />}>
          <ParentHome />
        </Suspense>
      )}

      <HomeLessons classes={teaching} />

      {/* HW-1: «Главная» → «Задания»; the screen itself loads when opened. */}
      {me.memberships.some((m) => m.role === 'student' || m.role === 'teacher') && (
        <Group gap="xs">
          <Button component={Link} to="/homework" variant="light">
            {t('home.homework')}
          </Button>
          {teaching.length > 0 && (
            <Button component={Link} to="/homework/new" variant="default" leftSection={<IconPlus size={16} />}>
              {t('home.homeworkGive')}
            </Button>
          )}
        </Group>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="home-schools">
          <Title order={2} size="h4" mb="sm" id="home-schools">
            {t('home.mySchools')}
          </Title>
          {schools.length === 0 ? (
            <EmptyText>{t('home.noSchools')}</EmptyText>
          ) : (
            <Stack gap="xs">
              {schools.map((s) => (
                // The whole row is one link («Гимназия №1 Учитель»), so the left menu keeps the only
                // link named exactly after the school.
                <UnstyledButton key={s.schoolId} component={Link} to={`/schools/${s.schoolId}`} p={4}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Text fw={600} c="var(--mantine-color-anchor)">
                      {s.schoolName}
                    </Text>
                    <Group gap={4}>
                      {[...new Set(me.memberships.filter((m) => m.schoolId === s.schoolId).map((m) => m.role))].map((r) => (
                        <Badge key={r} variant="light">
                          {roleTitle(t, r)}
                        </Badge>
                      ))}
                    </Group>
                  </Group>
                </UnstyledButton>
              ))}
            </Stack>
          )}
          {me.isOperator && (
            <Anchor component={Link} to="/operator" size="sm" mt="sm" display="block">
              {t('home.operatorLink')}
            </Anchor>
          )}
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="home-requests">
          <Title order={2} size="h4" mb="sm" id="home-requests">
            {t('home.myRequests')}
          </Title>
          {requests.isPending ? (
            <Loading />
          ) : requests.isError ? (
            <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
          ) : requests.data.data.length === 0 ? (
            <EmptyText>{t('home.noRequests')}</EmptyText>
          ) : (
            <Stack gap="xs">
              {requests.data.data.map((r) => (
                <Group key={r.id} justify="space-between" wrap="wrap" gap="xs">
                  <div>
                    <Text fw={600} size="sm">
                      {r.schoolName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('home.requestLine', { role: roleTitle(t, r.role), date: relativeTime(r.createdAt, i18n.language) })}
                      {r.classes.length > 0 && ` · ${r.classes.map((c) => c.name).join(', ')}`}
                    </Text>
                    {r.rejectReason && (
                      <Text size="sm" mt={2} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
                        {t('requests.reasonLine', { reason: r.rejectReason })}
                      </Text>
                    )}
                  </div>
                  <RequestStatusBadge status={r.status} />
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>

      {schools.map((s) => (
        <HomeNews key={s.schoolId} schoolId={s.schoolId} schoolName={s.schoolName} />
      ))}

      <HomeChats />

      {teaching.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="home-classes">
          <Title order={2} size="h4" mb="sm" id="home-classes">
            {t('home.myClasses')}
          </Title>
          <Group gap="xs">
            {teaching.map((c) => (
              <Group key={c.id} gap={4} wrap="nowrap" align="stretch" role="group" aria-label={c.name}>
              <Button
                component={Link}
                to={`/classes/${c.id}`}
                variant="default"
                h="auto"
                py={6}
                styles={{ label: { flexDirection: 'column', alignItems: 'flex-start' } }}
              >
                <Text fw={700}>{c.name}</Text>
                <Text size="xs" c="dimmed">
                  {c.subjects.join(', ')}
                </Text>
              </Button>
              <ClassCallButton classId={c.id} />
              </Group>
            ))}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

/**
 * What «Главная» shows while its blocks load: the outline of the schools and requests cards and of the chats list,
 * so nothing already on screen moves when they arrive together.
 */
function HomeSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" role="status" aria-label={t('app.loading')} aria-busy>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Skeleton h={120} radius="md" />
        <Skeleton h={120} radius="md" />
      </SimpleGrid>
      <Skeleton h={260} radius="md" />
    </Stack>
  );
}
