import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconMapPin, IconPhone, IconPlus, IconUsers, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../common/ui';
import { SchoolLogo } from '../photos/PersonAvatar';
import { PeopleList } from './PeopleList';
import { useSchoolContext } from './useSchool';

const SHOWN = 8;

/** ORG-2: name, description, participants, contacts, teachers and students with «Добавить». */
export function SchoolOverview() {
  const { t } = useTranslation();
  const { data: school, can } = useSchoolContext();
  useDocumentTitle(school.name);
  const base = `/schools/${school.id}`;
  const site = school.site && /^https?:\/\//.test(school.site) ? school.site : school.site ? `https://${school.site}` : null;

  const contacts = [
    school.address && { icon: IconMapPin, text: school.address, label: t('school.address') },
    school.phone && { icon: IconPhone, text: school.phone, href: `tel:${school.phone}`, label: t('school.phone') },
    school.email && { icon: IconMail, text: school.email, href: `mailto:${school.email}`, label: t('school.email') },
    site && school.site && { icon: IconWorld, text: school.site, href: site, label: t('school.site') },
  ].filter((c): c is { icon: typeof IconMapPin; text: string; href?: string; label: string } => !!c);

  const list = (kind: 'teacher' | 'student') => {
    const people = kind === 'teacher' ? school.teachers : school.students;
    return (
      <Paper withBorder p="md" component="section" aria-labelledby={`list-${kind}`}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id={`list-${kind}`}>
            {kind === 'teacher' ? t('school.teachers') : t('school.students')}{' '}
            <Text span c="dimmed" fw={400}>
              {people.length}
            </Text>
          </Title>
          {can.invite && (
            <Button
              component={Link}
              to={`${base}/invites?role=${kind}`}
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
            >
              {t('school.add')}
            </Button>
          )}
        </Group>
        <PeopleList
          people={people.slice(0, SHOWN)}
          empty={kind === 'teacher' ? t('school.noTeachers') : t('school.noStudents')}
        />
        {people.length > SHOWN && (
          <Anchor component={Link} to={`${base}/members?role=${kind}`} size="sm" mt="sm" display="block">
            {t('school.showAll')}
          </Anchor>
        )}
      </Paper>
    );
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <Group gap="md" wrap="nowrap">
            <SchoolLogo schoolId={school.id} name={school.name} size={56} />
            <Title order={1} size="h2">
              {school.name}
            </Title>
          </Group>
          <Group gap={6} c="dimmed">
            <IconUsers size={16} />
            <Anchor component={Link} to={`${base}/members`} size="sm" c="dimmed">
              {t('school.participants', { count: school.participantCount })}
            </Anchor>
            <Text size="sm">·</Text>
            <Text size="sm">
              {school.country}, {school.city}
            </Text>
          </Group>
          {school.description && <Text style={{ whiteSpace: 'pre-line' }}>{school.description}</Text>}
          {contacts.length > 0 && (
            <Stack gap={4} mt="xs">
              <Text fw={600} size="sm">
                {t('school.contacts')}
              </Text>
              {contacts.map((c) => (
                <Group key={c.label} gap={8} wrap="nowrap">
                  <c.icon size={16} aria-label={c.label} />
                  {c.href ? (
                    <Anchor href={c.href} size="sm" target={c.href.startsWith('http') ? '_blank' : undefined} rel="noreferrer">
                      {c.text}
                    </Anchor>
                  ) : (
                    <Text size="sm">{c.text}</Text>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {list('teacher')}
        {list('student')}
      </SimpleGrid>
    </Stack>
  );
}
