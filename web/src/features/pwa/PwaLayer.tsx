import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { onNavigateRequest } from './serviceWorker';
import { PageStatusBars } from './StatusBars';
import { useOffline } from './useAppStatus';

/**
 * What the installable app adds to every page: the status bars outside the signed-in frame, a clicked notification
 * opening its screen in this tab, and fresh data as soon as the server can be reached again.
 */
export function PwaLayer() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const offline = useOffline();
  const wasOffline = useRef(offline);

  useEffect(() => {
    onNavigateRequest((path) => navigate(path));
    return () => onNavigateRequest(null);
  }, [navigate]);

  useEffect(() => {
    // Back online: what is on screen came from the worker's cache (or failed); read it again from the server.
    if (wasOffline.current && !offline) void client.invalidateQueries();
    wasOffline.current = offline;
  }, [offline, client]);

  return <PageStatusBars />;
}
