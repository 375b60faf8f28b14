import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useMe } from '../../session/session-context';
import { useTenantAccess } from '../../session/tenant-access';

/**
 * Names for the user ids that made versions. Versions carry only `createdBy` (an id): the console
 * names the signed-in user itself, the tenant's members when the role may list them (admins), and
 * any user when the caller is a superadmin; other ids stay ids.
 */
export function useAuthors(ids: readonly (string | null)[]): (id: string | null) => string {
  const me = useMe();
  const { tenant, can } = useTenantAccess();
  const [names, setNames] = useState<Record<string, string>>({});
  const wanted = [...new Set(ids.filter((id): id is string => !!id && id !== me.id))].sort();
  const key = wanted.join(',');

  useEffect(() => {
    if (!key) return;
    let current = true;
    void (async () => {
      const found: Record<string, string> = {};
      if (can.manageMembers) {
        const { data } = await api.GET('/api/tenants/{tenant}/members', {
          params: { path: { tenant }, query: { pageSize: 1000 } },
        });
        for (const member of data?.results ?? []) found[member.userId] = `${member.username} (${member.email})`;
      }
      if (me.isSuperadmin) {
        for (const id of key.split(',').filter((id) => !found[id])) {
          const { data } = await api.GET('/api/users/{id}', { params: { path: { id } } });
          if (data) found[id] = `${data.username} (${data.email})`;
        }
      }
      if (current) setNames(found);
    })();
    return () => {
      current = false;
    };
  }, [key, tenant, can.manageMembers, me.isSuperadmin]);

  return (id) => {
    if (!id) return 'the system';
    if (id === me.id) return `you (${me.email})`;
    return names[id] ?? `user ${id.slice(0, 8)}`;
  };
}
