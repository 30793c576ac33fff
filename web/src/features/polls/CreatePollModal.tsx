import { Modal } from '@mantine/core';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyScreen } from '../../app/lazyScreen';
import { Loading } from '../common/ui';
import type { CreatePollTarget } from './CreatePollDialog';
import './texts';

export type { CreatePollTarget } from './CreatePollDialog';

// The form (a colour picker, the deadline's calendar) loads when a person first opens it, not with the chat.
const CreatePollDialog = lazyScreen(() => import('./CreatePollDialog').then((m) => m.CreatePollDialog));

/** POLL-1/2 «Опрос»: see CreatePollDialog.tsx. Until its code has come, the dialog opens with a spinner in it. */
export function CreatePollModal(props: CreatePollTarget & { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  // Once opened it stays mounted, as a Mantine modal does: closing animates, and the form keeps what was typed.
  const [wanted, setWanted] = useState(props.opened);
  if (props.opened && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense
      fallback={
        <Modal opened={props.opened} onClose={props.onClose} title={t('polls.title')} size="lg">
          <Loading />
        </Modal>
      }
    >
      <CreatePollDialog {...props} />
    </Suspense>
  );
}
