import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
  // Russian words in capitals read poorly («НА РАССМОТРЕНИИ»): badges keep the case of their text.
  components: { Badge: Badge.extend({ defaultProps: { tt: 'none' } }) },
});
