import type { classParentsResponse, inviteStudentsResponse } from '@parta/contracts';
import type { z } from 'zod';

export type ClassParentsResponse = z.infer<typeof classParentsResponse>;
export type InviteStudentsResponse = z.infer<typeof inviteStudentsResponse>;
