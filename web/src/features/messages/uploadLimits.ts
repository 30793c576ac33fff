/** Files a message may carry (the server's fileIds limit); more are sent as several messages. */
export const FILES_PER_MESSAGE = 10;
/** At most this many files are taken from one paste, drop or choice. */
export const FILES_AT_ONCE = 30;
