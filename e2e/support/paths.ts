import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the e2e run keeps its files; all of them are gitignored. */
export const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = path.resolve(e2eDir, '..');
/** PARTA_E2E_TMP lets two runs (with two PARTA_E2E_PORTs) work side by side in one checkout. */
export const tmpDir = process.env.PARTA_E2E_TMP ?? path.join(e2eDir, '.tmp');
/** The server's stdout and stderr: SMS codes are read from here. */
export const serverLog = path.join(tmpDir, 'server.log');
/** The web app built for this run (not web/dist, which others may be rebuilding). */
export const webDist = path.join(tmpDir, 'dist');
export const screenshotDir = path.join(e2eDir, 'screenshots');
/** A port away from the default 3000 so a developer's own `npm start` does not collide. */
export const e2ePort = Number(process.env.PARTA_E2E_PORT ?? 3210);
export const baseUrl = `http://127.0.0.1:${e2ePort}`;
