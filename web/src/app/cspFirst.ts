import { applyColorSchemeEarly } from './colorScheme';
import { keepLibrariesInsideCsp } from './csp';

// Imported first by main.tsx: zod decides whether to compile parsers with `new Function` when a schema is
// made, and the contracts make theirs as their modules load, before main.tsx's own code runs.
keepLibrariesInsideCsp();
// The dark or light theme before anything paints (Mantine's own ColorSchemeScript is an inline script the CSP refuses).
applyColorSchemeEarly();
