import type { PollView } from '@parta/contracts';
import { Badge, Box, Button, Checkbox, Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { dateTime } from '../common/dates';
import { type History, type MyPollVotesResponse, type PollResponse, chatKeys } from '../chats/chatTypes';
import { setPoll } from '../chats/historyCache';
import { ErrorAlert } from '../common/ui';
import { fullName } from '../common/personName';
import { percentOf, pollBackground, textOn } from './pollColor';
import { usePollVoters } from './usePollVoters';
import './texts';

/** Where a card is shown: in a chat (answers update the chat's caches) or anywhere else (the caller applies them). */
export type PollCardPlace =
  | { chatId: string; messageId: string; onAnswer?: undefined }
  | { onAnswer: (answer: PollResponse) => void; chatId?: undefined; messageId?: undefined };

export type PollCardProps = PollCardPlace & {
  poll: PollView;
  /** The options I voted for. */
  myVotes: string[];
  /** Show results only: no voting controls (e.g. a draft article's poll, or someone who may only look). */
  readOnly?: boolean;
  /**
   * I may see who voted (the poll's `can.seeVoters`). Defaults to "the poll is named": whoever sees a chat's poll
   * may see a named poll's voters. An anonymous poll never shows names.
   */
  seeVoters?: boolean;
};

/**
 * POLL-1..3: a card on the poll's colour with a bar, a count and a percent per answer. The counts
 * come with `poll.updated` events (chat events in a chat, school events elsewhere — see LivePoll),
 * so the bars move on every screen at once. Loaded with the first poll a screen shows (PollCard.tsx).
 */
export function PollCardView(props: PollCardProps) {
  const { poll, myVotes, readOnly = false } = props;
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [showVoters, setShowVoters] = useState(false);
  const seeVoters = !poll.anonymous && (props.seeVoters ?? true);
  const voters = usePollVoters(poll, showVoters && seeVoters);
  const idBase = useId();
  const bg = pollBackground(poll.color);
  const fg = textOn(bg);
  const expired = poll.closed || (poll.deadline !== null && new Date(poll.deadline).getTime() <= Date.now());
  const voted = myVotes.length > 0;
  const mayVote = !readOnly && !expired && !voted;
  const mayRetract = !readOnly && !expired && voted && !poll.noRetract;

  const apply = (r: PollResponse) => {
    if (props.onAnswer) {
      props.onAnswer(r);
    } else {
      const { chatId, messageId } = props;
      const { chatId: _c, messageId: _m, container: _p, myVotes: mine, ...view } = r.data;
      client.setQueryData<History>(chatKeys.history(chatId), (h) => setPoll(h, messageId, view));
      client.setQueryData<MyPollVotesResponse>(chatKeys.pollVotes(chatId), (v) => ({ data: { ...v?.data, [poll.id]: mine } }));
    }
    setChosen([]);
  };
  const vote = useMutation({
    mutationFn: (optionIds: string[]) => api<PollResponse>('POST', `/polls/${poll.id}/votes`, { optionIds }),
    onSuccess: apply,
  });
  const retract = useMutation({
    mutationFn: () => api<PollResponse>('DELETE', `/polls/${poll.id}/votes`),
    onSuccess: apply,
  });

  return (
    <Box
      mt={6}
      p="md"
      maw={420}
      style={{ background: bg, color: fg, borderRadius: 12 }}
      role="group"
      aria-label={poll.question}
      data-poll-id={poll.id}
    >
      <Text fw={700} size="md" mb={4} style={{ overflowWrap: 'anywhere' }}>
        {poll.question}
      </Text>
      <Group gap={4} mb="sm">
        {poll.anonymous && <PollBadge fg={fg}>{t('polls.anonymousBadge')}</PollBadge>}
        {poll.multiple && <PollBadge fg={fg}>{t('polls.multipleBadge')}</PollBadge>}
        {poll.noRetract && <PollBadge fg={fg}>{t('polls.finalBadge')}</PollBadge>}
      </Group>
      <Stack gap={8}>
        {poll.options.map((o) => {
          const percent = percentOf(o.votes, poll.totalVoters);
          const mine = myVotes.includes(o.id);
          const inputId = `${idBase}-${o.id}`;
          const names = voters.byOption?.get(o.id);
          const row = (
            <Box
              style={{ width: '100%', cursor: mayVote && poll.multiple ? 'pointer' : undefined }}
              // Several answers: the whole answer (its text, count and bar) is the checkbox's label, so a tap on
              // the text ticks it.
              {...(mayVote && poll.multiple ? { component: 'label' as const, htmlFor: inputId } : {})}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  {mine && <IconCheck size={16} aria-label={t('polls.myVote')} />}
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {o.text}
                  </Text>
                </Group>
                <Text size="sm" fw={600} style={{ flexShrink: 0 }} data-testid="poll-result">
                  {o.votes} · {percent}%
                </Text>
              </Group>
              <Progress
                value={percent}
                mt={4}
                size="sm"
                color={fg === '#ffffff' ? 'rgba(255,255,255,0.95)' : 'rgba(0,0,0,0.7)'}
                bg={fg === '#ffffff' ? 'rgba(255,255,255,0.3)' : 'rgba(0,0,0,0.15)'}
                aria-label={t('polls.optionResult', { option: o.text, count: o.votes, percent })}
                transitionDuration={300}
              />
              {showVoters && names && (
                <Text size="xs" mt={4} style={{ overflowWrap: 'anywhere' }} data-testid="poll-voters">
                  {names.length === 0 ? t('polls.nobody') : names.map(fullName).join(', ')}
                </Text>
              )}
            </Box>
          );
          if (mayVote && poll.multiple) {
            return (
              <Group key={o.id} wrap="nowrap" gap="xs" align="flex-start">
                <Checkbox
                  id={inputId}
                  aria-label={o.text}
                  checked={chosen.includes(o.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChosen((c) => (on ? [...c, o.id] : c.filter((x) => x !== o.id)));
                  }}
                  color="dark"
                  mt={2}
                />
                {row}
              </Group>
            );
          }
          if (mayVote) {
            return (
              <UnstyledButton
                key={o.id}
                onClick={() => vote.mutate([o.id])}
                disabled={vote.isPending}
                aria-label={o.text}
                style={{ color: fg, borderRadius: 8, padding: 4, background: 'rgba(255,255,255,0.08)' }}
              >
                {row}
              </UnstyledButton>
            );
          }
          return (
            <Box key={o.id} p={4}>
              {row}
            </Box>
          );
        })}
      </Stack>
      <Group justify="space-between" mt="sm" gap="xs">
        <Text size="xs">
          {[
            t('polls.voters', { count: poll.totalVoters }),
            expired ? t('polls.closed') : poll.deadline ? t('polls.until', { date: dateTime(poll.deadline, i18n.language) }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {mayVote && poll.multiple && (
          <Button size="xs" variant="white" color="dark" disabled={chosen.length === 0} loading={vote.isPending} onClick={() => vote.mutate(chosen)}>
            {t('polls.vote')}
          </Button>
        )}
        {mayRetract && (
          <Button size="xs" variant="white" color="dark" loading={retract.isPending} onClick={() => retract.mutate()}>
            {t('polls.retract')}
          </Button>
        )}
      </Group>
      {seeVoters && (poll.totalVoters > 0 || showVoters) && (
        <Button
          size="compact-xs"
          variant="subtle"
          mt={6}
          px={4}
          leftSection={<IconUsers size={14} />}
          style={{ color: fg }}
          aria-expanded={showVoters}
          onClick={() => setShowVoters((v) => !v)}
        >
          {showVoters ? t('polls.hideVoters') : t('polls.showVoters')}
        </Button>
      )}
      {showVoters && voters.error != null && (
        <Box mt="xs">
          <ErrorAlert error={voters.error} />
        </Box>
      )}
      {(vote.isError || retract.isError) && (
        <Box mt="xs">
          <ErrorAlert error={vote.error ?? retract.error} />
        </Box>
      )}
    </Box>
  );
}

function PollBadge({ fg, children }: { fg: string; children: string }) {
  return (
    <Badge size="xs" variant="outline" style={{ color: fg, borderColor: fg }}>
      {children}
    </Badge>
  );
}
