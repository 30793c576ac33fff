import type { Actor } from '../../policy/actor.js';
import { rolesIn } from '../../policy/actor.js';
import { canChat, type ChatRef } from '../../policy/authorize.js';

/**
 * Who may post a poll. In personal and group chats, any member. In class and public chats — where
 * many children meet — only the adults who run them: the chat's owner or moderators, the school's
 * administrators and leaders, and teachers who are members. A named poll is a public tally of
 * classmates («who is the worst at…»), an easy tool for bullying; teachers ask the questions there.
 */
export function canCreatePoll(actor: Actor | null, chat: ChatRef): boolean {
  if (!actor || !canChat(actor, 'post', chat)) return false;
  if (chat.kind === 'personal' || chat.kind === 'group') return true;
  if (canChat(actor, 'moderate', chat)) return true;
  const roles = chat.schoolId ? rolesIn(actor, chat.schoolId) : [];
  return roles.includes('teacher') || roles.includes('admin') || roles.includes('leader');
}
