/** The caller of a write and where it came from; jobs and start-up use `systemActor`. */
export interface RequestActor {
  userId: string | null;
  email: string | null;
  isSuperadmin: boolean;
  requestId: string | null;
  ip: string | null;
}

export const systemActor = (requestId: string | null = null): RequestActor => ({
  userId: null,
  email: 'system',
  isSuperadmin: true,
  requestId,
  ip: null,
});
