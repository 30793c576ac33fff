// Response and request types inferred from the shared contracts, so the web and server agree.
import type {
  acceptInviteRequest, acceptInviteResponse, appointLeaderRequest, classesResponse, classPageResponse,
  contactsResponse, createClassRequest, createInviteRequest, createInviteResponse, createJoinRequestRequest,
  createSchoolRequest, createSchoolResponse, identifyResponse, invitePreviewResponse, invitesResponse,
  joinRequestResponse, joinRequestsResponse, meResponse, membersResponse, operatorSchoolsResponse,
  registryClassesResponse, registryPlacesResponse, registrySearchResponse, schoolPageResponse, sendCodeResponse,
  updateProfileRequest, updateSchoolRequest, verifyCodeResponse,
} from '@parta/contracts';
import type { z } from 'zod';

export type IdentifyResponse = z.infer<typeof identifyResponse>;
export type SendCodeResponse = z.infer<typeof sendCodeResponse>;
export type VerifyCodeResponse = z.infer<typeof verifyCodeResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type UpdateProfileRequest = z.input<typeof updateProfileRequest>;
export type SchoolPageResponse = z.infer<typeof schoolPageResponse>;
export type SchoolPage = SchoolPageResponse['data'];
export type SchoolAbilities = SchoolPageResponse['can'];
export type UpdateSchoolRequest = z.input<typeof updateSchoolRequest>;
export type MembersResponse = z.infer<typeof membersResponse>;
export type Member = MembersResponse['data'][number];
export type AppointLeaderRequest = z.input<typeof appointLeaderRequest>;
export type ClassesResponse = z.infer<typeof classesResponse>;
export type CreateClassRequest = z.input<typeof createClassRequest>;
export type ClassPageResponse = z.infer<typeof classPageResponse>;
export type InvitesResponse = z.infer<typeof invitesResponse>;
export type Invite = InvitesResponse['data'][number];
export type CreateInviteRequest = z.input<typeof createInviteRequest>;
export type CreateInviteResponse = z.infer<typeof createInviteResponse>;
export type InvitePreviewResponse = z.infer<typeof invitePreviewResponse>;
export type AcceptInviteRequest = z.input<typeof acceptInviteRequest>;
export type AcceptInviteResponse = z.infer<typeof acceptInviteResponse>;
export type CreateJoinRequestRequest = z.input<typeof createJoinRequestRequest>;
export type JoinRequestResponse = z.infer<typeof joinRequestResponse>;
export type JoinRequestsResponse = z.infer<typeof joinRequestsResponse>;
export type RegistryPlacesResponse = z.infer<typeof registryPlacesResponse>;
export type RegistrySearchResponse = z.infer<typeof registrySearchResponse>;
export type RegistryClassesResponse = z.infer<typeof registryClassesResponse>;
export type OperatorSchoolsResponse = z.infer<typeof operatorSchoolsResponse>;
export type CreateSchoolRequest = z.input<typeof createSchoolRequest>;
export type CreateSchoolResponse = z.infer<typeof createSchoolResponse>;
export type ContactsResponse = z.infer<typeof contactsResponse>;
