import { Anchor, Container, Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { changeLanguage, currentLanguage, type Language } from '../../i18n';

/** The footer of public pages: the agreement, privacy, and the interface language. */
export function PublicFooter() {
  const { t } = useTranslation();
  return (
    <footer className="parta-public-bar" style={{ borderTopWidth: 1 }}>
      <Container size="lg" py="lg">
        <Group justify="space-between" gap="md">
          <Group gap="lg">
            <Anchor component={Link} to="/terms" c="dimmed" size="sm">
              {t('footer.terms')}
            </Anchor>
            <Anchor component={Link} to="/privacy" c="dimmed" size="sm">
              {t('footer.privacy')}
            </Anchor>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed" id="footer-lang">
              {t('footer.language')}
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="footer-lang"
              value={currentLanguage()}
              onChange={(v) => changeLanguage(v as Language)}
              data={[
                { value: 'ru', label: t('app.langRu') },
                { value: 'en', label: t('app.langEn') },
              ]}
            />
          </Group>
        </Group>
      </Container>
    </footer>
  );
}
