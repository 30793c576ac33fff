/** The app's one size formatter lives in the contracts, so the server's messages say sizes as the screens do. */
export { formatSize } from '@parta/contracts';
