import { z } from 'zod';
import { message, pollView } from './chats.js';
import { id, isoDateTime, personSummary } from './common.js';
import { type PollColorPreset, pollColorPresetNames, pollLimits } from './constants.js';

export { type PollColorPreset, pollColorPresetNames, pollColorPresets, pollLimits } from './constants.js';

/** A preset name, or a custom colour as #rrggbb (stored lower case). */
export const pollColor = z.union([
  z.enum(pollColorPresetNames as [PollColorPreset, ...PollColorPreset[]]),
  z.string().regex(/^#[0-9a-fA-F]{6}$/).transform((c) => c.toLowerCase()),
]);


/**
 * POST /api/chats/:chatId/polls — POLL-1, POLL-2. The poll is posted in the chat as a message. The
 * same body attaches a poll to an article (POST /api/articles/:id/polls) or comes with a news post.
 */
export const createPollRequest = z.object({
  /** The topic. */
  question: z.string().trim().min(1).max(pollLimits.questionMax),
  /** 2–10 answers, non-empty and distinct (ignoring case and surrounding spaces). */
  options: z
    .array(z.string().trim().min(1).max(pollLimits.optionMax))
    .min(pollLimits.minOptions)
    .max(pollLimits.maxOptions)
    .refine((opts) => new Set(opts.map((o) => o.toLocaleLowerCase('ru'))).size === opts.length, {
      message: 'options_not_distinct',
    }),
  color: pollColor.default('blue'),
  /** Nobody, not even the author, can see who voted for what. */
  anonymous: z.boolean().default(false),
  /** Several answers may be chosen. */
  multiple: z.boolean().default(false),
  /** A vote once cast cannot be changed or taken back. */
  noRetract: z.boolean().default(false),
  /** Voting stops at this moment; must be in the future. */
  deadline: isoDateTime.nullable().default(null),
});
export type CreatePollRequest = z.input<typeof createPollRequest>;
export const createPollResponse = z.object({ data: message });

/** POST /api/polls/:id/votes: the chosen options (exactly one unless the poll allows several). Replaces my earlier vote. */
export const castVoteRequest = z.object({ optionIds: z.array(id).min(1).max(pollLimits.maxOptions) });

/**
 * Where a poll lives: a chat (carried by a message), an article or a news post. Chat polls' updates
 * come as chat events; the others' as `poll.updated` school events (see `schoolPollUpdatedEvent`).
 */
export const pollContainer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chat'), chatId: id, messageId: id }),
  z.object({ kind: z.literal('article'), articleId: id, schoolId: id }),
  z.object({ kind: z.literal('news'), postId: id, schoolId: id }),
]);
export type PollContainer = z.infer<typeof pollContainer>;

/** A poll as I see it: the shared counts plus my own choices. */
export const pollDetails = pollView.extend({
  /** The chat of a chat poll; null for polls of articles and news posts. */
  chatId: id.nullable(),
  /** The chat message that carries the poll; null outside chats. */
  messageId: id.nullable(),
  container: pollContainer,
  /** The options I voted for; empty when I have not voted. */
  myVotes: z.array(id),
});
export type PollDetails = z.infer<typeof pollDetails>;

export const pollAbilities = z.object({
  /** I may vote now (or change my vote). */
  vote: z.boolean(),
  /** I may take my vote back now. */
  retract: z.boolean(),
  /** The poll is named and I may see who voted. */
  seeVoters: z.boolean(),
});

/** GET /api/polls/:id, and the answer to voting or retracting. */
export const pollResponse = z.object({ data: pollDetails, can: pollAbilities });

/** GET /api/polls/:id/voters: named polls only; an anonymous poll answers 403. */
export const pollVotersResponse = z.object({
  data: z.array(z.object({ optionId: id, voters: z.array(personSummary) })),
});

/**
 * GET /api/chats/:chatId/poll-votes: my choices in every poll of a chat, by poll id, so a chat's
 * history can mark them without one request per poll. Polls I have not voted in are absent.
 */
export const myChatPollVotesResponse = z.object({ data: z.record(z.string(), z.array(id)) });

/**
 * A poll outside chats (article, news post) changed: published to `school:<schoolId>` after each vote
 * or retraction. The same public view chat events carry — counts only, never who voted.
 */
export const schoolPollUpdatedEvent = z.object({ type: z.literal('poll.updated'), pollId: id, poll: pollView });
export type SchoolPollUpdatedEvent = z.infer<typeof schoolPollUpdatedEvent>;

/**
 * A poll outside chats reached its deadline: published once to `school:<schoolId>` (whichever server node
 * claims it first), with the final counts. Chat polls get the chat event `poll.closed` instead.
 */
export const schoolPollClosedEvent = z.object({ type: z.literal('poll.closed'), pollId: id, poll: pollView });
export type SchoolPollClosedEvent = z.infer<typeof schoolPollClosedEvent>;

/** Either school-room poll event: both carry the poll's current public view. */
export const schoolPollEvent = z.discriminatedUnion('type', [schoolPollUpdatedEvent, schoolPollClosedEvent]);
