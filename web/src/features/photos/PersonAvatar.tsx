import type { PersonSummary } from '@parta/contracts';
import { Avatar, type AvatarProps } from '@mantine/core';
import { initials } from '../common/personName';
import { usePhotoUrl } from './usePhotos';

/** A person's round avatar: their photo when they have one I may see, else their initials. */
export function PersonAvatar({
  person,
  ...props
}: { person: Pick<PersonSummary, 'id' | 'firstName' | 'lastName'> } & Omit<AvatarProps, 'src' | 'children'>) {
  const url = usePhotoUrl('users', person.id);
  return (
    <Avatar radius="xl" color="blue" src={url} alt="" {...props}>
      {initials(person)}
    </Avatar>
  );
}

/** A school's logo, or a letter of its name. */
export function SchoolLogo({ schoolId, name, ...props }: { schoolId: string; name: string } & Omit<AvatarProps, 'src' | 'children'>) {
  const url = usePhotoUrl('schools', schoolId);
  return (
    <Avatar radius="md" color="blue" src={url} alt="" {...props}>
      {name.replace(/[^\p{L}\p{N}]/gu, '').charAt(0).toUpperCase()}
    </Avatar>
  );
}
