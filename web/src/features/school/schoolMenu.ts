import type { SchoolAbilities } from '../../api/types';

export type SchoolMenuKey =
  | 'documents' | 'videos' | 'articles' | 'members' | 'classes' | 'chats' | 'info' | 'appeals' | 'leaders'
  | 'requests' | 'invites' | 'news' | 'community' | 'reports' | 'audit';

/**
 * ORG-6: the eleven items of the guide's right-hand menu, in the guide's order; then the school's
 * news (NEWS-1 «Новости школы», NEWS-2 «Сообщество»), which the guide names but does not place.
 */
export const schoolMenuOrder: readonly SchoolMenuKey[] = [
  'documents', 'videos', 'articles', 'members', 'classes', 'chats', 'info', 'appeals', 'leaders', 'requests', 'invites',
  'news', 'community', 'reports', 'audit',
];

/** Which items this person sees: the server's abilities decide, never roles guessed here. */
export function visibleMenu(can: SchoolAbilities): SchoolMenuKey[] {
  return schoolMenuOrder.filter((k) => {
    if (k === 'requests') return can.reviewRequests;
    if (k === 'invites') return can.invite;
    // SAFE-1 «Жалобы» and «Журнал действий»: the school's administration.
    if (k === 'reports' || k === 'audit') return can.manage;
    return true;
  });
}
