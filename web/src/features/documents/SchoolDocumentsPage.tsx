import type { SchoolDocument } from '@parta/contracts';
import { ActionIcon, Button, Group, Paper, Select, Stack, Tooltip } from '@mantine/core';
import { IconFolderPlus, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText, ErrorAlert, Loading, PageTitle } from '../common/ui';
import { useSchoolContext } from '../school/useSchool';
import { useDocuments, useFolders } from './api';
import { ConfirmDeleteModal } from './ConfirmDeleteModal';
import { DocumentRow } from './DocumentRow';
import { EditDocumentModal } from './EditDocumentModal';
import { FolderModal } from './FolderModal';
import { UploadDocumentModal } from './UploadDocumentModal';
import './texts';

/**
 * DOC-1 «Документы школы»: the school's methodical library, newest first, by folder and tag. «+»
 * shows the upload limits, then «Загрузить файл»; every member of the school sees what is added.
 */
export function SchoolDocumentsPage() {
  const { t } = useTranslation();
  const { data: school } = useSchoolContext();
  const [folderId, setFolderId] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [newFolder, setNewFolder] = useState(false);
  const [editing, setEditing] = useState<SchoolDocument | null>(null);
  const [deleting, setDeleting] = useState<SchoolDocument | null>(null);
  const docs = useDocuments(school.id, 'document', folderId, tag);
  const folders = useFolders(school.id);
  const folderList = folders.data?.data ?? [];
  const can = docs.data?.can;

  return (
    <Stack gap="md">
      <PageTitle
        right={
          can?.upload && (
            <Tooltip label={t('documents.add')}>
              <ActionIcon size="lg" radius="xl" onClick={() => setUploading(true)} aria-label={t('documents.add')}>
                <IconPlus size={20} />
              </ActionIcon>
            </Tooltip>
          )
        }
      >
        {t('schoolMenu.documents')}
      </PageTitle>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('documents.folder')}
          data={[{ value: '', label: t('documents.allFolders') }, ...folderList.map((f) => ({ value: f.id, label: `${f.name} (${f.documentCount})` }))]}
          value={folderId ?? ''}
          onChange={(v) => setFolderId(v || null)}
          allowDeselect={false}
          w={{ base: '100%', xs: 220 }}
        />
        <Select
          label={t('documents.tag')}
          data={[{ value: '', label: t('documents.allTags') }, ...(docs.data?.tags ?? []).map((x) => ({ value: x, label: `#${x}` }))]}
          value={tag ?? ''}
          onChange={(v) => setTag(v || null)}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
        />
        {folders.data?.can.create && (
          <Button variant="default" leftSection={<IconFolderPlus size={16} />} onClick={() => setNewFolder(true)}>
            {t('documents.newFolder')}
          </Button>
        )}
      </Group>
      {docs.isPending ? (
        <Loading />
      ) : docs.isError ? (
        <ErrorAlert error={docs.error} onRetry={() => void docs.refetch()} />
      ) : docs.data.data.length === 0 ? (
        <Paper withBorder p="md">
          <EmptyText>{folderId || tag ? t('documents.emptyFiltered') : t('documents.empty')}</EmptyText>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('schoolMenu.documents')}>
          {docs.data.data.map((d) => (
            <DocumentRow key={d.id} doc={d} onEdit={setEditing} onDelete={setDeleting} />
          ))}
        </Stack>
      )}
      <UploadDocumentModal opened={uploading} onClose={() => setUploading(false)} schoolId={school.id} folders={folderList} defaultFolderId={folderId} />
      <FolderModal opened={newFolder} onClose={() => setNewFolder(false)} schoolId={school.id} onCreated={setFolderId} />
      <EditDocumentModal doc={editing} onClose={() => setEditing(null)} folders={folderList} />
      <ConfirmDeleteModal doc={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
